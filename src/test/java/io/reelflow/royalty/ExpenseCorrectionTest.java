package io.reelflow.royalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.support.ApiTestSupport;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Corrections by the book for recoupable expenses: the correction is a new record pointing to the one it corrects, which
 * stays (PostgreSQL refuses to change it) and no longer counts; its ledger entry is reversed, the correction's posted.
 * An expense recouped from a receipt stays as recorded.
 */
class ExpenseCorrectionTest extends ApiTestSupport {

    private static final String FINANCE = "fiona";

    String licensor;
    long agreement;

    @BeforeEach
    void anAgreement() {
        licensor = unique("Expense Licensor");
        Response a = postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", licensor, "currency", "EUR",
                "distributionFeePercent", 20, "advance", BigDecimal.ZERO, "statementFrequency", "QUARTERLY"));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        agreement = a.json().path("id").asLong();
    }

    @Test
    void aCorrectionReplacesTheExpenseInTheBooksAndTheOriginalStaysOnRecord() {
        long expense = expense("1850.00");
        String path = "/api/licensor-agreements/" + agreement + "/expenses/" + expense + "/correction";

        Response noReason = postJson(FINANCE, path, Map.of("incurredOn", "2026-11-03", "amount", 1580.00, "currency", "EUR", "reason", " "));
        assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
        assertThat(noReason.errorFields()).contains("reason");
        Response usd = postJson(FINANCE, path, Map.of("incurredOn", "2026-11-03", "amount", 1580.00, "currency", "USD", "reason", "typo"));
        assertThat(usd.status()).isEqualTo(400);
        assertThat(usd.errorFields()).contains("currency");
        Response cents = postJson(FINANCE, path, Map.of("incurredOn", "2026-11-03", "amount", 1580.005, "currency", "EUR", "reason", "typo"));
        assertThat(cents.status()).isEqualTo(400);
        assertThat(cents.errorFields()).contains("amount");
        assertThat(postJson(FINANCE, "/api/licensor-agreements/" + agreement + "/expenses/999999999/correction",
                Map.of("incurredOn", "2026-11-03", "amount", 1.00, "reason", "x")).status()).isEqualTo(404);
        assertThat(postJson(FINANCE, "/api/licensor-agreements/999999999/expenses/" + expense + "/correction",
                Map.of("incurredOn", "2026-11-03", "amount", 1.00, "reason", "x")).status()).isEqualTo(404);
        assertThat(expenseEntries()).isEqualByComparingTo("1850.00");

        Response corrected = postJson(FINANCE, path, Map.of("incurredOn", "2026-11-03", "amount", 1580.00, "currency", "EUR",
                "reason", "typed 1850.00 instead of the invoiced 1580.00"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        long correction = corrected.json().path("id").asLong();
        assertThat(corrected.json().path("correctsExpenseId").asLong()).isEqualTo(expense);
        assertThat(corrected.json().path("description").asText()).isEqualTo("screening copies");

        JsonNode expenses = get(FINANCE, "/api/licensor-agreements/" + agreement).json().path("expenses");
        assertThat(expenses.size()).as("only the correction counts").isEqualTo(1);
        assertThat(expenses.get(0).path("amount").decimalValue()).isEqualByComparingTo("1580.00");
        assertThat(expenseEntries()).as("the EXPENSE entries: 1850.00, its reversal, 1580.00").isEqualByComparingTo("1580.00");
        assertThat(count("SELECT count(*) FROM royalty_ledger_entry WHERE agreement_id = ? AND kind = 'EXPENSE' AND reverses_entry_id IS NOT NULL",
                agreement)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT amount FROM recoupable_expense WHERE id = ?", BigDecimal.class, expense))
                .as("the original stays as recorded").isEqualByComparingTo("1850.00");
        assertThatThrownBy(() -> jdbc.update("UPDATE recoupable_expense SET amount = 1 WHERE id = ?", correction))
                .hasMessageContaining("refused");

        Response twice = postJson(FINANCE, path, Map.of("incurredOn", "2026-11-03", "amount", 1500.00, "reason", "again"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.errorFields()).contains("expenseId");
        Response ofCorrection = postJson(FINANCE, "/api/licensor-agreements/" + agreement + "/expenses/" + correction + "/correction",
                Map.of("incurredOn", "2026-11-04", "amount", 1500.00, "reason", "the vendor's credit note"));
        assertThat(ofCorrection.status()).as("a correction is corrected in turn").isEqualTo(201);
        assertThat(expenseEntries()).isEqualByComparingTo("1500.00");
    }

    @Test
    void anExpenseRecoupedFromAReceiptStaysAsRecorded() {
        long expense = expense("1000.00");
        long title = createTitle(unique("Expense Title"), "en");
        Response rights = postJson("rita", "/api/rights-in", String.format("""
                {"titleId": %d, "licensor": "%s", "territories": ["FR"], "media": ["SVOD"],
                 "termStart": "2026-01-01", "termEnd": "2035-12-31", "exclusive": true}""", title, licensor));
        assertThat(rights.status()).as(rights.toString()).isEqualTo(201);
        String deal = unique("EXP-DEAL");
        assertThat(post("crm", "/api/deals", "application/json", dealJson(deal, title, "[\"FR\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        Response receipt = postJson(FINANCE, "/api/royalty-receipts", Map.of("agreementId", agreement, "dealRef", deal, "titleId", title,
                "receivedOn", "2026-11-20", "amount", 10000.00, "currency", "EUR", "externalReference", unique("REMIT")));
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(201);
        assertThat(count("SELECT count(*) FROM royalty_ledger_entry WHERE expense_id = ? AND kind = 'EXPENSE_RECOUPMENT'", expense)).isPositive();

        Response refused = postJson(FINANCE, "/api/licensor-agreements/" + agreement + "/expenses/" + expense + "/correction",
                Map.of("incurredOn", "2026-11-03", "amount", 900.00, "reason", "late credit note"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.errorFields()).contains("amount");
        assertThat(count("SELECT count(*) FROM recoupable_expense WHERE corrects_id = ?", expense)).isZero();
        assertThat(expenseEntries()).isEqualByComparingTo("1000.00");
    }

    private long expense(String amount) {
        Response r = postJson(FINANCE, "/api/licensor-agreements/" + agreement + "/expenses", Map.of("incurredOn", "2026-11-03",
                "amount", new BigDecimal(amount), "currency", "EUR", "description", "screening copies"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private BigDecimal expenseEntries() {
        return jdbc.queryForObject("SELECT coalesce(sum(amount), 0) FROM royalty_ledger_entry WHERE agreement_id = ? AND kind = 'EXPENSE'",
                BigDecimal.class, agreement);
    }
}
