package io.reelflow.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API explorer (/swagger-ui.html, /v3/api-docs): Reelflow's title, version and description; HTTP Basic and API
 * tokens (Bearer) as security schemes, so "Authorize" works; for every request body an example the service accepts
 * (the README's deal, a delivery event of each type, a receipt…); and on every operation the answers it really
 * gives besides success — 400, 401, 403, 404 — each with an RFC 9457 problem example.
 *
 * <p>Examples and refusals are attached here by method and path rather than in each controller, so the controllers
 * keep only what describes their own success.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    @Bean
    OpenAPI reelflowOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties props = build.getIfAvailable();
        String version = props != null ? props.getVersion()
                : java.util.Optional.ofNullable(OpenApiConfiguration.class.getPackage().getImplementationVersion()).orElse("0.1.0-SNAPSHOT");
        return new OpenAPI()
                .info(new Info().title("Reelflow").version(version).description("""
                        Licensing titles to Netflix: signed deals from the CRM are checked against the rights we hold, \
                        granted, delivered (IMF package, localisation tracks, QC) and invoiced; licensors are paid through \
                        the royalty waterfall. People sign in with HTTP Basic (their Reelflow user and password); service \
                        accounts send an API token as `Authorization: Bearer rft_…`. Every refusal is \
                        `application/problem+json` (RFC 9457) naming each field and the reason."""))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("a Reelflow user and password (e.g. crm / reelflow in the demo)"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("rft_…")
                                .description("an API token of a service account, issued by an admin: POST /api/admin/tokens")))
                .security(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER)));
    }

    @Bean
    OpenApiCustomizer reelflowExamplesAndRefusals() {
        return api -> {
            if (api.getPaths() == null) return;
            if (api.getComponents() == null) api.setComponents(new Components());
            api.getComponents().addSchemas("Problem", new io.swagger.v3.oas.models.media.ObjectSchema()
                    .description("RFC 9457 problem details; errors names each refused field and the reason")
                    .addProperty("type", new io.swagger.v3.oas.models.media.StringSchema().format("uri"))
                    .addProperty("title", new io.swagger.v3.oas.models.media.StringSchema())
                    .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
                    .addProperty("detail", new io.swagger.v3.oas.models.media.StringSchema())
                    .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(new io.swagger.v3.oas.models.media.ObjectSchema()
                            .addProperty("field", new io.swagger.v3.oas.models.media.StringSchema())
                            .addProperty("reason", new io.swagger.v3.oas.models.media.StringSchema()))));
            api.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/")) return;
                item.readOperationsMap().forEach((method, op) -> describe(path, method, op));
            });
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation op) {
        String key = method.name() + " " + path;
        Map<String, Object> examples = REQUEST_EXAMPLES.get(key);
        if (examples != null && op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            op.getRequestBody().getContent().forEach((type, media) -> {
                Map<String, Example> byName = new LinkedHashMap<>();
                examples.forEach((name, value) -> {
                    boolean csv = value instanceof String;
                    if (csv == (type.startsWith("text/") || type.endsWith("/xml"))) byName.put(name, new Example().summary(name).value(value));
                });
                if (!byName.isEmpty()) {
                    media.setExample(null);
                    media.setExamples(byName);
                }
            });
        }
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        op.setResponses(responses);
        if (key.equals("POST /api/deliveries/{deliveryId}/events")) {
            responses.remove("200");
            responses.addApiResponse("202", new ApiResponse().description(
                    "stored; status DELIVERED (the waiting task took it) or PENDING (kept until the process waits for it)")
                    .content(json(Map.of("eventId", "pixellab-7781", "deliveryId", 1, "type", "PACKAGE_READY", "status", "DELIVERED", "duplicate", false))));
            responses.addApiResponse("200", new ApiResponse().description("the same eventId again: the first result, nothing done twice")
                    .content(json(Map.of("eventId", "pixellab-7781", "deliveryId", 1, "type", "PACKAGE_READY", "status", "DELIVERED", "duplicate", true))));
        }
        boolean queried = op.getParameters() != null && op.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()));
        if (op.getRequestBody() != null || queried) {
            add(responses, "400", "invalid input: each field named with the reason; nothing changed",
                    problem(400, "Invalid input", "territories[1]: unknown territory code 'XX'",
                            List.of(Map.of("field", "territories[1]", "reason", "unknown territory code 'XX'"))));
        }
        add(responses, "401", "no or bad credentials (HTTP Basic or Bearer API token)",
                problem(401, "Unauthorized", "authentication required (HTTP Basic with a valid user and password, or Bearer with a valid API token)", null));
        add(responses, "403", "signed in, but this role may not do this", problem(403, "Forbidden", "your role may not do this", null));
        if (path.contains("{")) {
            add(responses, "404", "no such record", problem(404, "Not found", "no delivery 9999", null));
        } else if (REFERENCING.contains(path)) {
            add(responses, "404", "a record the request refers to does not exist: each such field named; nothing changed",
                    problem(404, "Not found", "titleIds[0]: no title with id 9999",
                            List.of(Map.of("field", "titleIds[0]", "reason", "no title with id 9999"))));
        }
    }

    private static void add(ApiResponses responses, String code, String description, Map<String, Object> example) {
        ApiResponse existing = responses.get(code);
        ApiResponse response = existing != null ? existing : new ApiResponse().description(description);
        if (response.getDescription() == null || response.getDescription().isBlank()) response.setDescription(description);
        Content content = response.getContent() == null ? new Content() : response.getContent();
        content.remove("*/*");
        content.addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))
                .example(example));
        response.setContent(content);
        responses.addApiResponse(code, response);
    }

    private static Content json(Object example) {
        return new Content().addMediaType("application/json", new MediaType().example(example));
    }

    private static Map<String, Object> problem(int status, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://reelflow.io/problems/" + title.toLowerCase().replace(' ', '-'));
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        if (errors != null) p.put("errors", errors);
        return p;
    }

    /** The README's deal (The Last Lighthouse, exclusive SVOD in France, the UK and Latin America, 2027–2028). */
    static final Map<String, Object> DEAL = ordered(
            "crmDealId", "NFX-2026-0101",
            "licensee", "Netflix",
            "titleIds", List.of(1),
            "media", List.of("SVOD"),
            "exclusive", true,
            "territories", List.of("FR", "GB", "419"),
            "windowStart", "2027-01-01",
            "windowEnd", "2028-12-31",
            "fee", ordered("type", "FIXED", "currency", "EUR", "amount", 1200000.00,
                    "instalments", List.of(
                            ordered("percent", 30, "trigger", "SIGNATURE", "creditDays", 30),
                            ordered("percent", 40, "trigger", "DELIVERY_ACCEPTED", "creditDays", 30),
                            ordered("percent", 30, "trigger", "WINDOW_START", "creditDays", 45))),
            "localization", ordered("subtitles", List.of("fr", "es-419", "pt-BR"), "dubs", List.of("fr", "es-419"),
                    "audioDescription", List.of("en"), "forcedNarratives", List.of("fr")),
            "format", ordered("resolution", "UHD", "dynamicRange", "HDR10"),
            "deliveryDue", "2026-12-15");

    /** Request-body examples by "METHOD path"; a String value is a text/csv body, anything else JSON. */
    /** Paths without a path variable whose body or query names other records (titles, deals, agreements) by id. */
    static final java.util.Set<String> REFERENCING = java.util.Set.of("/api/deals", "/api/rights-in", "/api/royalty-receipts",
            "/api/avails", "/api/avails/ema", "/api/rights-in/import/ema");

    static final Map<String, Map<String, Object>> REQUEST_EXAMPLES = Map.ofEntries(
            Map.entry("POST /api/deals", Map.of("The Last Lighthouse, SVOD FR GB 419, 2027-2028", DEAL)),
            Map.entry("POST /api/deals/{crmDealId}/amendments", Map.of("end the window six months earlier",
                    ordered("windowEnd", "2028-06-30", "reason", "Netflix asked to end the window at the end of June 2028"))),
            Map.entry("POST /api/deliveries/{deliveryId}/events", ordered(
                    "PACKAGE_READY", ordered("eventId", "pixellab-7781", "type", "PACKAGE_READY",
                            "packageLocation", "/mnt/delivery/NFX-2026-0101/imp1"),
                    "TRACK_DELIVERED", ordered("eventId", "pixellab-7782", "type", "TRACK_DELIVERED", "kind", "SUBTITLE",
                            "language", "fr", "fileLocation", "/mnt/delivery/NFX-2026-0101/subs/fr.ttml"),
                    "QC_RESULT rejected", ordered("eventId", "netflix-qc-5521", "type", "QC_RESULT", "result", "REJECTED",
                            "items", List.of(ordered("category", "AUDIO_SYNC", "code", "A-SYNC-02", "timecode", "01:12:04:10",
                                    "note", "dialogue 3 frames late after the reel change"))))),
            Map.entry("POST /api/admin/tokens", Map.of("a token for the CRM",
                    ordered("account", "crm-prod", "role", "crm-integration", "name", "CRM production"))),
            Map.entry("POST /api/admin/tokens/{id}/rotation", Map.of("old token valid one more hour", ordered("overlapSeconds", 3600))),
            Map.entry("POST /api/admin/webhooks", Map.of("the CRM hears of deals and deliveries", ordered("url", "https://crm.example.com/reelflow/events",
                    "secret", "whsec_5b1f0c8e2d7a4e6f9a3c1b0d8e7f6a5b", "eventKinds", List.of("deal.status_changed", "delivery.submitted",
                            "delivery.rejected", "delivery.accepted", "renewal.decided", "window.started", "window.ended"),
                    "description", "CRM production"))),
            Map.entry("POST /api/licensor-agreements", Map.of("Harbour Films Ltd",
                    ordered("licensor", "Harbour Films Ltd", "currency", "EUR", "distributionFeePercent", 20,
                            "expenseCap", 25000.00, "advance", 50000.00, "statementFrequency", "QUARTERLY"))),
            Map.entry("POST /api/licensor-agreements/{id}/corrections", Map.of("a mistyped advance",
                    ordered("distributionFeePercent", 20, "expenseCap", 25000.00, "advance", 55000.00,
                            "reason", "typed 50,000.00 instead of the signed 55,000.00"))),
            Map.entry("POST /api/licensor-agreements/{id}/expenses", Map.of("festival screening copies",
                    ordered("incurredOn", "2026-11-03", "amount", 1850.00, "currency", "EUR", "description", "Festival screening copies"))),
            Map.entry("POST /api/licensor-agreements/{id}/expenses/{expenseId}/correction", Map.of("a mistyped amount",
                    ordered("incurredOn", "2026-11-03", "amount", 1580.00, "currency", "EUR", "description", "Festival screening copies",
                            "reason", "typed 1850.00 instead of the invoiced 1580.00"))),
            Map.entry("POST /api/fx-rates", Map.of("USD to EUR", ordered("fromCurrency", "USD", "toCurrency", "EUR",
                    "rateDate", "2026-11-30", "rate", 0.9213))),
            Map.entry("POST /api/fx-rates/{id}/correction", Map.of("a mistyped rate", ordered("rate", 0.9231,
                    "reason", "typed 0.9213 instead of the bank's 0.9231"))),
            Map.entry("POST /api/licence-fees/{crmDealId}/instalments/{number}/invoice", Map.of("the invoice of instalment 1",
                    ordered("invoiceNumber", "INV-2026-0412", "invoicedOn", "2026-12-01"))),
            Map.entry("POST /api/licence-fees/{crmDealId}/instalments/{number}/payment", Map.of("paid by SEPA transfer",
                    ordered("paidAmount", 360000.00, "paidCurrency", "EUR", "paidOn", "2026-12-28", "bankReference", "SEPA-20261228-7731"))),
            Map.entry("POST /api/licence-fees/{crmDealId}/revenue-reports", Map.of("Netflix's 2027-Q1 report", ordered("quarter", "2027-Q1",
                    "revenue", 300000.00, "revenueCurrency", "EUR", "reportReference", "NFLX-REV-2027-Q1-0101"))),
            Map.entry("POST /api/royalty-receipts", Map.of("a Netflix remittance", ordered("agreementId", 1, "dealRef", "NFX-2026-0101",
                    "titleId", 1, "receivedOn", "2027-04-15", "amount", 250000.00, "currency", "EUR",
                    "externalReference", "NFLX-REMIT-2027-04-0001"))),
            Map.entry("POST /api/titles", Map.of("a feature film", ordered("name", "The Quiet Harbour", "kind", "FEATURE",
                    "runtimeMinutes", 104, "originalLanguage", "en"))),
            Map.entry("POST /api/rights-in", Map.of("SVOD and AVOD in Germany and Austria", ordered("titleId", 1,
                    "licensor", "Harbour Films Ltd", "territories", List.of("DE", "AT"), "media", List.of("SVOD", "AVOD"),
                    "termStart", "2027-01-01", "termEnd", "2031-12-31", "exclusive", true,
                    "holdbacks", List.of(ordered("territories", List.of("DE"), "media", List.of("AVOD"),
                            "periodStart", "2027-01-01", "periodEnd", "2027-06-30", "reason", "free TV premiere in Germany"))))),
            Map.entry("POST /api/rights-in/{id}/holdbacks", Map.of("no AVOD in France in 2027", ordered("territories", List.of("FR"),
                    "media", List.of("AVOD"), "periodStart", "2027-01-01", "periodEnd", "2027-12-31", "reason", "pay-TV exclusivity"))),
            Map.entry("POST /api/rights-in/import", Map.of("two rows", """
                    title_id,licensor,territories,media,term_start,term_end,exclusive
                    1,Harbour Films,FR DE 419,SVOD|AVOD,2026-01-01,2030-12-31,true
                    2,Maison Poivre Productions,BE,SVOD,2026-01-01,2029-12-31,false
                    """)),
            Map.entry("POST /api/rights-in/import/ema", Map.of("Harbour Films: SVOD in the Netherlands, 2027-2030", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <avails:AvailList xmlns:avails="http://www.movielabs.com/schema/avails/v2.6/avails" xmlns:md="http://www.movielabs.com/schema/md/v2.10/md">
                      <avails:Avail>
                        <avails:ALID>md:alid:org:reelflow.io:title-1</avails:ALID>
                        <avails:Disposition><avails:EntryType>Full Extract</avails:EntryType></avails:Disposition>
                        <avails:Licensor><md:DisplayName>Harbour Films Ltd</md:DisplayName></avails:Licensor>
                        <avails:AvailType>single</avails:AvailType>
                        <avails:ShortDescription>The Last Lighthouse</avails:ShortDescription>
                        <avails:Asset contentID="md:cid:org:reelflow.io:title-1">
                          <avails:WorkType>Movie</avails:WorkType>
                          <avails:Metadata>
                            <avails:TitleDisplayUnlimited>The Last Lighthouse</avails:TitleDisplayUnlimited>
                            <avails:TitleInternalAlias>The Last Lighthouse</avails:TitleInternalAlias>
                          </avails:Metadata>
                        </avails:Asset>
                        <avails:Transaction>
                          <avails:LicenseType>SVOD</avails:LicenseType>
                          <avails:Territory><md:country>NL</md:country></avails:Territory>
                          <avails:Start>2027-01-01T00:00:00</avails:Start>
                          <avails:End>2030-12-31T23:59:59</avails:End>
                          <avails:FormatProfile>HD</avails:FormatProfile>
                          <avails:Term termName="Exclusive"><avails:Boolean>true</avails:Boolean></avails:Term>
                        </avails:Transaction>
                      </avails:Avail>
                    </avails:AvailList>
                    """)));

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
