package io.reelflow.rights;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.TerritoryAvail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Avails", description = "What can still be licensed")
public class AvailsController {

    public record AvailsView(long titleId, String titleName, Media media, LocalDate from, LocalDate to, boolean exclusive,
                             int availableTerritories, List<TerritoryAvail> territories) {
    }

    private final RightsService rights;
    private final CatalogueService catalogue;

    public AvailsController(RightsService rights, CatalogueService catalogue) {
        this.rights = rights;
        this.catalogue = catalogue;
    }

    @GetMapping("/api/avails")
    @Operation(summary = "Avails of one title per territory",
            description = "For each territory: available or not, the conflicts that stand in the way, and the free sub-periods of [from, to].")
    public AvailsView avails(@RequestParam long titleId, @RequestParam Media media,
                             @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @RequestParam(defaultValue = "true") boolean exclusive,
                             @RequestParam(required = false) List<String> territories) {
        String name;
        try {
            name = catalogue.title(titleId).name();
        } catch (io.reelflow.platform.web.NotFoundException e) {
            throw new io.reelflow.platform.web.NotFoundException("titleId", "no title with id " + titleId);
        }
        if (to != null && to.isBefore(from)) throw new InvalidInputException("to", "'to' " + to + " is before 'from' " + from);
        Set<String> countries = null;
        if (territories != null && !territories.isEmpty()) {
            List<FieldProblem> problems = new ArrayList<>();
            countries = CatalogueService.territories(territories, "territories", problems);
            if (!problems.isEmpty()) throw new InvalidInputException(problems);
        }
        List<TerritoryAvail> result = rights.avails(titleId, media, new DateWindow(from, to), exclusive, countries);
        int available = (int) result.stream().filter(TerritoryAvail::available).count();
        return new AvailsView(titleId, name, media, from, to, exclusive, available, result);
    }
}
