package io.reelflow.rights;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.CatalogueViews.ImportResult;
import io.reelflow.rights.ema.EmaRecord;
import io.reelflow.rights.ema.EmaTemplate;
import io.reelflow.rights.ema.EmaXlsxReader;
import io.reelflow.rights.ema.EmaXmlReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rights-in from a licensor's EMA Avails file (XLSX template 1.8/1.9 or XML 2.5/2.6). */
@RestController
@Tag(name = "Catalogue", description = "Titles, rights held from licensors (rights-in), holdbacks, grants")
public class EmaRightsInController {

    private final EmaImportService imports;

    public EmaRightsInController(EmaImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/rights-in/import/ema", consumes = {EmaTemplate.XLSX_MEDIA_TYPE, "application/xml", "text/xml"})
    @Operation(summary = "Import rights-in from a licensor's EMA Avails (XLSX or XML)",
            description = "The body is the file: an EMA Avails spreadsheet (template 1.8 or 1.9, sheet Avails) or an Avails XML AvailList "
                    + "(2.5 or 2.6). Each row (each Transaction x Territory in XML) is a right we hold: DisplayName is the licensor, "
                    + "Territory an ISO 3166-1 code (or UN M49 region, WW), LicenseType SVOD, VOD (our TVOD) or EST, Start and End dates "
                    + "(End may be Open), Exclusive Yes/No. Titles are matched by map=<ALID or ContentID>=<title id>, else by the EIDR id "
                    + "in ContentID, else by an ALID Reelflow wrote; an import never creates a title. All or nothing: any problem and "
                    + "nothing is stored; each is named by sheet!cell (or XML path), column and reason. At most 60,000 rows and "
                    + "32 MiB; a zip bomb, formula or merged cells, dates as text in other forms are refused.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @io.swagger.v3.oas.annotations.media.Content(mediaType = EmaTemplate.XLSX_MEDIA_TYPE,
                            schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")),
                    @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/xml",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))}))
    public ResponseEntity<ImportResult> importEma(
            @Parameter(description = "explicit title mapping, repeatable: <ALID or ContentID>=<title id>", example = "md:alid:org:harbour:lighthouse=1")
            @RequestParam(name = "map", required = false) List<String> map,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) throws IOException {
        Map<String, Long> mapping = mapping(map);
        List<FieldProblem> problems = new ArrayList<>();
        List<EmaRecord> records;
        if (contentType.toLowerCase().startsWith(EmaTemplate.XLSX_MEDIA_TYPE)) {
            Path file = Files.createTempFile("reelflow-ema-", ".xlsx");
            try {
                Files.copy(body, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                records = EmaXlsxReader.read(file, problems);
            } finally {
                Files.deleteIfExists(file);
            }
        } else {
            records = EmaXmlReader.read(body, problems);
        }
        return ResponseEntity.status(201).body(imports.importRecords(records, problems, mapping));
    }

    private static Map<String, Long> mapping(List<String> map) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (map == null) return out;
        if (map.size() > 10_000) throw new InvalidInputException("map", "at most 10000 mappings");
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            String m = map.get(i) == null ? "" : map.get(i).strip();
            int eq = m.lastIndexOf('=');
            Long id = null;
            if (eq > 0) {
                try {
                    id = Long.parseLong(m.substring(eq + 1).strip());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            if (id == null || id <= 0) problems.add(new FieldProblem("map[" + i + "]", "'" + m + "' must be <ALID or ContentID>=<title id>"));
            else out.put(m.substring(0, eq).strip(), id);
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return out;
    }
}
