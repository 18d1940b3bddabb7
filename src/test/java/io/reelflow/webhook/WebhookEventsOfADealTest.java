package io.reelflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.deal.DealWindowService;
import io.reelflow.delivery.DeliveryService;
import io.reelflow.royalty.LicenceFeeService;
import io.reelflow.support.ApiTestSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A deal's life as the CRM and the finance system hear it: each change written to the outbox by the service that records
 * it (deal status, delivery stages with the QC items, instalments invoiced and paid, the window's start, the renewal
 * decision, its end), once, and sent to a real receiver on localhost in the order of the changes.
 */
class WebhookEventsOfADealTest extends ApiTestSupport {

    @Autowired WebhookDispatcher dispatcher;
    @Autowired DeliveryService deliveries;
    @Autowired LicenceFeeService fees;
    @Autowired DealWindowService windows;
    @Autowired PlatformTransactionManager transactions;

    WebhookReceiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = new WebhookReceiver().start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void everyChangeOfADealReachesTheReceiverOnceInOrder() throws Exception {
        Response sub = postJson("admin", "/api/admin/webhooks", Map.of("url", receiver.url(), "secret", WebhookDeliveryTest.SECRET,
                "eventKinds", List.of("deal.status_changed", "delivery.submitted", "delivery.rejected", "delivery.accepted", "renewal.decided",
                        "window.started", "window.ended", "instalment.invoiced", "instalment.paid")));
        assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
        long subscription = sub.json().path("id").asLong();

        long title = createTitle(unique("Webhook Title"), "en");
        createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2031-12-31", true);
        String deal = unique("WH-DEAL");
        Response posted = post("crm", "/api/deals", "application/json", dealJson(deal, title, "[\"FR\"]", "2027-01-01", "2027-12-31"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        runJobs();
        long dealId = jdbc.queryForObject("SELECT id FROM deal WHERE crm_deal_id = ?", Long.class, deal);
        long delivery = jdbc.queryForObject("SELECT id FROM delivery WHERE deal_ref = ?", Long.class, deal);

        // finance: instalment 1 (on signature) invoiced and paid; the same invoice again tells nothing new
        LocalDate signed = fees.instalment(deal, 1).triggeredOn();
        fees.recordInvoice(deal, 1, "INV-WH-1", signed, "fiona");
        fees.recordInvoice(deal, 1, "INV-WH-1", signed, "fiona");
        fees.recordPayment(deal, 1, new java.math.BigDecimal("125000.00"), "EUR", signed, "BANK-WH-1", signed, "fiona");
        // delivery: submitted, rejected with an item, submitted again, accepted
        deliveries.submitted(delivery);
        jdbc.update("""
                INSERT INTO delivery_event (event_id, delivery_id, kind, payload, status) VALUES (?, ?, 'QC_RESULT', ?::jsonb, 'DELIVERED')""",
                deal + "-qc1", delivery, "{\"result\": \"REJECTED\", \"items\": [{\"category\": \"AUDIO_SYNC\", \"code\": \"A-SYNC-02\", "
                        + "\"timecode\": \"01:12:04:10\", \"note\": \"dialogue 3 frames late\"}]}");
        deliveries.recordQc(delivery, deal + "-qc1");
        deliveries.recordQc(delivery, deal + "-qc1"); // a repeated job: no second event
        deliveries.submitted(delivery);
        deliveries.accept(delivery);
        // the window: live, renewed (with a new fee: money never goes out), ended
        windows.goLive(dealId);
        windows.goLive(dealId);
        windows.decide(dealId, "RENEW", "2028-06-30", "90000", "a good run", "rita");
        windows.expire(dealId);

        List<String> expected = List.of("deal.status_changed:RECEIVED", "deal.status_changed:GRANTED", "instalment.invoiced", "instalment.paid",
                "delivery.submitted", "delivery.rejected", "delivery.submitted", "delivery.accepted", "deal.status_changed:IN_WINDOW",
                "window.started", "renewal.decided", "deal.status_changed:CLOSED", "window.ended");
        List<String> written = jdbc.query("SELECT kind, payload->>'status' FROM outbox_event WHERE deal_ref = ? ORDER BY id",
                (rs, i) -> rs.getString(1) + (rs.getString(1).equals("deal.status_changed") ? ":" + rs.getString(2) : ""), deal);
        assertThat(written).isEqualTo(expected);

        dispatcher.dispatch(Instant.now().plusSeconds(1), subscription);
        List<JsonNode> got = receiver.taken().stream().map(r -> read(r.body())).filter(b -> b.path("dealRef").asText().equals(deal)).toList();
        assertThat(got.stream().map(b -> b.path("kind").asText() + (b.path("kind").asText().equals("deal.status_changed")
                ? ":" + b.at("/data/status").asText() : "")).toList()).isEqualTo(expected);
        assertThat(got.stream().map(b -> b.path("sequence").asLong()).toList()).isSorted();
        assertThat(got.stream().map(b -> b.path("id").asText()).toList()).doesNotHaveDuplicates();
        for (var r : receiver.taken()) assertThat(WebhookSignature.verify(WebhookDeliveryTest.SECRET, r.timestamp(), r.body(), r.signature())).isTrue();

        assertThat(got.get(1).at("/data/previousStatus").asText()).isEqualTo("RECEIVED");
        JsonNode paid = got.get(3).path("data");
        assertThat(paid.path("paidAmount").isNumber()).isTrue();
        assertThat(paid.path("paidAmount").decimalValue()).isEqualByComparingTo("125000.00");
        assertThat(paid.path("bankReference").asText()).isEqualTo("BANK-WH-1");
        assertThat(got.get(2).at("/data/invoiceNumber").asText()).isEqualTo("INV-WH-1");
        JsonNode rejected = got.get(5).path("data");
        assertThat(rejected.path("attempt").asInt()).isEqualTo(1);
        assertThat(rejected.at("/items/0/code").asText()).isEqualTo("A-SYNC-02");
        assertThat(rejected.at("/items/0/timecode").asText()).isEqualTo("01:12:04:10");
        assertThat(got.get(7).at("/data/attempt").asInt()).isEqualTo(2);
        assertThat(got.get(9).path("data").path("windowStart").asText()).isEqualTo("2027-01-01");
        JsonNode renewal = got.get(10).path("data");
        assertThat(renewal.path("decision").asText()).isEqualTo("RENEW");
        assertThat(renewal.path("windowEnd").asText()).isEqualTo("2028-06-30");
        assertThat(got.get(10).toString()).doesNotContain("90000");
        assertThat(got.get(12).at("/data/windowEnd").asText()).isEqualTo("2028-06-30");
    }

    @Test
    void aDealCheckedAgainAndStillInConflictIsToldOnce() {
        long title = createTitle(unique("Webhook Conflict Title"), "en");
        createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2031-12-31", true);
        String first = unique("WH-FIRST");
        String second = unique("WH-SECOND");
        assertThat(post("crm", "/api/deals", "application/json", dealJson(first, title, "[\"FR\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        assertThat(post("crm", "/api/deals", "application/json", dealJson(second, title, "[\"FR\"]", "2027-06-01", "2028-05-31")).status()).isEqualTo(201);
        runJobs();
        long secondId = jdbc.queryForObject("SELECT id FROM deal WHERE crm_deal_id = ?", Long.class, second);
        // the rights check run again, as "check again" does: CONFLICTS recorded a second time, the status unchanged
        rightsService.check(secondId);
        assertThat(jdbc.queryForList("SELECT payload->>'status' FROM outbox_event WHERE deal_ref = ? AND kind = 'deal.status_changed' ORDER BY id",
                String.class, second)).containsExactly("RECEIVED", "CONFLICT");
        assertThat(count("SELECT count(*) FROM deal_event e JOIN deal d ON d.id = e.deal_id WHERE d.crm_deal_id = ? AND e.kind = 'CONFLICTS'", second))
                .isEqualTo(2);
    }

    @Autowired io.reelflow.deal.DealRightsService rightsService;

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
