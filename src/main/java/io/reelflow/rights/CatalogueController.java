package io.reelflow.rights;

import io.reelflow.rights.CatalogueRequests.NewHoldback;
import io.reelflow.rights.CatalogueRequests.NewRightsIn;
import io.reelflow.rights.CatalogueRequests.NewTitle;
import io.reelflow.rights.CatalogueViews.ImportResult;
import io.reelflow.rights.CatalogueViews.RightsInView;
import io.reelflow.rights.CatalogueViews.TitleView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
@Tag(name = "Catalogue", description = "Titles, rights held from licensors (rights-in), holdbacks, grants")
public class CatalogueController {

    private final CatalogueService catalogue;
    private final RightsService rights;

    public CatalogueController(CatalogueService catalogue, RightsService rights) {
        this.catalogue = catalogue;
        this.rights = rights;
    }

    @PostMapping(path = "/titles", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a title")
    public ResponseEntity<TitleView> createTitle(@Valid @RequestBody NewTitle req) {
        TitleView t = catalogue.createTitle(req);
        return ResponseEntity.created(URI.create("/api/titles/" + t.id())).body(t);
    }

    @GetMapping("/titles/{id}")
    public TitleView title(@PathVariable long id) {
        return catalogue.title(id);
    }

    @GetMapping("/titles")
    @Operation(summary = "Find titles by part of their name")
    public List<TitleView> titles(@RequestParam(required = false) String name) {
        return catalogue.findTitles(name);
    }

    @GetMapping("/titles/{id}/rights-in")
    public List<RightsInView> rightsInOfTitle(@PathVariable long id) {
        return catalogue.rightsInForTitle(id);
    }

    @GetMapping("/titles/{id}/grants")
    public List<GrantView> grantsOfTitle(@PathVariable long id) {
        catalogue.title(id);
        return rights.grantsOfTitle(id);
    }

    @PostMapping(path = "/rights-in", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record rights held from a licensor (with optional holdbacks)")
    public ResponseEntity<RightsInView> createRightsIn(@Valid @RequestBody NewRightsIn req) {
        RightsInView r = catalogue.createRightsIn(req);
        return ResponseEntity.created(URI.create("/api/rights-in/" + r.id())).body(r);
    }

    @GetMapping("/rights-in/{id}")
    public RightsInView rightsIn(@PathVariable long id) {
        return catalogue.rightsIn(id);
    }

    @PostMapping(path = "/rights-in/{id}/holdbacks", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a holdback to a rights-in record")
    public ResponseEntity<RightsInView> addHoldback(@PathVariable long id, @Valid @RequestBody NewHoldback req) {
        return ResponseEntity.status(201).body(catalogue.addHoldback(id, req));
    }

    @PostMapping(path = "/rights-in/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Bulk import rights-in from CSV",
            description = "Header: title_id,licensor,territories,media,term_start,term_end,exclusive. Territories and media are "
                    + "separated by spaces or '|'. All or nothing: a file with any bad row imports nothing and every bad row is reported.")
    public ResponseEntity<ImportResult> importCsv(@RequestBody byte[] csv) {
        return ResponseEntity.status(201).body(catalogue.importCsv(utf8(csv)));
    }

    /** The file must be UTF-8: a byte that is not is refused, never stored as a replacement character. */
    private static String utf8(byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new io.reelflow.platform.web.InvalidInputException("csv", "the file is not valid UTF-8");
        }
    }
}
