package io.reelflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.support.ApiTestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API explorer as a developer meets it: /v3/api-docs names Reelflow, offers HTTP Basic and Bearer for
 * "Authorize", documents the answers each operation really gives, and every request-body example it shows is
 * accepted by the service: posted as documented, over real HTTP, by a role allowed to post it, none is refused as
 * invalid (400), unauthorised (401/403) or unreadable (415), and none breaks the service (5xx).
 */
class ApiExplorerTest extends ApiTestSupport {

    /** Who posts each endpoint's examples (a role the access rules allow). */
    private static final Map<String, String> POSTER = Map.ofEntries(
            Map.entry("/api/deals", "crm"), Map.entry("/api/deals/{crmDealId}/amendments", "crm"),
            Map.entry("/api/deliveries/{deliveryId}/events", "crm"),
            Map.entry("/api/admin/tokens", "admin"), Map.entry("/api/admin/tokens/{id}/rotation", "admin"),
            Map.entry("/api/admin/webhooks", "admin"),
            Map.entry("/api/licensor-agreements", "fiona"), Map.entry("/api/licensor-agreements/{id}/expenses", "fiona"),
            Map.entry("/api/licensor-agreements/{id}/expenses/{expenseId}/correction", "fiona"),
            Map.entry("/api/licensor-agreements/{id}/corrections", "fiona"),
            Map.entry("/api/fx-rates", "fiona"), Map.entry("/api/fx-rates/{id}/correction", "fiona"),
            Map.entry("/api/royalty-receipts", "fiona"),
            Map.entry("/api/licence-fees/{crmDealId}/instalments/{number}/invoice", "fiona"),
            Map.entry("/api/licence-fees/{crmDealId}/instalments/{number}/payment", "fiona"),
            Map.entry("/api/licence-fees/{crmDealId}/revenue-reports", "fiona"),
            Map.entry("/api/titles", "rita"), Map.entry("/api/rights-in", "rita"),
            Map.entry("/api/rights-in/{id}/holdbacks", "rita"), Map.entry("/api/rights-in/import", "rita"),
            Map.entry("/api/rights-in/import/ema", "rita"));

    /** Endpoints whose records a later path refers to come first. */
    private static final List<String> ORDER = List.of("/api/titles", "/api/rights-in", "/api/rights-in/import", "/api/deals",
            "/api/admin/tokens", "/api/licensor-agreements", "/api/fx-rates",
            "/api/licence-fees/{crmDealId}/instalments/{number}/invoice", "/api/licence-fees/{crmDealId}/instalments/{number}/payment");

    @Test
    void titleVersionDescriptionAndSecuritySchemes() {
        JsonNode doc = apiDocs();
        assertThat(doc.at("/info/title").asText()).isEqualTo("Reelflow");
        assertThat(doc.at("/info/version").asText()).isNotBlank().isNotEqualTo("v0");
        assertThat(doc.at("/info/description").asText()).contains("Bearer", "HTTP Basic");
        assertThat(doc.at("/components/securitySchemes/basic/type").asText()).isEqualTo("http");
        assertThat(doc.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        List<String> requirements = new ArrayList<>();
        doc.path("security").forEach(r -> r.fieldNames().forEachRemaining(requirements::add));
        assertThat(requirements).containsExactlyInAnyOrder("basic", "bearer");
    }

    @Test
    void everyOperationDocumentsItsRefusalsWithProblemExamples() {
        JsonNode doc = apiDocs();
        JsonNode events = doc.at("/paths/~1api~1deliveries~1{deliveryId}~1events/post/responses");
        assertThat(fieldNames(events)).contains("200", "202", "400", "401", "403", "404");
        assertThat(events.at("/400/content/application~1problem+json/example/errors/0/field").asText()).isNotBlank();
        doc.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) return;
            path.getValue().fields().forEachRemaining(op -> {
                JsonNode responses = op.getValue().path("responses");
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                assertThat(fieldNames(responses)).as(where).contains("401", "403");
                assertThat(responses.at("/401/content/application~1problem+json/example/status").asInt()).as(where).isEqualTo(401);
                if (op.getValue().has("requestBody")) assertThat(fieldNames(responses)).as(where).contains("400");
                if (path.getKey().contains("{")) assertThat(fieldNames(responses)).as(where).contains("404");
            });
        });
    }

    @Test
    void everyRequestBodyExampleIsAcceptedByTheService() throws Exception {
        JsonNode doc = apiDocs();
        Map<String, JsonNode> posts = new LinkedHashMap<>();
        for (String p : ORDER) posts.put(p, doc.at("/paths/" + p.replace("/", "~1") + "/post"));
        doc.path("paths").fields().forEachRemaining(p -> {
            if (p.getKey().startsWith("/api/") && p.getValue().path("post").has("requestBody")) posts.putIfAbsent(p.getKey(), p.getValue().get("post"));
        });
        Map<String, String> ids = new LinkedHashMap<>();
        int posted = 0;
        for (Map.Entry<String, JsonNode> e : posts.entrySet()) {
            String template = e.getKey();
            JsonNode content = e.getValue().at("/requestBody/content");
            assertThat(content.isMissingNode()).as(template + " has a request body").isFalse();
            String poster = POSTER.get(template);
            assertThat(poster).as("a role that may post " + template + " (add it to POSTER)").isNotNull();
            for (Map.Entry<String, JsonNode> media : iterable(content)) {
                if ("binary".equals(media.getValue().at("/schema/format").asText())) continue; // a file upload: no text example to post
                JsonNode examples = media.getValue().path("examples");
                assertThat(examples.size()).as(template + " " + media.getKey() + " has named examples").isPositive();
                for (Map.Entry<String, JsonNode> example : iterable(examples)) {
                    JsonNode value = example.getValue().path("value");
                    String body = referencesOfThisDatabase(template, value.isTextual() ? value.asText() : json.writeValueAsString(value));
                    String path = resolve(template, ids);
                    Response r = post(poster, path, media.getKey(), body);
                    String what = "POST " + path + " with example '" + example.getKey() + "' as " + poster + ": " + r;
                    assertThat(r.status()).as(what).isNotIn(400, 401, 403, 415).isLessThan(500);
                    remember(template, r, ids);
                    posted++;
                    if (template.equals("/api/deals")) runJobs(); // granted: its delivery exists for the event examples
                }
            }
        }
        assertThat(posted).isGreaterThanOrEqualTo(15);
    }

    private String resolve(String template, Map<String, String> ids) {
        if (template.contains("{deliveryId}")) {
            Response r = get("crm", "/api/deliveries?crmDealId=NFX-2026-0101");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().size()).as("the README deal NFX-2026-0101 has its delivery").isPositive();
            return template.replace("{deliveryId}", r.json().get(0).get("id").asText());
        }
        String owner = template.substring(0, template.indexOf("/{") < 0 ? template.length() : template.indexOf("/{"));
        if (template.contains("{expenseId}")) { // the expense the expense example recorded on the agreement example
            String agreement = ids.getOrDefault(owner, "1");
            Response a = get("fiona", "/api/licensor-agreements/" + agreement);
            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            assertThat(a.json().path("expenses").size()).as("agreement " + agreement + " has an expense to correct").isPositive();
            template = template.replace("{expenseId}", a.json().path("expenses").get(0).path("id").asText());
        }
        return template.replace("{crmDealId}", "NFX-2026-0101").replace("{number}", "1").replace("{id}", ids.getOrDefault(owner, "1"));
    }

    /**
     * The receipt example names agreement 1, the demo's Harbour Films Ltd (licensor of title 1) in a fresh demo run; in the
     * shared test database agreement 1 is another test's, so the example is posted with Harbour Films Ltd's agreement here.
     */
    private String referencesOfThisDatabase(String template, String body) throws Exception {
        if (template.equals("/api/deliveries/{deliveryId}/events")) return onTheTestStorage(body);
        if (template.startsWith("/api/licence-fees/{crmDealId}/instalments/")) return onTheDayInstalmentOneBecamePayable(body);
        if (!template.equals("/api/royalty-receipts")) return body;
        Response agreements = get("fiona", "/api/licensor-agreements");
        assertThat(agreements.status()).as(agreements.toString()).isEqualTo(200);
        String harbour = null;
        for (JsonNode a : agreements.json()) if (a.path("licensor").asText().equals("Harbour Films Ltd")) harbour = a.path("id").asText();
        assertThat(harbour).as("an agreement with Harbour Films Ltd (posted by the agreement example or the demo)").isNotNull();
        com.fasterxml.jackson.databind.node.ObjectNode receipt = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(body);
        receipt.put("agreementId", Long.parseLong(harbour));
        return json.writeValueAsString(receipt);
    }

    /**
     * The invoice and payment examples are dated for the README deal signed on 2026-11-30; here the deal was posted today, so
     * they are dated the day its instalment 1 (on signature) became payable: never before it, never in the future.
     */
    private String onTheDayInstalmentOneBecamePayable(String body) throws Exception {
        Response fee = get("fiona", "/api/licence-fees/NFX-2026-0101");
        assertThat(fee.status()).as(fee.toString()).isEqualTo(200);
        String payable = fee.json().at("/instalments/0/triggeredOn").asText();
        com.fasterxml.jackson.databind.node.ObjectNode record = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(body);
        for (String field : List.of("invoicedOn", "paidOn")) if (record.has(field)) record.put(field, payable);
        return json.writeValueAsString(record);
    }

    /**
     * The event examples name files under /mnt/delivery, a production storage root; here they are put, folder or file, under
     * the suite's root (reelflow.delivery.storage-roots), since a location off the storage is refused.
     */
    private String onTheTestStorage(String body) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(body);
        java.nio.file.Path root = java.nio.file.Path.of("target/test-deliveries").toAbsolutePath();
        for (String field : List.of("packageLocation", "fileLocation")) {
            if (!event.has(field)) continue;
            java.nio.file.Path local = root.resolve(event.get(field).asText().replaceFirst("^/mnt/delivery/", ""));
            if (field.equals("packageLocation")) {
                java.nio.file.Files.createDirectories(local);
            } else if (!java.nio.file.Files.exists(local)) {
                java.nio.file.Files.createDirectories(local.getParent());
                java.nio.file.Files.writeString(local, "<tt xmlns=\"http://www.w3.org/ns/ttml\"/>");
            }
            event.put(field, local.toString());
        }
        return json.writeValueAsString(event);
    }

    private static void remember(String template, Response r, Map<String, String> ids) {
        if (template.contains("{") || !r.contentType().contains("json")) return;
        JsonNode id = r.json().path("id");
        if (id.isNumber()) ids.put(template, id.asText());
    }

    private JsonNode apiDocs() {
        Response r = get(null, "/v3/api-docs");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
