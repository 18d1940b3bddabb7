package io.reelflow.royalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.support.ApiTestSupport;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Corrections by the book for licensor agreements, over real HTTP: the agreement row stays as first recorded (PostgreSQL
 * refuses to change it), a correction is a new record pointing to the one it supersedes, audited, and receipts posted
 * after it run through the waterfall at the corrected terms while the ledger keeps what was posted before.
 *
 * <p>Figures (EUR, recorded as fee 20 %, cap 1,000.00, advance 5,000.00; expense 800.00 on 2027-01-05):
 * <pre>
 * correction 1: fee 25 %
 * R1 2027-02-01 10,000.00: fee 2,500.00 | expenses 800.00 | advance 5,000.00 | royalty 1,700.00
 * correction 2 (of correction 1): advance 6,000.00
 * R2 2027-02-15  2,000.00: fee 500.00 | advance 1,000.00 (outstanding 0) | royalty 500.00
 * </pre>
 */
class AgreementCorrectionTest extends ApiTestSupport {

    private static final String FINANCE = "fiona";

    String licensor;
    long agreement;
    long title;
    String deal;

    @BeforeEach
    void anAgreementWithADealOfItsTitle() {
        licensor = unique("Correction Licensor");
        title = createTitle(unique("Correction Title"), "en");
        Response rights = postJson("rita", "/api/rights-in", String.format("""
                {"titleId": %d, "licensor": "%s", "territories": ["FR"], "media": ["SVOD"], "termStart": "2026-01-01",
                 "termEnd": "2030-12-31", "exclusive": false}""", title, licensor));
        assertThat(rights.status()).as(rights.toString()).isEqualTo(201);
        deal = unique("DEAL-CORR");
        Response d = postJson("crm", "/api/deals", dealJson(deal, title, "[\"FR\"]", "2027-01-01", "2027-12-31"));
        assertThat(d.status()).as(d.toString()).isEqualTo(201);
        Response a = postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", licensor, "currency", "EUR",
                "distributionFeePercent", 20, "expenseCap", new BigDecimal("1000.00"), "advance", new BigDecimal("5000.00"),
                "statementFrequency", "QUARTERLY"));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        agreement = a.json().path("id").asLong();
        assertThat(absent(a.json().path("termsCorrectionId"))).as("as first recorded").isTrue();
        Response e = postJson(FINANCE, "/api/licensor-agreements/" + agreement + "/expenses",
                Map.of("incurredOn", "2027-01-05", "amount", new BigDecimal("800.00"), "description", "screening copies"));
        assertThat(e.status()).as(e.toString()).isEqualTo(201);
    }

    @Test
    void aCorrectionIsANewAuditedRecordAndLaterReceiptsUseTheLatestOne() {
        String path = "/api/licensor-agreements/" + agreement + "/corrections";
        Response first = postJson(FINANCE, path, terms("25", "1000.00", "5000.00", "the contract says 25 %, typed 20"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long firstId = first.json().path("id").asLong();
        assertThat(absent(first.json().path("correctsCorrectionId"))).as("it corrects the terms as first recorded").isTrue();
        assertThat(first.json().at("/before/distributionFeePercent").decimalValue()).isEqualByComparingTo("20");
        assertThat(first.json().at("/after/distributionFeePercent").decimalValue()).isEqualByComparingTo("25");
        assertThat(first.json().path("correctedBy").asText()).isEqualTo(FINANCE);
        JsonNode view = get(FINANCE, "/api/licensor-agreements/" + agreement).json();
        assertThat(view.path("distributionFeePercent").decimalValue()).isEqualByComparingTo("25");
        assertThat(view.path("termsCorrectionId").asLong()).isEqualTo(firstId);
        assertThat(get(FINANCE, "/api/licensor-agreements/" + agreement).body()).contains("\"distributionFeePercent\":25,");

        JsonNode r1 = receipt("2027-02-01", "10000.00");
        assertThat(posted(r1, "DISTRIBUTION_FEE")).as("the corrected fee").isEqualByComparingTo("2500.00");
        assertThat(posted(r1, "EXPENSE_RECOUPMENT")).isEqualByComparingTo("800.00");
        assertThat(posted(r1, "ADVANCE_RECOUPMENT")).isEqualByComparingTo("5000.00");
        assertThat(posted(r1, "ROYALTY_PAYABLE")).isEqualByComparingTo("1700.00");

        // below what receipts have recouped already: refused, both fields named, nothing recorded
        Response below = postJson(FINANCE, path, terms("25", "500.00", "4000.00", "lower"));
        assertThat(below.status()).as(below.toString()).isEqualTo(409);
        assertThat(below.errorFields()).containsExactlyInAnyOrder("advance", "expenseCap");
        assertThat(count("SELECT count(*) FROM licensor_agreement_correction WHERE agreement_id = ?", agreement)).isEqualTo(1);

        Response second = postJson(FINANCE, path, terms("25", "1000.00", "6000.00", "the signed advance is 6,000.00"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().path("correctsCorrectionId").asLong()).as("it supersedes the latest").isEqualTo(firstId);
        assertThat(second.json().at("/before/advance").decimalValue()).isEqualByComparingTo("5000.00");

        JsonNode r2 = receipt("2027-02-15", "2000.00");
        assertThat(posted(r2, "DISTRIBUTION_FEE")).isEqualByComparingTo("500.00");
        assertThat(posted(r2, "ADVANCE_RECOUPMENT")).as("what the corrected advance leaves outstanding").isEqualByComparingTo("1000.00");
        assertThat(posted(r2, "ROYALTY_PAYABLE")).isEqualByComparingTo("500.00");
        assertThat(posted(get(FINANCE, "/api/royalty-receipts/" + r1.path("id").asLong()).json(), "DISTRIBUTION_FEE"))
                .as("the ledger keeps what was posted").isEqualByComparingTo("2500.00");
        JsonNode statement = get(FINANCE, "/api/royalty-statements?licensor=" + enc(licensor) + "&period=2027-Q1").json();
        assertThat(statement.at("/closing/advanceOutstanding").decimalValue()).isEqualByComparingTo("0.00");

        JsonNode audit = get(FINANCE, path).json();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(1).at("/after/advance").decimalValue()).isEqualByComparingTo("6000.00");
        assertThat(audit.get(1).path("reason").asText()).isEqualTo("the signed advance is 6,000.00");
        // the record as first made stays; the corrections cannot be changed either
        assertThat(jdbc.queryForObject("SELECT distribution_fee_percent FROM licensor_agreement WHERE id = ?", BigDecimal.class, agreement))
                .isEqualByComparingTo("20");
        for (String sql : List.of("UPDATE licensor_agreement_correction SET advance = 1 WHERE id = " + firstId,
                "DELETE FROM licensor_agreement_correction WHERE id = " + firstId,
                "UPDATE licensor_agreement SET advance = 1 WHERE id = " + agreement)) {
            assertThatThrownBy(() -> jdbc.update(sql)).as(sql).hasMessageContaining("refused");
        }
        assertThatThrownBy(() -> jdbc.update("INSERT INTO licensor_agreement_correction (agreement_id, corrects_id, distribution_fee_percent, "
                + "advance, reason, corrected_by) VALUES (?, ?, 30, 0, 'a fork', 'x')", agreement, firstId))
                .as("one chain: a correction is superseded once").isInstanceOf(org.springframework.dao.DataAccessException.class);
    }

    @Test
    void badCorrectionsAreRefusedNamingTheFieldAndChangeNothing() {
        String path = "/api/licensor-agreements/" + agreement + "/corrections";
        Map<String, Object> noReason = terms("25", "1000.00", "5000.00", " ");
        assertBad(postJson(FINANCE, path, noReason), "reason");
        Map<String, Object> usd = terms("25", "1000.00", "5000.00", "x");
        usd.put("currency", "USD");
        assertBad(postJson(FINANCE, path, usd), "currency");
        Map<String, Object> frequency = terms("25", "1000.00", "5000.00", "x");
        frequency.put("statementFrequency", "SEMI_ANNUAL");
        assertBad(postJson(FINANCE, path, frequency), "statementFrequency");
        assertBad(postJson(FINANCE, path, terms("101", "1000.00", "5000.00", "x")), "distributionFeePercent");
        assertBad(postJson(FINANCE, path, terms("25", "1000.001", "5000.00", "x")), "expenseCap");
        assertBad(postJson(FINANCE, path, terms("20", "1000.00", "5000.00", "the same")), "body");
        Response unknown = postJson(FINANCE, "/api/licensor-agreements/999999999/corrections", terms("25", "1000.00", "5000.00", "x"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(get(FINANCE, "/api/licensor-agreements/999999999/corrections").status()).isEqualTo(404);
        assertThat(postJson("crm", path, terms("25", "1000.00", "5000.00", "x")).status()).isEqualTo(403);
        assertThat(postJson("rita", path, terms("25", "1000.00", "5000.00", "x")).status()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM licensor_agreement_correction WHERE agreement_id = ?", agreement)).isZero();
        assertThat(get(FINANCE, path).json()).isEmpty();
    }

    private static Map<String, Object> terms(String fee, String cap, String advance, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("distributionFeePercent", new BigDecimal(fee));
        body.put("expenseCap", new BigDecimal(cap));
        body.put("advance", new BigDecimal(advance));
        body.put("reason", reason);
        return body;
    }

    private JsonNode receipt(String on, String amount) {
        Response r = postJson(FINANCE, "/api/royalty-receipts", String.format("""
                {"agreementId": %d, "dealRef": "%s", "titleId": %d, "receivedOn": "%s", "amount": %s, "currency": "EUR",
                 "externalReference": "%s"}""", agreement, deal, title, on, amount, unique("CORR-R")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static BigDecimal posted(JsonNode receipt, String kind) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode p : receipt.path("postings")) {
            if (p.path("kind").asText().equals(kind)) sum = sum.add(p.path("amount").decimalValue());
        }
        return sum;
    }

    private static boolean absent(JsonNode n) {
        return n.isMissingNode() || n.isNull();
    }

    private static void assertBad(Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.errorFields()).as(r.toString()).contains(field);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
