package io.reelflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ApiTestSupport;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One rule across the API, over real HTTP: a request that refers to a record that does not exist (a title, a deal, a
 * licensor agreement), in its path, its body or its query, answers 404 problem+json naming the field, and stores nothing.
 * Whether existing records belong together (a deal that does not list the title) stays 400. Rows of an imported file
 * are data checked row by row: a row naming no title is one of the file's 400 problems.
 */
class UnknownReferencesTest extends ApiTestSupport {

    private long unknownTitle() {
        return count("SELECT coalesce(max(id), 0) FROM title") + 1_000_000L;
    }

    @Test
    void aDealNamingAnUnknownTitleIs404NamingTheTitleAndStoresNothing() {
        long known = createTitle(unique("Reference Title"), "en");
        long unknown = unknownTitle();
        String id = unique("REF-DEAL");
        String body = dealJson(id, known, "[\"FR\"]", "2027-01-01", "2027-12-31")
                .replace("\"titleIds\": [" + known + "]", "\"titleIds\": [" + known + ", " + unknown + "]");
        assertThat(body).contains(String.valueOf(unknown));
        Response r = postJson("crm", "/api/deals", body);
        assertNotFound(r, "titleIds[1]", "no title with id " + unknown);
        assertThat(r.errorFields()).containsExactly("titleIds[1]");
        assertThat(count("SELECT count(*) FROM deal WHERE crm_deal_id = ?", id)).isZero();
        assertThat(get("crm", "/api/deals/" + id).status()).isEqualTo(404);
    }

    @Test
    void rightsInAndAvailsOfAnUnknownTitleAre404NamingTitleId() {
        long unknown = unknownTitle();
        int before = count("SELECT count(*) FROM rights_in");
        Response r = postJson("rita", "/api/rights-in", """
                {"titleId": %d, "licensor": "Harbour Films Ltd", "territories": ["FR"], "media": ["SVOD"], "termStart": "2027-01-01",
                 "exclusive": false}""".formatted(unknown));
        assertNotFound(r, "titleId", "no title with id " + unknown);
        assertThat(count("SELECT count(*) FROM rights_in")).isEqualTo(before);
        assertNotFound(get("rita", "/api/avails?titleId=" + unknown + "&media=SVOD&from=2027-01-01"), "titleId", "no title");
        assertNotFound(get("rita", "/api/avails/ema?titleIds=" + unknown), "titleIds[0]", "no title with id " + unknown);
        // a bad shape is still 400, whatever it refers to
        Response shape = postJson("rita", "/api/rights-in", """
                {"titleId": %d, "licensor": "Harbour Films Ltd", "territories": ["FR"], "media": ["SVOD"], "termStart": "2027-13-01",
                 "exclusive": false}""".formatted(unknown));
        assertThat(shape.status()).as(shape.toString()).isEqualTo(400);
    }

    @Test
    void aReceiptNamingAnUnknownAgreementTitleOrDealIs404NamingEachField() {
        long unknown = unknownTitle();
        int receipts = count("SELECT count(*) FROM royalty_receipt");
        Response all = postJson("fiona", "/api/royalty-receipts", receipt(999_999_999L, "NO-SUCH-DEAL-" + unique("X"), unknown));
        assertNotFound(all, "agreementId", "no licensor agreement with id 999999999");
        assertThat(all.errorFields()).containsExactlyInAnyOrder("agreementId", "titleId", "dealRef");

        // an agreement and a title that exist, a deal that does not
        long title = createTitle(unique("Reference Receipt Title"), "en");
        Response agreement = postJson("fiona", "/api/licensor-agreements", Map.of("licensor", unique("Reference Licensor"),
                "currency", "EUR", "distributionFeePercent", 20, "statementFrequency", "QUARTERLY"));
        assertThat(agreement.status()).as(agreement.toString()).isEqualTo(201);
        long agreementId = agreement.json().path("id").asLong();
        Response noDeal = postJson("fiona", "/api/royalty-receipts", receipt(agreementId, "NO-SUCH-DEAL", title));
        assertNotFound(noDeal, "dealRef", "no deal with CRM deal id NO-SUCH-DEAL");
        assertThat(noDeal.errorFields()).containsExactly("dealRef");

        // records that all exist but do not belong together: 400
        String deal = unique("REF-RCPT");
        long other = createTitle(unique("Reference Other Title"), "en");
        Response d = postJson("crm", "/api/deals", dealJson(deal, other, "[\"FR\"]", "2027-01-01", "2027-12-31"));
        assertThat(d.status()).as(d.toString()).isEqualTo(201);
        Response notItsTitle = postJson("fiona", "/api/royalty-receipts", receipt(agreementId, deal, title));
        assertThat(notItsTitle.status()).as(notItsTitle.toString()).isEqualTo(400);
        assertThat(notItsTitle.errorFields()).contains("dealRef");
        assertThat(count("SELECT count(*) FROM royalty_receipt")).isEqualTo(receipts);
    }

    @Test
    void unknownRecordsInThePathAre404Everywhere() {
        assertThat(get("crm", "/api/deals/NO-SUCH-DEAL").status()).isEqualTo(404);
        assertThat(postJson("crm", "/api/deals/NO-SUCH-DEAL/amendments", Map.of("windowEnd", "2030-06-30", "reason", "x")).status())
                .isEqualTo(404);
        assertThat(postJson("fiona", "/api/licensor-agreements/999999999/expenses",
                Map.of("incurredOn", "2027-01-01", "amount", new BigDecimal("5.00"))).status()).isEqualTo(404);
        assertThat(postJson("fiona", "/api/licensor-agreements/999999999/corrections",
                Map.of("distributionFeePercent", 10, "reason", "x")).status()).isEqualTo(404);
        assertThat(postJson("fiona", "/api/licence-fees/NO-SUCH-DEAL/revenue-reports", Map.of("quarter", "2027-Q1", "revenue", 1,
                "revenueCurrency", "EUR", "reportReference", "R-1")).status()).isEqualTo(404);
        assertThat(postJson("rita", "/api/rights-in/999999999/holdbacks", Map.of("territories", java.util.List.of("FR"),
                "media", java.util.List.of("SVOD"), "periodStart", "2027-01-01")).status()).isEqualTo(404);
        assertThat(get("fiona", "/api/royalty-statements?licensor=No%20Such%20Licensor&period=2027-Q1").status()).isEqualTo(404);
    }

    private static String receipt(long agreementId, String deal, long title) {
        return String.format("""
                {"agreementId": %d, "dealRef": "%s", "titleId": %d, "receivedOn": "2027-03-01", "amount": 10.00, "currency": "EUR",
                 "externalReference": "%s"}""", agreementId, deal, title, unique("REF"));
    }

    private static void assertNotFound(Response r, String field, String reason) {
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.errorFields()).as(r.toString()).contains(field);
        assertThat(r.reason(field)).contains(reason);
    }
}
