package io.reelflow.rights;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.EmaAvailsService.ExportRequest;
import io.reelflow.rights.ema.EmaAvail;
import io.reelflow.rights.ema.EmaTemplate;
import io.reelflow.rights.ema.EmaXlsxWriter;
import io.reelflow.rights.ema.EmaXmlWriter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** EMA Avails export: what we can offer a buyer (or what we have granted), as the trade's XLSX template or XML. */
@RestController
@Tag(name = "Avails", description = "What can still be licensed")
public class EmaAvailsController {

    private final EmaAvailsService ema;

    public EmaAvailsController(EmaAvailsService ema) {
        this.ema = ema;
    }

    @GetMapping("/api/avails/ema")
    @Operation(summary = "Avails as an EMA Avails file (XLSX template 1.9 or XML 2.6)",
            description = "One row per title x territory x media x free window from the avails rules: never a day before today, nothing "
                    + "held back or granted exclusively to someone else. With of=grants, the grants we have made (pending or active) for a "
                    + "buyer's reconciliation. XLSX for Accept " + EmaTemplate.XLSX_MEDIA_TYPE + ", XML for application/xml; format=xlsx|xml "
                    + "overrides Accept (for a browser link). At most 60,000 rows per file: a larger export answers 400 naming the row count "
                    + "and the parts; fetch it with part=1..n or narrow titleIds, territories, media or from/to.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the EMA file", content = {
                            @Content(mediaType = EmaTemplate.XLSX_MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")),
                            @Content(mediaType = "application/xml", schema = @Schema(type = "string"), examples = @io.swagger.v3.oas.annotations.media.ExampleObject(
                                    name = "one Avail", value = "<avails:AvailList xmlns:avails=\"http://www.movielabs.com/schema/avails/v2.6/avails\" "
                                    + "xmlns:md=\"http://www.movielabs.com/schema/md/v2.10/md\"><avails:Avail><avails:ALID>md:alid:org:reelflow.io:title-1</avails:ALID>"
                                    + "<avails:Disposition><avails:EntryType>Full Extract</avails:EntryType></avails:Disposition><avails:Licensor>"
                                    + "<md:DisplayName>Reelflow</md:DisplayName></avails:Licensor><avails:AvailType>single</avails:AvailType>"
                                    + "<avails:ShortDescription>The Last Lighthouse</avails:ShortDescription><avails:Asset contentID=\"md:cid:org:reelflow.io:title-1\">"
                                    + "<avails:WorkType>Movie</avails:WorkType><avails:Metadata><avails:TitleDisplayUnlimited>The Last Lighthouse"
                                    + "</avails:TitleDisplayUnlimited><avails:TitleInternalAlias>The Last Lighthouse</avails:TitleInternalAlias>"
                                    + "</avails:Metadata></avails:Asset><avails:Transaction><avails:LicenseType>SVOD</avails:LicenseType><avails:Territory>"
                                    + "<md:country>FR</md:country></avails:Territory><avails:Start>2027-01-01T00:00:00</avails:Start>"
                                    + "<avails:End>2028-12-31T23:59:59</avails:End><avails:FormatProfile>HD</avails:FormatProfile><avails:Term termName=\"Exclusive\">"
                                    + "<avails:Boolean>true</avails:Boolean></avails:Term><avails:Term termName=\"ExclusiveAttributes\"><avails:Text>"
                                    + "Exclusive SVOD in FR</avails:Text></avails:Term></avails:Transaction></avails:Avail></avails:AvailList>"))}),
                    @ApiResponse(responseCode = "400", description = "a bad parameter, or more than 60,000 rows for one file",
                            content = @Content(mediaType = "application/problem+json"))})
    public void export(@Parameter(description = "titles (default: every title with rights held)", example = "1")
                       @RequestParam(required = false) List<Long> titleIds,
                       @Parameter(description = "ISO 3166-1 countries, UN M49 regions or WW (default: every country held)", example = "DE")
                       @RequestParam(required = false) List<String> territories,
                       @Parameter(description = "SVOD, TVOD, EST (default: all three; other media have no EMA LicenseType)", example = "SVOD")
                       @RequestParam(required = false) List<String> media,
                       @Parameter(description = "first day (default and earliest: today)", example = "2027-01-01")
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @Parameter(description = "last day (default: open, evergreen windows end Open)", example = "2028-12-31")
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                       @Parameter(description = "offer exclusive licences (default) or non-exclusive ones")
                       @RequestParam(defaultValue = "true") boolean exclusive,
                       @Parameter(description = "avails (default) or grants", example = "avails")
                       @RequestParam(name = "of", defaultValue = "avails") String of,
                       @Parameter(description = "xlsx or xml; overrides Accept", example = "xlsx")
                       @RequestParam(required = false) String format,
                       @Parameter(description = "for an export above 60,000 rows: which file, 1..n")
                       @RequestParam(required = false) Integer part,
                       @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                       HttpServletResponse response) throws IOException, XMLStreamException {
        boolean xml = xml(format, accept);
        boolean grants = switch (of) {
            case "avails" -> false;
            case "grants" -> true;
            default -> throw new InvalidInputException("of", "'" + of + "' must be avails or grants");
        };
        Set<String> countries = null;
        if (territories != null && !territories.isEmpty()) {
            List<FieldProblem> problems = new ArrayList<>();
            countries = CatalogueService.territories(territories, "territories", problems);
            if (!problems.isEmpty()) throw new InvalidInputException(problems);
        }
        List<EmaAvail> rows = ema.rows(new ExportRequest(titleIds, countries, EmaAvailsService.media(media), from, to, exclusive, grants));
        int parts = Math.max(1, (rows.size() + EmaTemplate.MAX_ROWS - 1) / EmaTemplate.MAX_ROWS);
        if (part == null && rows.size() > EmaTemplate.MAX_ROWS) {
            throw new InvalidInputException("rows", "the export has " + rows.size() + " rows and an EMA Avails file takes at most "
                    + EmaTemplate.MAX_ROWS + ": narrow titleIds, territories, media or from/to, or fetch it in " + parts
                    + " files with part=1.." + parts);
        }
        if (part != null && (part < 1 || part > parts)) {
            throw new InvalidInputException("part", "part " + part + " does not exist: the export has " + rows.size() + " rows in " + parts
                    + (parts == 1 ? " file" : " files") + " of at most " + EmaTemplate.MAX_ROWS + " rows");
        }
        List<EmaAvail> file = part == null ? rows
                : rows.subList((part - 1) * EmaTemplate.MAX_ROWS, Math.min(rows.size(), part * EmaTemplate.MAX_ROWS));
        String name = "reelflow-" + (grants ? "grants" : "avails") + "-ema-" + io.reelflow.platform.EngineClock.today()
                + (part == null ? "" : "-part-" + part + "-of-" + parts) + (xml ? ".xml" : ".xlsx");
        response.setStatus(200);
        response.setContentType(xml ? "application/xml;charset=UTF-8" : EmaTemplate.XLSX_MEDIA_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        response.setHeader("X-Ema-Rows", Integer.toString(file.size()));
        response.setHeader("X-Ema-Parts", Integer.toString(parts));
        OutputStream out = response.getOutputStream();
        if (xml) EmaXmlWriter.write(file, out);
        else EmaXlsxWriter.write(file, out);
        out.flush();
    }

    private static boolean xml(String format, String accept) {
        if (format != null) {
            return switch (format.strip().toLowerCase()) {
                case "xml" -> true;
                case "xlsx" -> false;
                default -> throw new InvalidInputException("format", "'" + format + "' must be xlsx or xml");
            };
        }
        if (accept == null) return false;
        String a = accept.toLowerCase();
        if (a.contains("spreadsheetml")) return false;
        return a.contains("application/xml") || a.contains("text/xml");
    }
}
