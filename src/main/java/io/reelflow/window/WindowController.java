package io.reelflow.window;

import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.window.WindowService.LicenceWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Windows", description = "Licence windows and their renewal status")
public class WindowController {

    public record ExpiringWindow(String crmDealId, String licensee, String titles, LocalDate windowStart, LocalDate lastDay,
                                 long daysLeft, WindowState state, RenewalStatus renewalStatus) {
    }

    private static final Pattern WITHIN = Pattern.compile("(\\d{1,4})d|P(\\d{1,4})D");

    private final WindowService windows;

    public WindowController(WindowService windows) {
        this.windows = windows;
    }

    @GetMapping("/api/windows/expiring")
    @Operation(summary = "Windows whose last day falls within the given number of days (e.g. within=90d), soonest first")
    public List<ExpiringWindow> expiring(@RequestParam(defaultValue = "90d") String within) {
        Matcher m = WITHIN.matcher(within.strip());
        if (!m.matches()) throw new InvalidInputException("within", "'" + within + "' is not a number of days such as 90d (at most 9999d)");
        int days = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
        LocalDate today = io.reelflow.platform.EngineClock.today();
        return windows.expiring(today, days).stream().map(w -> view(w, today)).toList();
    }

    private static ExpiringWindow view(LicenceWindow w, LocalDate today) {
        return new ExpiringWindow(w.dealRef(), w.licensee(), w.titleNames(), w.start(), w.end(), ChronoUnit.DAYS.between(today, w.end()),
                w.state(), w.renewalStatus());
    }
}
