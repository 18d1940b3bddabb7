package io.reelflow.royalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.platform.Csv;
import io.reelflow.support.ApiTestSupport;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * The royalty room end to end over real HTTP on embedded PostgreSQL: a licensor with two deals and two
 * titles, receipts in EUR and USD, expenses above the cap, an advance recouped across receipts.
 *
 * <p>The figures, worked by hand (agreement in EUR, fee 20%, expense cap 15,000.00, advance 50,000.00):
 * <pre>
 * expenses  E1 2027-01-05 10,000.00   E2 2027-01-20 8,000.00   (18,000.00 incurred, only 15,000.00 recoupable)
 * R1 2027-01-31 deal D1 title T1  40,000.00 EUR
 *      fee 8,000.00 | left 32,000.00 | expenses: E1 10,000.00 + E2 5,000.00 (cap reached) | left 17,000.00
 *      advance 17,000.00 (outstanding 33,000.00) | royalty 0.00
 * R2 2027-02-14 deal D2 title T2  30,000.55 USD at 0.9234 = 27,702.50787 -> 27,702.51 EUR
 *      fee 20% = 5,540.502 -> 5,540.50 | left 22,162.01 | expenses 0 (cap used up)
 *      advance 22,162.01 (outstanding 10,837.99) | royalty 0.00
 * R3 2027-03-10 deal D1 title T1  25,000.00 EUR
 *      fee 5,000.00 | left 20,000.00 | advance 10,837.99 (outstanding 0) | royalty 9,162.01
 * Q1: receipts 92,702.51 = fees 18,540.50 + expenses 15,000.00 + advance 50,000.00 + royalty 9,162.01
 *     by deal D1 65,000.00, D2 27,702.51; by title T1 65,000.00, T2 27,702.51
 * Q1 issued. Then R4 2027-04-15 deal D2 title T2 10,000.00 EUR: fee 2,000.00, royalty 8,000.00;
 * and R3 is reversed: Q1 is frozen, so the reversal lands in Q2:
 * Q2: receipts 10,000.00 - 25,000.00 = -15,000.00; fees 2,000.00 - 5,000.00 = -3,000.00;
 *     advance -10,837.99; royalty 8,000.00 - 9,162.01 = -1,162.01; closing advance outstanding 10,837.99
 * </pre>
 */
class RoyaltyApiTest extends ApiTestSupport {

    private static final String FINANCE = "fiona";

    record Fixture(long agreementId, String licensor, long t1, long t2, String d1, String d2, long r1, long r2, long r3) {
    }

    private Fixture q1() {
        String licensor = unique("Licensor Royalty");
        long t1 = createTitle(unique("Royalty Title One"), "en");
        long t2 = createTitle(unique("Royalty Title Two"), "fr");
        String d1 = unique("DEAL-A");
        String d2 = unique("DEAL-B");
        // receipts belong to real deals of titles held from the agreement's licensor
        heldFrom(t1, licensor);
        heldFrom(t2, licensor);
        realDeal(d1, t1);
        realDeal(d2, t2);
        Response a = postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", licensor, "currency", "EUR",
                "distributionFeePercent", 20, "expenseCap", new BigDecimal("15000.00"), "advance", new BigDecimal("50000.00"),
                "statementFrequency", "QUARTERLY"));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        long agreementId = a.json().get("id").asLong();
        expense(agreementId, "2027-01-05", "10000.00", "IMF mastering");
        expense(agreementId, "2027-01-20", "8000.00", "Localization");
        Response rate = postJson(FINANCE, "/api/fx-rates", Map.of("fromCurrency", "USD", "toCurrency", "EUR", "rateDate", "2027-02-14",
                "rate", new BigDecimal("0.9234")));
        assertThat(rate.status()).as(rate.toString()).isIn(200, 201);
        long r1 = receipt(agreementId, d1, t1, "2027-01-31", "40000.00", "EUR", unique("NFX-R1")).get("id").asLong();
        JsonNode r2 = receipt(agreementId, d2, t2, "2027-02-14", "30000.55", "USD", unique("NFX-R2"));
        assertAmount(r2.get("convertedAmount"), "27702.51");
        assertThat(r2.get("fxRate").decimalValue()).isEqualByComparingTo("0.9234");
        long r3 = receipt(agreementId, d1, t1, "2027-03-10", "25000.00", "EUR", unique("NFX-R3")).get("id").asLong();
        return new Fixture(agreementId, licensor, t1, t2, d1, d2, r1, r2.get("id").asLong(), r3);
    }

    @Test
    void statementOfALicensorWithTwoDealsMatchesTheFiguresWorkedByHand() {
        Fixture f = q1();
        Response r = get(FINANCE, "/api/royalty-statements?licensor=" + enc(f.licensor()) + "&period=2027-Q1");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("status").asText()).isEqualTo("OPEN");
        assertThat(s.get("currency").asText()).isEqualTo("EUR");
        assertThat(s.get("periodStart").asText()).isEqualTo("2027-01-01");
        assertThat(s.get("periodEnd").asText()).isEqualTo("2027-03-31");

        JsonNode opening = s.get("opening");
        assertAmount(opening.get("advanceOutstanding"), "50000.00");
        assertAmount(opening.get("expensesIncurred"), "0.00");
        assertAmount(opening.get("expenseCapRemaining"), "15000.00");
        assertAmount(opening.get("receiptsToDate"), "0.00");

        JsonNode t = s.get("totals");
        assertAmount(t.get("receipts"), "92702.51");
        assertAmount(t.get("distributionFees"), "18540.50");
        assertAmount(t.get("expensesIncurred"), "18000.00");
        assertAmount(t.get("expensesRecouped"), "15000.00");
        assertAmount(t.get("advanceRecouped"), "50000.00");
        assertAmount(t.get("royaltyPayable"), "9162.01");

        JsonNode closing = s.get("closing");
        assertAmount(closing.get("advanceOutstanding"), "0.00");
        assertAmount(closing.get("expensesIncurred"), "18000.00");
        assertAmount(closing.get("expensesRecouped"), "15000.00");
        assertAmount(closing.get("expensesUnrecouped"), "3000.00");
        assertAmount(closing.get("expenseCapRemaining"), "0.00");
        assertAmount(closing.get("receiptsToDate"), "92702.51");
        assertAmount(closing.get("distributionFeesToDate"), "18540.50");
        assertAmount(closing.get("royaltyPayableToDate"), "9162.01");

        Map<String, String> byDeal = new HashMap<>();
        s.get("receiptsByDeal").forEach(d -> byDeal.put(d.get("dealRef").asText(), d.get("receipts").asText()));
        assertThat(byDeal).hasSize(2);
        assertThat(new BigDecimal(byDeal.get(f.d1()))).isEqualByComparingTo("65000.00");
        assertThat(new BigDecimal(byDeal.get(f.d2()))).isEqualByComparingTo("27702.51");
        Map<Long, String> byTitle = new HashMap<>();
        s.get("receiptsByTitle").forEach(x -> byTitle.put(x.get("titleId").asLong(), x.get("receipts").asText()));
        assertThat(new BigDecimal(byTitle.get(f.t1()))).isEqualByComparingTo("65000.00");
        assertThat(new BigDecimal(byTitle.get(f.t2()))).isEqualByComparingTo("27702.51");

        // per receipt: R1 fee 8,000 / expenses 15,000 / advance 17,000 / royalty 0; R2 in USD at the rate of its day
        JsonNode lines = s.get("lines");
        assertThat(lines).hasSize(3);
        JsonNode l1 = line(lines, f.r1());
        assertAmount(l1.get("distributionFee"), "8000.00");
        assertAmount(l1.get("expensesRecouped"), "15000.00");
        assertAmount(l1.get("advanceRecouped"), "17000.00");
        assertAmount(l1.get("royaltyPayable"), "0.00");
        JsonNode l2 = line(lines, f.r2());
        assertThat(l2.get("grossCurrency").asText()).isEqualTo("USD");
        assertAmount(l2.get("grossAmount"), "30000.55");
        assertThat(l2.get("fxRate").decimalValue()).isEqualByComparingTo("0.9234");
        assertAmount(l2.get("receipts"), "27702.51");
        assertAmount(l2.get("distributionFee"), "5540.50");
        assertAmount(l2.get("advanceRecouped"), "22162.01");
        JsonNode l3 = line(lines, f.r3());
        assertAmount(l3.get("advanceRecouped"), "10837.99");
        assertAmount(l3.get("royaltyPayable"), "9162.01");

        // the CSV carries the same figures, by Accept header and by format=csv
        Response csv = send(FINANCE, HttpRequest.newBuilder(uri("/api/royalty-statements?licensor=" + enc(f.licensor()) + "&period=2027-Q1"))
                .header("Accept", "text/csv").GET());
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        Map<String, String> figures = csvFigures(csv.body());
        assertThat(figures).containsEntry("statement/licensor", f.licensor()).containsEntry("statement/period", "2027-Q1");
        for (String item : List.of("receipts", "distributionFees", "expensesIncurred", "expensesRecouped", "advanceRecouped", "royaltyPayable")) {
            assertThat(new BigDecimal(figures.get("totals/" + snake(item)))).as(item).isEqualByComparingTo(t.get(item).asText());
        }
        for (String item : List.of("advanceOutstanding", "expensesUnrecouped", "expenseCapRemaining", "receiptsToDate", "royaltyPayableToDate")) {
            assertThat(new BigDecimal(figures.get("opening/" + snake(item)))).as(item).isEqualByComparingTo(opening.get(item).asText());
            assertThat(new BigDecimal(figures.get("closing/" + snake(item)))).as(item).isEqualByComparingTo(closing.get(item).asText());
        }
        assertThat(new BigDecimal(figures.get("receipts_by_deal/deal/" + f.d1()))).isEqualByComparingTo("65000.00");
        assertThat(new BigDecimal(figures.get("receipts_by_deal/deal/" + f.d2()))).isEqualByComparingTo("27702.51");
        Response csv2 = get(FINANCE, "/api/royalty-statements?licensor=" + enc(f.licensor()) + "&period=2027-Q1&format=csv");
        assertThat(csv2.status()).isEqualTo(200);
        assertThat(csv2.body()).isEqualTo(csv.body());
    }

    @Test
    void everyReceiptIsConservedInTheLedgerAndTheRateIsRecorded() {
        Fixture f = q1();
        for (long receipt : List.of(f.r1(), f.r2(), f.r3())) {
            BigDecimal allocated = jdbc.queryForObject("SELECT sum(amount) FROM royalty_ledger_entry WHERE receipt_id = ? AND kind IN "
                    + "('DISTRIBUTION_FEE', 'EXPENSE_RECOUPMENT', 'ADVANCE_RECOUPMENT', 'ROYALTY_PAYABLE')", BigDecimal.class, receipt);
            BigDecimal converted = jdbc.queryForObject("SELECT amount FROM royalty_ledger_entry e WHERE receipt_id = ? AND "
                    + "(kind = 'FX' OR (kind = 'RECEIPT' AND currency = 'EUR'))", BigDecimal.class, receipt);
            assertThat(allocated).as("receipt " + receipt).isEqualByComparingTo(converted);
            assertThat(count("SELECT count(*) FROM royalty_ledger_entry WHERE receipt_id = ? AND (deal_ref IS NULL OR title_id IS NULL "
                    + "OR agreement_id <> ?)", receipt, f.agreementId())).isZero();
        }
        assertThat(jdbc.queryForObject("SELECT amount FROM royalty_ledger_entry WHERE receipt_id = ? AND kind = 'FX'", BigDecimal.class,
                f.r2())).isEqualByComparingTo("27702.51");
        assertThat(jdbc.queryForObject("SELECT amount FROM royalty_ledger_entry WHERE receipt_id = ? AND kind = 'RECEIPT'", BigDecimal.class,
                f.r2())).isEqualByComparingTo("30000.55");
        assertThat(count("SELECT count(*) FROM royalty_ledger_entry WHERE receipt_id = ? AND fx_rate_used = 0.9234", f.r2()))
                .isEqualTo(count("SELECT count(*) FROM royalty_ledger_entry WHERE receipt_id = ?", f.r2())).isPositive();
        // R1 recouped both expenses, oldest first, up to the cap
        List<BigDecimal> recoupments = jdbc.queryForList("SELECT e.amount FROM royalty_ledger_entry e JOIN recoupable_expense x "
                + "ON x.id = e.expense_id WHERE e.receipt_id = ? AND e.kind = 'EXPENSE_RECOUPMENT' ORDER BY x.incurred_on", BigDecimal.class, f.r1());
        assertThat(recoupments).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10000.00"), new BigDecimal("5000.00"));
        // the whole agreement balances too
        assertThat(jdbc.queryForObject("SELECT sum(amount) FILTER (WHERE kind IN ('DISTRIBUTION_FEE', 'EXPENSE_RECOUPMENT', "
                + "'ADVANCE_RECOUPMENT', 'ROYALTY_PAYABLE')) - sum(amount) FILTER (WHERE kind = 'FX' OR (kind = 'RECEIPT' AND currency = 'EUR')) "
                + "FROM royalty_ledger_entry WHERE agreement_id = ?", BigDecimal.class, f.agreementId())).isEqualByComparingTo("0");
    }

    @Test
    void theLedgerRefusesUpdateAndDelete() {
        Fixture f = q1();
        long entry = jdbc.queryForObject("SELECT min(id) FROM royalty_ledger_entry WHERE receipt_id = ?", Long.class, f.r1());
        assertThatThrownBy(() -> jdbc.update("UPDATE royalty_ledger_entry SET amount = 0 WHERE id = ?", entry))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM royalty_ledger_entry WHERE id = ?", entry))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(count("SELECT count(*) FROM royalty_ledger_entry WHERE id = ? AND amount > 0", entry)).isEqualTo(1);
    }

    @Test
    void anIssuedStatementIsFrozenAndALaterReversalLandsInTheNextPeriod() {
        Fixture f = q1();
        String q1 = "licensor=" + enc(f.licensor()) + "&period=2027-Q1";
        Response issued = post(FINANCE, "/api/royalty-statements/issue?" + q1, "application/json", "");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.json().get("status").asText()).isEqualTo("ISSUED");
        assertThat(issued.json().get("issuedBy").asText()).isEqualTo(FINANCE);
        Response again = post(FINANCE, "/api/royalty-statements/issue?" + q1, "application/json", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(issued.json());

        long r4 = receipt(f.agreementId(), f.d2(), f.t2(), "2027-04-15", "10000.00", "EUR", unique("NFX-R4")).get("id").asLong();
        Response reversal = post(FINANCE, "/api/royalty-receipts/" + f.r3() + "/reversal", "application/json", "");
        assertThat(reversal.status()).as(reversal.toString()).isEqualTo(201);
        assertThat(reversal.json().get("reversed").asBoolean()).isTrue();
        reversal.json().get("postings").forEach(p -> {
            if (p.hasNonNull("reversesEntryId")) assertThat(p.get("period").asText()).isEqualTo("2027-Q2");
        });
        Response twice = post(FINANCE, "/api/royalty-receipts/" + f.r3() + "/reversal", "application/json", "");
        assertThat(twice.status()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM royalty_ledger_entry WHERE receipt_id = ? AND reverses_entry_id IS NOT NULL", f.r3()))
                .isEqualTo(count("SELECT count(*) FROM royalty_ledger_entry WHERE receipt_id = ? AND reverses_entry_id IS NULL", f.r3()));

        // the issued statement is unchanged, and so is its frozen row
        Response q1Now = get(FINANCE, "/api/royalty-statements?" + q1);
        assertThat(q1Now.json()).isEqualTo(issued.json());
        assertAmount(q1Now.json().get("totals").get("royaltyPayable"), "9162.01");
        assertThatThrownBy(() -> jdbc.update("UPDATE royalty_statement SET issued_by = 'x' WHERE agreement_id = ?", f.agreementId()))
                .isInstanceOf(DataAccessException.class);

        Response q2 = get(FINANCE, "/api/royalty-statements?licensor=" + enc(f.licensor()) + "&period=2027-Q2");
        assertThat(q2.status()).isEqualTo(200);
        JsonNode s = q2.json();
        assertThat(s.get("status").asText()).isEqualTo("OPEN");
        assertAmount(s.get("opening").get("advanceOutstanding"), "0.00");
        assertAmount(s.get("opening").get("royaltyPayableToDate"), "9162.01");
        JsonNode t = s.get("totals");
        assertAmount(t.get("receipts"), "-15000.00");
        assertAmount(t.get("distributionFees"), "-3000.00");
        assertAmount(t.get("expensesRecouped"), "0.00");
        assertAmount(t.get("advanceRecouped"), "-10837.99");
        assertAmount(t.get("royaltyPayable"), "-1162.01");
        assertAmount(s.get("closing").get("advanceOutstanding"), "10837.99");
        assertAmount(s.get("closing").get("receiptsToDate"), "77702.51");
        assertAmount(s.get("closing").get("royaltyPayableToDate"), "8000.00");
        JsonNode lines = s.get("lines");
        assertThat(lines).hasSize(2);
        assertAmount(line(lines, r4).get("royaltyPayable"), "8000.00");
        JsonNode rev = line(lines, f.r3());
        assertThat(rev.get("reversal").asBoolean()).isTrue();
        assertAmount(rev.get("receipts"), "-25000.00");
        assertAmount(rev.get("royaltyPayable"), "-9162.01");

        // a receipt dated in the frozen quarter arriving late is posted to the next open one as well
        JsonNode late = receipt(f.agreementId(), f.d1(), f.t1(), "2027-03-31", "100.00", "EUR", unique("NFX-LATE"));
        late.get("postings").forEach(p -> assertThat(p.get("period").asText()).isEqualTo("2027-Q2"));
        assertThat(get(FINANCE, "/api/royalty-statements?" + q1).json()).isEqualTo(issued.json());
    }

    @Test
    void aReceiptIsPostedOncePerExternalReference() {
        Fixture f = q1();
        String ref = unique("NFX-IDEM");
        JsonNode first = receipt(f.agreementId(), f.d1(), f.t1(), "2027-03-20", "1000.00", "EUR", ref);
        int entries = count("SELECT count(*) FROM royalty_ledger_entry WHERE agreement_id = ?", f.agreementId());
        Response replay = postJson(FINANCE, "/api/royalty-receipts", receiptBody(f.agreementId(), f.d1(), f.t1(), "2027-03-20", "1000.00", "EUR", ref));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.json().get("id").asLong()).isEqualTo(first.get("id").asLong());
        Response other = postJson(FINANCE, "/api/royalty-receipts", receiptBody(f.agreementId(), f.d1(), f.t1(), "2027-03-20", "1001.00", "EUR", ref));
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(other.body()).contains("amount");
        assertThat(count("SELECT count(*) FROM royalty_ledger_entry WHERE agreement_id = ?", f.agreementId())).isEqualTo(entries);
    }

    @Test
    void aForeignReceiptWithoutTheRateOfItsDayIsRefusedNamingTheFields() {
        Fixture f = q1();
        int entries = count("SELECT count(*) FROM royalty_ledger_entry WHERE agreement_id = ?", f.agreementId());
        Response r = postJson(FINANCE, "/api/royalty-receipts",
                receiptBody(f.agreementId(), f.d2(), f.t2(), "2031-07-07", "500.00", "GBP", unique("NFX-GBP")));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(fields(r)).contains("receivedOn", "currency");
        assertThat(count("SELECT count(*) FROM royalty_ledger_entry WHERE agreement_id = ?", f.agreementId())).isEqualTo(entries);
        assertThat(count("SELECT count(*) FROM royalty_receipt WHERE agreement_id = ?", f.agreementId())).isEqualTo(3);
    }

    @Test
    void badInputsAreRefusedWithProblemJsonNamingTheField() {
        Fixture f = q1();
        assertBad(postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", unique("L"), "currency", "EUR",
                "distributionFeePercent", 120, "statementFrequency", "QUARTERLY")), "distributionFeePercent");
        assertBad(postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", unique("L"), "currency", "XAU",
                "distributionFeePercent", 10, "statementFrequency", "QUARTERLY")), "currency");
        assertBad(postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", unique("L"), "currency", "EUR",
                "distributionFeePercent", 10, "advance", new BigDecimal("10.005"), "statementFrequency", "QUARTERLY")), "advance");
        assertBad(postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", unique("L"), "currency", "EUR",
                "distributionFeePercent", 10, "statementFrequency", "MONTHLY")), "statementFrequency");
        Response dup = postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", f.licensor(), "currency", "EUR",
                "distributionFeePercent", 10, "statementFrequency", "QUARTERLY"));
        assertThat(dup.status()).isEqualTo(409);
        assertBad(postJson(FINANCE, "/api/licensor-agreements/" + f.agreementId() + "/expenses",
                Map.of("incurredOn", "2027-01-01", "amount", -5)), "amount");
        assertBad(postJson(FINANCE, "/api/licensor-agreements/" + f.agreementId() + "/expenses",
                Map.of("incurredOn", "2027-01-01", "amount", 5, "currency", "USD")), "currency");
        assertBad(postJson(FINANCE, "/api/fx-rates", Map.of("fromCurrency", "USD", "toCurrency", "USD", "rateDate", "2027-01-01",
                "rate", 1)), "toCurrency");
        assertBad(postJson(FINANCE, "/api/fx-rates", Map.of("fromCurrency", "USD", "toCurrency", "EUR", "rateDate", "2027-01-01",
                "rate", 0)), "rate");
        Response unknownTitle = postJson(FINANCE, "/api/royalty-receipts",
                receiptBody(f.agreementId(), f.d1(), 999_999_999L, "2027-03-01", "10.00", "EUR", unique("X")));
        assertThat(unknownTitle.status()).as("a title that does not exist: " + unknownTitle).isEqualTo(404);
        assertThat(fields(unknownTitle)).containsExactly("titleId");
        assertBad(postJson(FINANCE, "/api/royalty-receipts",
                receiptBody(f.agreementId(), f.d1(), f.t1(), "2027-03-01", "10.001", "EUR", unique("X"))), "amount");
        assertBad(postJson(FINANCE, "/api/royalty-receipts",
                receiptBody(f.agreementId(), f.d1(), f.t1(), "2027-03-01", "10.00", "EUR", " ")), "externalReference");
        assertBad(postJson(FINANCE, "/api/royalty-receipts",
                receiptBody(f.agreementId(), f.d1(), f.t1(), "2027-02-30", "10.00", "EUR", unique("X"))), "receivedOn");
        assertBad(get(FINANCE, "/api/royalty-statements?licensor=" + enc(f.licensor()) + "&period=2027-H1"), "period");
        assertBad(get(FINANCE, "/api/royalty-statements?licensor=" + enc(f.licensor()) + "&period=2027-Q1&format=pdf"), "format");
        assertThat(get(FINANCE, "/api/royalty-statements?licensor=" + enc(unique("nobody")) + "&period=2027-Q1").status()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM royalty_receipt WHERE agreement_id = ?", f.agreementId())).isEqualTo(3);
    }

    @Test
    void onlyFinanceAndAdminsReachTheRoyaltyApi() {
        Response crm = get("crm", "/api/licensor-agreements");
        Assumptions.assumeTrue(crm.status() == 403,
                "SecurityConfiguration has no finance rule for the royalty API yet (crm got " + crm.status() + ")");
        assertThat(get("admin", "/api/licensor-agreements").status()).isEqualTo(200);
        assertThat(get(FINANCE, "/api/fx-rates?from=USD&to=EUR").status()).isEqualTo(200);
        assertThat(get("crm", "/api/royalty-statements?licensor=x&period=2027-Q1").status()).isEqualTo(403);
        assertThat(postJson("crm", "/api/fx-rates", Map.of("fromCurrency", "USD", "toCurrency", "EUR", "rateDate", "2027-01-02",
                "rate", 1)).status()).isEqualTo(403);
        assertThat(get(null, "/api/licensor-agreements").status()).isEqualTo(401);
    }

    @Test
    void aReceiptBelongsToARealDealOfTheTitleHeldFromTheAgreementsLicensor() {
        Fixture f = q1();
        int entries = count("SELECT count(*) FROM royalty_ledger_entry WHERE agreement_id = ?", f.agreementId());
        Response noDeal = postJson(FINANCE, "/api/royalty-receipts",
                receiptBody(f.agreementId(), "NO-SUCH-DEAL", f.t1(), "2027-03-01", "10.00", "EUR", unique("X")));
        assertThat(noDeal.status()).as("a deal that does not exist: " + noDeal).isEqualTo(404);
        assertThat(noDeal.reason("dealRef")).contains("no deal").contains("NO-SUCH-DEAL");
        // d2 lists t2 only
        Response otherTitle = postJson(FINANCE, "/api/royalty-receipts",
                receiptBody(f.agreementId(), f.d2(), f.t1(), "2027-03-01", "10.00", "EUR", unique("X")));
        assertBad(otherTitle, "dealRef");
        assertThat(otherTitle.reason("dealRef")).contains("does not include title " + f.t1());
        // a title held from another licensor, in a real deal: not this agreement's
        long t3 = createTitle(unique("Royalty Title Three"), "en");
        String otherLicensor = unique("Licensor Other");
        heldFrom(t3, otherLicensor);
        String d3 = unique("DEAL-C");
        realDeal(d3, t3);
        Response wrongLicensor = postJson(FINANCE, "/api/royalty-receipts",
                receiptBody(f.agreementId(), d3, t3, "2027-03-01", "10.00", "EUR", unique("X")));
        assertBad(wrongLicensor, "agreementId");
        assertThat(wrongLicensor.reason("agreementId")).contains(otherLicensor).contains(f.licensor());
        assertThat(fields(wrongLicensor)).doesNotContain("dealRef");
        // nothing was posted
        assertThat(count("SELECT count(*) FROM royalty_ledger_entry WHERE agreement_id = ?", f.agreementId())).isEqualTo(entries);
        assertThat(count("SELECT count(*) FROM royalty_receipt WHERE agreement_id = ?", f.agreementId())).isEqualTo(3);
    }

    @Test
    void anUnknownAgreementIs404OnReceiptsAsOnExpenses() {
        Fixture f = q1();
        Response receipt = postJson(FINANCE, "/api/royalty-receipts",
                receiptBody(999_999_999L, f.d1(), f.t1(), "2027-03-01", "10.00", "EUR", unique("X")));
        Response expense = postJson(FINANCE, "/api/licensor-agreements/999999999/expenses",
                Map.of("incurredOn", "2027-01-01", "amount", 5));
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(404);
        assertThat(expense.status()).as(expense.toString()).isEqualTo(404);
        assertThat(receipt.contentType()).startsWith("application/problem+json");
        assertThat(get(FINANCE, "/api/licensor-agreements/999999999").status()).isEqualTo(404);
    }

    @Test
    void amountsAndPercentagesArePlainDecimals() {
        Fixture f = q1();
        String body = get(FINANCE, "/api/licensor-agreements/" + f.agreementId()).body();
        assertThat(body).contains("\"distributionFeePercent\":20").doesNotContain("E+");
        String receipt = get(FINANCE, "/api/royalty-receipts/" + f.r1()).body();
        assertThat(receipt).doesNotContain("E+").doesNotContain("E-");
    }

    @Test
    void receiptsAgreementsAndExpensesCannotBeChangedOrDeletedInTheDatabase() {
        Fixture f = q1();
        long expense = jdbc.queryForObject("SELECT min(id) FROM recoupable_expense WHERE agreement_id = ?", Long.class, f.agreementId());
        for (String sql : List.of(
                "UPDATE royalty_receipt SET gross_amount = gross_amount + 1 WHERE id = " + f.r1(),
                "DELETE FROM royalty_receipt WHERE id = " + f.r1(),
                "UPDATE licensor_agreement SET distribution_fee_percent = 1 WHERE id = " + f.agreementId(),
                "DELETE FROM licensor_agreement WHERE id = " + f.agreementId(),
                "UPDATE recoupable_expense SET amount = 1 WHERE id = " + expense,
                "DELETE FROM recoupable_expense WHERE id = " + expense)) {
            assertThatThrownBy(() -> jdbc.update(sql)).as(sql).hasMessageContaining("refused");
        }
        assertThat(get(FINANCE, "/api/royalty-receipts/" + f.r1()).json().get("amount").decimalValue()).isEqualByComparingTo("40000.00");
    }

    @Test
    void aRateNoReceiptUsedCanBeCorrectedWithAnAuditAUsedOneCannot() {
        Fixture f = q1();
        String day = java.time.LocalDate.of(2100, 1, 1).plusDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(250_000)).toString();
        Response entered = postJson(FINANCE, "/api/fx-rates", Map.of("fromCurrency", "CHF", "toCurrency", "EUR", "rateDate", day,
                "rate", new BigDecimal("1.0700")));
        assertThat(entered.status()).as(entered.toString()).isEqualTo(201);
        long rateId = entered.json().get("id").asLong();

        Response corrected = postJson(FINANCE, "/api/fx-rates/" + rateId + "/correction",
                Map.of("rate", new BigDecimal("1.0617"), "reason", "typo: digits swapped"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.json().get("rate").decimalValue()).isEqualByComparingTo("1.0617");
        JsonNode audit = get(FINANCE, "/api/fx-rates/" + rateId + "/corrections").json();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("oldRate").decimalValue()).isEqualByComparingTo("1.07");
        assertThat(audit.get(0).get("newRate").decimalValue()).isEqualByComparingTo("1.0617");
        assertThat(audit.get(0).get("reason").asText()).isEqualTo("typo: digits swapped");
        assertThat(audit.get(0).get("correctedBy").asText()).isEqualTo(FINANCE);

        // the rate USD->EUR of 2027-02-14 converted receipt r2: fixed for good
        long used = jdbc.queryForObject("SELECT id FROM fx_rate WHERE from_currency = 'USD' AND to_currency = 'EUR' AND rate_date = '2027-02-14'",
                Long.class);
        Response refused = postJson(FINANCE, "/api/fx-rates/" + used + "/correction", Map.of("rate", new BigDecimal("0.95"), "reason", "x"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(fields(refused)).contains("rate");
        assertThat(count("SELECT count(*) FROM fx_rate_correction WHERE fx_rate_id = ?", used)).isZero();
        assertThat(get(FINANCE, "/api/royalty-receipts/" + f.r2()).json().get("fxRate").decimalValue()).isEqualByComparingTo("0.9234");
        // bad input and unknown rates
        assertBad(postJson(FINANCE, "/api/fx-rates/" + rateId + "/correction", Map.of("rate", 0, "reason", "x")), "rate");
        assertBad(postJson(FINANCE, "/api/fx-rates/" + rateId + "/correction", Map.of("rate", 2, "reason", " ")), "reason");
        assertThat(postJson(FINANCE, "/api/fx-rates/999999999/correction", Map.of("rate", 2, "reason", "x")).status()).isEqualTo(404);
        assertThat(postJson("crm", "/api/fx-rates/" + rateId + "/correction", Map.of("rate", 2, "reason", "x")).status()).isEqualTo(403);
        // and in the database, only a recorded correction of an unused rate passes
        assertThatThrownBy(() -> jdbc.update("UPDATE fx_rate SET rate = 2 WHERE id = ?", rateId)).hasMessageContaining("correction");
        assertThatThrownBy(() -> jdbc.update("UPDATE fx_rate SET rate_date = rate_date + 1 WHERE id = ?", rateId)).hasMessageContaining("only the rate");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM fx_rate WHERE id = ?", rateId)).hasMessageContaining("refused");
    }

    // --- helpers

    private void heldFrom(long titleId, String licensor) {
        Response r = postJson("rita", "/api/rights-in", String.format("""
                {"titleId": %d, "licensor": "%s", "territories": ["FR"], "media": ["SVOD"], "termStart": "2026-01-01",
                 "termEnd": "2030-12-31", "exclusive": false}""", titleId, licensor));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private void realDeal(String crmDealId, long titleId) {
        Response r = postJson("crm", "/api/deals", dealJson(crmDealId, titleId, "[\"FR\"]", "2027-01-01", "2027-12-31"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private void expense(long agreementId, String on, String amount, String description) {
        Response r = postJson(FINANCE, "/api/licensor-agreements/" + agreementId + "/expenses",
                Map.of("incurredOn", on, "amount", new BigDecimal(amount), "description", description));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private JsonNode receipt(long agreementId, String deal, long title, String on, String amount, String currency, String ref) {
        Response r = postJson(FINANCE, "/api/royalty-receipts", receiptBody(agreementId, deal, title, on, amount, currency, ref));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static String receiptBody(long agreementId, String deal, long title, String on, String amount, String currency, String ref) {
        return String.format("""
                {"agreementId": %d, "dealRef": "%s", "titleId": %d, "receivedOn": "%s", "amount": %s, "currency": "%s",
                 "externalReference": "%s"}""", agreementId, deal, title, on, amount, currency, ref);
    }

    private static void assertAmount(JsonNode node, String expected) {
        assertThat(node).as("amount expected " + expected).isNotNull();
        assertThat(new BigDecimal(node.asText())).isEqualByComparingTo(expected);
    }

    private static JsonNode line(JsonNode lines, long receiptId) {
        for (JsonNode l : lines) {
            if (l.get("receiptId").asLong() == receiptId) return l;
        }
        throw new AssertionError("no line for receipt " + receiptId + " in " + lines);
    }

    private static List<String> fields(Response r) {
        return r.json().path("errors").findValuesAsText("field");
    }

    private static void assertBad(Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(fields(r)).as(r.toString()).contains(field);
    }

    /** section/item (plus /deal for receipts by deal) -> the amount or text column. */
    private static Map<String, String> csvFigures(String csv) {
        List<List<String>> rows = Csv.parse(csv);
        assertThat(rows.get(0)).containsExactly("section", "item", "deal_ref", "title_id", "reference", "amount", "currency");
        Map<String, String> figures = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row).hasSize(7);
            switch (row.get(0)) {
                case "statement" -> figures.put("statement/" + row.get(1), row.get(4));
                case "receipts_by_deal" -> {
                    if (row.get(1).equals("deal")) figures.put("receipts_by_deal/deal/" + row.get(2), row.get(5));
                }
                default -> figures.put(row.get(0) + "/" + row.get(1), row.get(5));
            }
        }
        return figures;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
