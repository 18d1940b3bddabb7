package io.reelflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.support.ApiTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbound events against a real HTTP receiver on localhost: registration checks, signed JSON, order per deal, retries
 * with a growing pause while the receiver is down (driven by the instants the test passes, nothing waits), nothing
 * lost and nothing twice when it comes back, 410 disables, giving up only after the retry period, and the outbox
 * written only with its change.
 */
class WebhookDeliveryTest extends ApiTestSupport {

    static final String SECRET = "whsec-test-0123456789abcdefghijklmnopqrstuv";

    @Autowired WebhookDispatcher dispatcher;
    @Autowired Outbox outbox;
    @Autowired PlatformTransactionManager transactions;

    WebhookReceiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = new WebhookReceiver().start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    // ---------------------------------------------------------------- registration

    @Test
    void anAdminRegistersAnEndpointAndItsSecretIsNeverShown() {
        Response r = register(receiver.url(), List.of("deal.status_changed", "instalment.paid"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode view = r.json();
        assertThat(view.path("url").asText()).isEqualTo(receiver.url());
        assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(view.path("createdBy").asText()).isEqualTo("admin");
        assertThat(r.body()).doesNotContain(SECRET);
        Response one = get("admin", "/api/admin/webhooks/" + view.path("id").asText());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(SECRET).contains("instalment.paid");
        assertThat(get("admin", "/api/admin/webhooks").body()).doesNotContain(SECRET);
        assertThat(get("admin", "/api/admin/webhooks/999999999").status()).isEqualTo(404);
        assertThat(get("admin", "/api/admin/webhooks/999999999/deliveries").status()).isEqualTo(404);
    }

    @Test
    void badUrlsSecretsAndKindsAreRefusedNamingTheFieldAndNothingIsStored() {
        int before = count("SELECT count(*) FROM webhook_subscription");
        record Bad(String body, String field, String reason) {
        }
        String kinds = "[\"deal.status_changed\"]";
        List<Bad> bad = List.of(
                new Bad(body("ftp://crm.example.com/hook", SECRET, kinds), "url", "only http:// and https://"),
                new Bad(body("file:///etc/passwd", SECRET, kinds), "url", "only http:// and https://"),
                new Bad(body("https://user:pw@crm.example.com/hook", SECRET, kinds), "url", "user or password"),
                new Bad(body("https://user@crm.example.com/hook", SECRET, kinds), "url", "user or password"),
                new Bad(body("https:///no-host", SECRET, kinds), "url", "host"),
                new Bad(body("https://crm.example.com/hook#x", SECRET, kinds), "url", "fragment"),
                new Bad(body("not a url", SECRET, kinds), "url", ""),
                new Bad(body(null, SECRET, kinds), "url", "required"),
                new Bad(body("https://crm.example.com/" + "a".repeat(2000), SECRET, kinds), "url", "at most 2000"),
                new Bad(body("https://crm.example.com/hook", "short", kinds), "secret", "at least 32"),
                new Bad(body("https://crm.example.com/hook", "x".repeat(257), kinds), "secret", "at most 256"),
                new Bad(body("https://crm.example.com/hook", "with spaces " + "x".repeat(40), kinds), "secret", "visible ASCII"),
                new Bad(body("https://crm.example.com/hook", null, kinds), "secret", "required"),
                new Bad(body("https://crm.example.com/hook", SECRET, "[]"), "eventKinds", "at least one"),
                new Bad(body("https://crm.example.com/hook", SECRET, null), "eventKinds", "at least one"),
                new Bad(body("https://crm.example.com/hook", SECRET, "[\"deal.status_changed\", \"deal.exploded\"]"), "eventKinds[1]",
                        "unknown event kind 'deal.exploded'"));
        for (Bad b : bad) {
            Response r = post("admin", "/api/admin/webhooks", "application/json", b.body());
            assertThat(r.status()).as(b.body() + " → " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.errorFields()).as(b.body()).contains(b.field());
            assertThat(r.reason(b.field())).as(b.body()).contains(b.reason());
        }
        Response unknownField = post("admin", "/api/admin/webhooks", "application/json",
                "{\"url\": \"https://crm.example.com/hook\", \"secret\": \"" + SECRET + "\", \"eventKinds\": [\"deal.status_changed\"], \"active\": true}");
        assertThat(unknownField.status()).as(unknownField.toString()).isEqualTo(400);
        Response badQuery = get("admin", "/api/admin/webhooks/1/deliveries?status=LOST&limit=0");
        assertThat(badQuery.status()).isEqualTo(400);
        assertThat(badQuery.errorFields()).contains("status", "limit");
        assertThat(count("SELECT count(*) FROM webhook_subscription")).isEqualTo(before);
    }

    // ---------------------------------------------------------------- the receiver stopped and started again

    @Test
    void aReceiverDownForTenMinutesLosesNothingAndGetsNothingTwiceInOrderPerDeal() throws Exception {
        long sub = subscribe(receiver.url(), List.of("deal.status_changed", "delivery.submitted"));
        List<String> deals = List.of(unique("WH-A"), unique("WH-B"), unique("WH-C"));
        Map<String, List<UUID>> published = new LinkedHashMap<>();
        Instant t = Instant.now().plusSeconds(1);

        // running: the first four events of each deal reach the receiver at once
        publish(deals, 0, 4, published);
        assertThat(dispatcher.dispatch(t, sub)).isEqualTo(12);
        assertThat(receiver.taken()).hasSize(12);

        // the receiver stops mid-run; six more events per deal come, and one answered 500 before it went down
        receiver.answer(r -> r.body().contains("\"step\":4") && r.attempt().equals("1") ? 500 : 200);
        publish(deals, 4, 10, published);
        dispatcher.dispatch(t.plusSeconds(1), sub);
        receiver.stop();
        for (int minute = 0; minute <= 10; minute++) dispatcher.dispatch(t.plus(Duration.ofMinutes(minute)).plusSeconds(2), sub);
        int pendingWhileDown = dispatcher.pending(sub);
        assertThat(pendingWhileDown).as("nothing lost while the receiver is down").isGreaterThan(0);
        assertThat(count("""
                SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
                WHERE d.subscription_id = ? AND a.status_code IS NULL""", sub)).as("each failed attempt is logged").isPositive();

        // back up on the same port: everything arrives, in the order of each deal, once
        receiver.start();
        Instant later = t.plus(Duration.ofMinutes(11));
        for (int round = 0; round < 40 && dispatcher.pending(sub) > 0; round++) {
            dispatcher.dispatch(later, sub);
            later = later.plus(Duration.ofMinutes(30));
        }
        assertThat(dispatcher.pending(sub)).isZero();
        List<WebhookReceiver.Request> taken = receiver.taken();
        List<String> ids = taken.stream().map(WebhookReceiver.Request::eventId).toList();
        assertThat(ids).as("nothing twice under the same event id").doesNotHaveDuplicates();
        List<String> all = published.values().stream().flatMap(List::stream).map(UUID::toString).toList();
        assertThat(ids).as("nothing lost").containsExactlyInAnyOrderElementsOf(all);
        for (String deal : deals) {
            List<String> ofDeal = taken.stream().map(r -> body(r)).filter(b -> b.path("dealRef").asText().equals(deal))
                    .map(b -> b.path("id").asText()).toList();
            assertThat(ofDeal).as("deal " + deal + " in the order of its changes")
                    .containsExactlyElementsOf(published.get(deal).stream().map(UUID::toString).toList());
        }
        for (WebhookReceiver.Request r : receiver.requests()) {
            assertThat(WebhookSignature.verify(SECRET, r.timestamp(), r.body(), r.signature())).as("signed: " + r.body()).isTrue();
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(body(r).path("id").asText()).isEqualTo(r.eventId());
        }
        assertThat(WebhookSignature.verify("another-secret-0123456789abcdefghijkl", taken.get(0).timestamp(), taken.get(0).body(),
                taken.get(0).signature())).isFalse();

        // the log, as an admin reads it: the event answered 500 first, then taken
        Response log = get("admin", "/api/admin/webhooks/" + sub + "/deliveries?dealRef=" + deals.get(0) + "&limit=500");
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        assertThat(log.json().size()).isEqualTo(10);
        JsonNode fifth = null;
        for (JsonNode d : log.json()) if (d.path("eventId").asText().equals(published.get(deals.get(0)).get(4).toString())) fifth = d;
        assertThat(fifth).isNotNull();
        assertThat(fifth.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(fifth.path("attemptLog").get(0).path("statusCode").asInt()).isEqualTo(500);
        assertThat(fifth.path("attemptLog").get(fifth.path("attempts").asInt() - 1).path("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void theRetriesPauseLongerEachTimeAndGoOnForAtLeast24Hours() throws Exception {
        long sub = subscribe(receiver.url(), List.of("deal.status_changed"));
        receiver.answer(r -> 503);
        String deal = unique("WH-RETRY");
        publish(List.of(deal), 0, 1, new LinkedHashMap<>());
        Instant t = Instant.now().plusSeconds(1);
        assertThat(dispatcher.dispatch(t, sub)).isEqualTo(1);
        assertThat(dispatcher.dispatch(t.plusSeconds(9), sub)).as("10 s pause after the first failure").isZero();
        assertThat(dispatcher.dispatch(t.plusSeconds(10), sub)).isEqualTo(1);
        assertThat(dispatcher.dispatch(t.plusSeconds(29), sub)).as("then 20 s").isZero();
        assertThat(dispatcher.dispatch(t.plusSeconds(30), sub)).isEqualTo(1);
        assertThat(WebhookDispatcher.pause(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(WebhookDispatcher.pause(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(WebhookDispatcher.pause(40)).isEqualTo(Duration.ofHours(1));
        Instant at = t.plusSeconds(30);
        while (at.isBefore(t.plus(Duration.ofHours(24)))) {
            at = at.plus(Duration.ofHours(1));
            dispatcher.dispatch(at, sub);
        }
        assertThat(dispatcher.pending(sub)).as("still retried after 24 hours").isEqualTo(1);
        dispatcher.dispatch(t.plus(Duration.ofHours(49)), sub);
        assertThat(dispatcher.pending(sub)).isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM webhook_delivery WHERE subscription_id = ?", String.class, sub)).isEqualTo("FAILED");
        int attempts = jdbc.queryForObject("SELECT attempts FROM webhook_delivery WHERE subscription_id = ?", Integer.class, sub);
        assertThat(count("SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = ?", sub))
                .isEqualTo(attempts).isGreaterThan(25);
        assertThat(receiver.requests()).hasSize(attempts);
        assertThat(receiver.requests().stream().map(WebhookReceiver.Request::eventId).distinct()).hasSize(1);
    }

    @Test
    void aReceiverAnswering410IsDisabledAndGetsNothingMore() throws Exception {
        long sub = subscribe(receiver.url(), List.of("deal.status_changed"));
        receiver.answer(r -> 410);
        String deal = unique("WH-GONE");
        publish(List.of(deal), 0, 3, new LinkedHashMap<>());
        dispatcher.dispatch(Instant.now().plusSeconds(1), sub);
        assertThat(receiver.requests()).hasSize(1);
        JsonNode view = get("admin", "/api/admin/webhooks/" + sub).json();
        assertThat(view.path("status").asText()).isEqualTo("DISABLED");
        assertThat(view.path("disabledReason").asText()).contains("410");
        assertThat(count("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND status = 'CANCELLED'", sub)).isEqualTo(3);
        publish(List.of(deal), 3, 4, new LinkedHashMap<>());
        assertThat(count("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?", sub)).as("a disabled endpoint gets no new event").isEqualTo(3);
        dispatcher.dispatch(Instant.now().plus(Duration.ofHours(1)), sub);
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void anAdminDisablesAnEndpoint() {
        long sub = subscribe(receiver.url(), List.of("deal.status_changed"));
        Response r = send("admin", java.net.http.HttpRequest.newBuilder(uri("/api/admin/webhooks/" + sub)).DELETE());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("DISABLED");
        assertThat(r.json().path("disabledReason").asText()).isEqualTo("disabled by admin");
    }

    @Test
    void theApiExplorerDocumentsEachPayloadWithItsSignature() {
        Response r = get(null, "/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
        JsonNode hooks = doc.get("webhooks");
        assertThat(hooks).as("a webhooks section").isNotNull();
        for (WebhookEventKind kind : WebhookEventKind.values()) {
            JsonNode post = hooks.path(kind.wire()).path("post");
            assertThat(post.path("description").asText()).as(kind.wire()).contains("X-Reelflow-Signature", "HMAC-SHA256", "openssl");
            JsonNode example = post.at("/requestBody/content/application~1json/examples/" + kind.wire().replace("/", "~1") + "/value");
            assertThat(example.path("kind").asText()).as(kind.wire()).isEqualTo(kind.wire());
            assertThat(example.path("data").size()).as(kind.wire()).isPositive();
            List<String> headers = new ArrayList<>();
            post.path("parameters").forEach(p -> headers.add(p.path("name").asText()));
            assertThat(headers).contains(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.TIMESTAMP_HEADER, WebhookSignature.EVENT_ID_HEADER);
        }
        assertThat(hooks.at("/instalment.paid/post/requestBody/content/application~1json/examples/instalment.paid/value/data/paidAmount").isNumber())
                .as("amounts are plain decimals").isTrue();
    }

    // ---------------------------------------------------------------- the outbox and its transaction

    @Test
    void anEventIsWrittenOnlyWithItsChange() {
        String deal = unique("WH-TX");
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            outbox.publish(WebhookEventKind.DEAL_STATUS_CHANGED, deal, Map.of("status", "GRANTED"));
            s.setRollbackOnly(); // the change fails: its event goes with it
        });
        assertThat(count("SELECT count(*) FROM outbox_event WHERE deal_ref = ?", deal)).isZero();
        assertThatThrownBy(() -> outbox.publish(WebhookEventKind.DEAL_STATUS_CHANGED, deal, Map.of("status", "GRANTED")))
                .as("outside a transaction nothing is written").isInstanceOf(IllegalTransactionStateException.class);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE deal_ref = ?", deal)).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private void publish(List<String> deals, int from, int to, Map<String, List<UUID>> published) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int step = from; step < to; step++) {
            for (String deal : deals) {
                int s = step;
                UUID id = tx.execute(st -> outbox.publish(WebhookEventKind.DEAL_STATUS_CHANGED, deal, Map.of("status", "STEP", "step", s)));
                published.computeIfAbsent(deal, k -> new ArrayList<>()).add(id);
            }
        }
    }

    private JsonNode body(WebhookReceiver.Request r) {
        try {
            return json.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static String body(String url, String secret, String kindsJson) {
        return "{\"url\": " + quoted(url) + ", \"secret\": " + quoted(secret) + ", \"eventKinds\": " + (kindsJson == null ? "null" : kindsJson)
                + ", \"description\": \"test\"}";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    Response register(String url, List<String> kinds) {
        return postJson("admin", "/api/admin/webhooks", Map.of("url", url, "secret", SECRET, "eventKinds", kinds, "description", "test receiver"));
    }

    long subscribe(String url, List<String> kinds) {
        Response r = register(url, kinds);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asLong();
    }
}
