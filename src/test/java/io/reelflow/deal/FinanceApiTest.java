package io.reelflow.deal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.support.ApiTestSupport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finance over REST, with the rules of the forms and through the same services: invoices, payments and revenue reports
 * posted by an ERP or a reporting feed complete the task that waits for them (it disappears from Tasklist), the
 * process moves on as after the form (royalties posted, overage computed), a report that comes before its quarter's
 * task is kept and completes the task when it is created, and the same external reference again does nothing twice.
 */
class FinanceApiTest extends ApiTestSupport {

    private static final String FINANCE = "fiona";

    @Autowired TaskService tasks;

    String licensor;

    @BeforeEach
    void setUp() {
        at("2027-01-01");
        licensor = unique("Finance API Licensor");
        Response a = postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", licensor, "currency", "EUR",
                "distributionFeePercent", 25, "advance", BigDecimal.ZERO, "statementFrequency", "QUARTERLY"));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anInvoiceAndAPaymentOverRestCompleteTheTasksAndPostTheRoyaltiesOnce() {
        // an endpoint that takes instalment events: without one, none is written to the outbox
        Response sub = postJson("admin", "/api/admin/webhooks", Map.of("url", "https://erp.example.com/reelflow", "secret",
                "finance-api-test-secret-0123456789", "eventKinds", java.util.List.of("instalment.invoiced", "instalment.paid")));
        assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
        String deal = grantedDeal("2027-03-01", "2027-12-31", """
                {"type": "FIXED", "currency": "EUR", "amount": 100000.00, "instalments": [
                   {"percent": 40, "trigger": "SIGNATURE", "creditDays": 30}, {"percent": 60, "trigger": "DELIVERY_ACCEPTED", "creditDays": 30}]}""");
        String signedOn = jdbc.queryForObject("SELECT triggered_on FROM fee_instalment WHERE deal_ref = ? AND number = 1", LocalDate.class, deal).toString();
        assertThat(tasksOf(deal, "invoiceInstalment")).hasSize(1);
        String base = "/api/licence-fees/" + deal + "/instalments/";

        // the form's rules, field by field; nothing changes
        Response bad = postJson(FINANCE, base + "1/invoice", Map.of("invoiceNumber", " ", "invoicedOn", "2026-12-01"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.errorFields()).contains("invoiceNumber");
        Response early = postJson(FINANCE, base + "1/invoice", Map.of("invoiceNumber", "INV-API-1", "invoicedOn", "2020-01-01"));
        assertThat(early.status()).as(early.toString()).isEqualTo(400);
        assertThat(early.reason("invoicedOn")).contains("before the instalment became payable");
        assertThat(postJson(FINANCE, base + "2/invoice", Map.of("invoiceNumber", "INV-API-2", "invoicedOn", signedOn)).status())
                .as("instalment 2 waits for delivery acceptance").isEqualTo(409);
        assertThat(postJson(FINANCE, base + "1/payment", Map.of("paidAmount", 40000.00, "paidCurrency", "EUR", "paidOn", signedOn,
                "bankReference", "B-1")).status()).as("not invoiced yet").isEqualTo(409);
        assertThat(postJson(FINANCE, base + "9/invoice", Map.of("invoiceNumber", "INV-API-9", "invoicedOn", signedOn)).status()).isEqualTo(404);
        assertThat(postJson(FINANCE, "/api/licence-fees/NO-SUCH-DEAL/instalments/1/invoice", Map.of("invoiceNumber", "X", "invoicedOn", signedOn))
                .status()).isEqualTo(404);
        assertThat(tasksOf(deal, "invoiceInstalment")).hasSize(1);
        assertThat(outbox(deal, "instalment.invoiced")).isZero();

        Response invoiced = postJson(FINANCE, base + "1/invoice", Map.of("invoiceNumber", "INV-API-1", "invoicedOn", signedOn));
        assertThat(invoiced.status()).as(invoiced.toString()).isEqualTo(201);
        assertThat(invoiced.json().path("task").asText()).isEqualTo("COMPLETED");
        assertThat(invoiced.json().at("/record/status").asText()).isEqualTo("INVOICED");
        assertThat(tasksOf(deal, "invoiceInstalment")).as("the Tasklist task is gone").isEmpty();
        Response again = postJson(FINANCE, base + "1/invoice", Map.of("invoiceNumber", "INV-API-1", "invoicedOn", signedOn));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("created").asBoolean()).isFalse();
        Response other = postJson(FINANCE, base + "1/invoice", Map.of("invoiceNumber", "INV-API-1b", "invoicedOn", signedOn));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.errorFields()).contains("invoiceNumber");
        assertThat(jdbc.queryForObject("SELECT invoiced_by FROM fee_instalment WHERE deal_ref = ? AND number = 1", String.class, deal)).isEqualTo(FINANCE);
        runJobs();

        Response future = postJson(FINANCE, base + "1/payment", Map.of("paidAmount", 40000.00, "paidCurrency", "EUR", "paidOn", "2099-01-01",
                "bankReference", "BANK-API-1"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.errorFields()).contains("paidOn");
        Response badCurrency = postJson(FINANCE, base + "1/payment", Map.of("paidAmount", 40000.00, "paidCurrency", "EURO", "paidOn", signedOn,
                "bankReference", "BANK-API-1"));
        assertThat(badCurrency.status()).isEqualTo(400);
        assertThat(badCurrency.errorFields()).contains("paidCurrency");
        assertThat(tasksOf(deal, "recordPayment")).hasSize(1);

        Response paid = postJson(FINANCE, base + "1/payment", Map.of("paidAmount", 40000.00, "paidCurrency", "EUR", "paidOn", signedOn,
                "bankReference", "BANK-API-1"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().path("task").asText()).isEqualTo("COMPLETED");
        assertThat(paid.json().at("/record/paidAmount").decimalValue()).isEqualByComparingTo("40000.00");
        assertThat(tasksOf(deal, "recordPayment")).isEmpty();
        runJobs();
        assertThat(postJson(FINANCE, base + "1/payment", Map.of("paidAmount", 40000.00, "paidCurrency", "EUR", "paidOn", signedOn,
                "bankReference", "BANK-API-1")).status()).as("the same bank reference again").isEqualTo(200);
        assertThat(postJson(FINANCE, base + "1/payment", Map.of("paidAmount", 40000.00, "paidCurrency", "EUR", "paidOn", signedOn,
                "bankReference", "BANK-API-2")).status()).isEqualTo(409);
        runJobs();

        // the same ledger postings as after the form: one receipt for the title, posted once
        assertThat(count("SELECT count(*) FROM royalty_receipt WHERE external_reference LIKE ?", deal + "/instalment-1/%")).isEqualTo(1);
        assertThat(runtime().createProcessInstanceQuery().processDefinitionKey("fee-instalment").processInstanceBusinessKey(deal)
                .variableValueEquals("instalmentNumber", 1).count()).as("instalment 1's process has ended").isZero();
        assertThat(outbox(deal, "instalment.invoiced")).isEqualTo(1);
        assertThat(outbox(deal, "instalment.paid")).isEqualTo(1);
    }

    @Test
    void aRevenueReportBeforeItsQuarterTaskIsKeptAndCompletesTheTaskWhenItComes() {
        String deal = grantedDeal("2027-01-01", "2027-06-30", """
                {"type": "MG_REVENUE_SHARE", "currency": "EUR", "minimumGuarantee": 100000.00, "revenueSharePercent": 20,
                 "instalments": [{"percent": 100, "trigger": "SIGNATURE", "creditDays": 30}]}""");
        String path = "/api/licence-fees/" + deal + "/revenue-reports";
        Map<String, Object> q1 = Map.of("quarter", "2027-Q1", "revenue", 300000.00, "revenueCurrency", "EUR", "reportReference", "NFX-Q1");

        at("2027-03-20");
        Response notEnded = postJson(FINANCE, path, q1);
        assertThat(notEnded.status()).as(notEnded.toString()).isEqualTo(400);
        assertThat(notEnded.reason("quarter")).contains("has not ended yet");

        at("2027-04-01"); // the quarter has ended; its task is not created yet (the timer has not run)
        assertThat(tasksOf(deal, "enterRevenueReport")).isEmpty();
        Response outside = postJson(FINANCE, path, Map.of("quarter", "2026-Q4", "revenue", 1.00, "revenueCurrency", "EUR", "reportReference", "X"));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.reason("quarter")).contains("outside the licence window");
        Response badQuarter = postJson(FINANCE, path, Map.of("quarter", "Q1-2027", "revenue", 1.00, "revenueCurrency", "EUR", "reportReference", "X"));
        assertThat(badQuarter.status()).isEqualTo(400);
        assertThat(badQuarter.errorFields()).contains("quarter");
        Response usd = postJson(FINANCE, path, Map.of("quarter", "2027-Q1", "revenue", 300000.00, "revenueCurrency", "USD", "reportReference", "NFX-Q1"));
        assertThat(usd.status()).isEqualTo(400);
        assertThat(usd.reason("revenueCurrency")).contains("deal currency EUR");
        assertThat(postJson(FINANCE, "/api/licence-fees/NO-SUCH-DEAL/revenue-reports", q1).status()).isEqualTo(404);

        Response kept = postJson(FINANCE, path, q1);
        assertThat(kept.status()).as(kept.toString()).isEqualTo(201);
        assertThat(kept.json().path("task").asText()).isEqualTo("KEPT");
        assertThat(postJson(FINANCE, path, q1).status()).as("the same report again").isEqualTo(200);
        Response different = postJson(FINANCE, path, Map.of("quarter", "2027-Q1", "revenue", 310000.00, "revenueCurrency", "EUR", "reportReference", "NFX-Q1"));
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.errorFields()).contains("revenue");

        runJobs(); // the quarter's task is created, finds the report, and is completed once its creation commits
        assertThat(tasksOf(deal, "enterRevenueReport")).as("the task came and went").isEmpty();
        assertThat(history().createHistoricTaskInstanceQuery().processInstanceBusinessKey(deal).taskDefinitionKey("enterRevenueReport")
                .finished().count()).isEqualTo(1);
        runJobs();

        at("2027-07-01");
        runJobs();
        assertThat(tasksOf(deal, "enterRevenueReport")).as("the 2027-Q2 task waits").hasSize(1);
        Response q2 = postJson(FINANCE, path, Map.of("quarter", "2027-Q2", "revenue", 300000.00, "revenueCurrency", "EUR", "reportReference", "NFX-Q2"));
        assertThat(q2.status()).as(q2.toString()).isEqualTo(201);
        assertThat(q2.json().path("task").asText()).isEqualTo("COMPLETED");
        assertThat(tasksOf(deal, "enterRevenueReport")).isEmpty();
        runJobs();
        // as after the forms: 600,000.00 x 20 % = 120,000.00, 20,000.00 above the MG is an OVERAGE instalment
        JsonNode fee = get(FINANCE, "/api/licence-fees/" + deal).json();
        assertThat(fee.at("/revenueReports").size()).isEqualTo(2);
        assertThat(fee.at("/instalments/1/kind").asText()).isEqualTo("OVERAGE");
        assertThat(fee.at("/instalments/1/amount").decimalValue()).isEqualByComparingTo("20000.00");

        String fixed = grantedDeal("2027-08-01", "2027-12-31", """
                {"type": "FIXED", "currency": "EUR", "amount": 1000.00, "instalments": [{"percent": 100, "trigger": "SIGNATURE", "creditDays": 0}]}""");
        assertThat(postJson(FINANCE, "/api/licence-fees/" + fixed + "/revenue-reports", q1).status()).as("a fixed fee has no reports").isEqualTo(409);
    }

    @Test
    void aRenewalWithANewFeeCreatesItsInstalmentAndItsCollection() {
        String deal = grantedDeal("2027-03-01", "2027-12-31", """
                {"type": "FIXED", "currency": "EUR", "amount": 100000.00, "instalments": [
                   {"percent": 40, "trigger": "SIGNATURE", "creditDays": 30}, {"percent": 60, "trigger": "DELIVERY_ACCEPTED", "creditDays": 30}]}""");
        long dealId = jdbc.queryForObject("SELECT id FROM deal WHERE crm_deal_id = ?", Long.class, deal);
        // a fee with more decimals than the currency has is refused, naming the field; nothing changes
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> windows.decide(dealId, "RENEW", "2028-12-31", "50000.005", "", "rita"))
                .isInstanceOf(io.reelflow.platform.web.InvalidInputException.class).hasMessageContaining("newFeeAmount");
        assertThat(get(FINANCE, "/api/licence-fees/" + deal).json().at("/instalments").size()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT window_end FROM deal WHERE id = ?", LocalDate.class, dealId)).isEqualTo("2027-12-31");

        windows.decide(dealId, "RENEW", "2028-12-31", "50000.00", "two more years", "rita");
        JsonNode renewal = get(FINANCE, "/api/licence-fees/" + deal).json().at("/instalments/2");
        assertThat(renewal.path("number").asInt()).isEqualTo(3);
        assertThat(renewal.path("kind").asText()).isEqualTo("LICENCE_FEE");
        assertThat(renewal.path("amount").decimalValue()).isEqualByComparingTo("50000.00");
        assertThat(renewal.path("trigger").asText()).isEqualTo("DATE");
        assertThat(renewal.path("triggeredOn").asText()).as("payable from the first renewed day").isEqualTo("2028-01-01");
        assertThat(renewal.path("dueOn").asText()).isEqualTo("2028-01-31");
        assertThat(renewal.path("status").asText()).isEqualTo("DATED");
        assertThat(runtime().createProcessInstanceQuery().processDefinitionKey("fee-instalment").processInstanceBusinessKey(deal)
                .variableValueEquals("instalmentNumber", 3).count()).as("its collection has started").isEqualTo(1);
        runJobs();
        at("2028-01-01");
        runJobs();
        assertThat(tasksOf(deal, "invoiceInstalment").stream().filter(t -> Integer.valueOf(3).equals(tasks.getVariable(t.getId(), "instalmentNumber"))))
                .as("invoiced on the first renewed day").hasSize(1);
    }

    @Autowired DealWindowService windows;

    @Test
    void onlyFinanceAndAdminsPostFinanceRecords() {
        for (String user : List.of("crm", "rita", "dave", "mark")) {
            assertThat(postJson(user, "/api/licence-fees/X/revenue-reports", "{}").status()).as(user).isEqualTo(403);
            assertThat(postJson(user, "/api/licence-fees/X/instalments/1/invoice", "{}").status()).as(user).isEqualTo(403);
            assertThat(postJson(user, "/api/licence-fees/X/instalments/1/payment", "{}").status()).as(user).isEqualTo(403);
        }
    }

    // ------------------------------------------------------------------ helpers

    private String grantedDeal(String start, String end, String feeJson) {
        long title = createTitle(unique("Finance API Title"), "en");
        Response rights = postJson("rita", "/api/rights-in", String.format("""
                {"titleId": %d, "licensor": "%s", "territories": ["FR"], "media": ["SVOD"],
                 "termStart": "2026-01-01", "termEnd": "2035-12-31", "exclusive": true}""", title, licensor));
        assertThat(rights.status()).as(rights.toString()).isEqualTo(201);
        String deal = unique("FIN-API");
        String body = dealJson(deal, title, "[\"FR\"]", start, end)
                .replaceFirst("\"fee\": \\{[^}]*\\[[^\\]]*\\]\\}", "\"fee\": " + java.util.regex.Matcher.quoteReplacement(feeJson));
        Response r = postJson("crm", "/api/deals", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        runJobs();
        return deal;
    }

    @Autowired org.camunda.bpm.engine.ProcessEngine engine;

    private org.camunda.bpm.engine.RuntimeService runtime() {
        return engine.getRuntimeService();
    }

    private org.camunda.bpm.engine.HistoryService history() {
        return engine.getHistoryService();
    }

    private List<Task> tasksOf(String deal, String key) {
        return tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey(key).list();
    }

    private int outbox(String deal, String kind) {
        return count("SELECT count(*) FROM outbox_event WHERE deal_ref = ? AND kind = ?", deal, kind);
    }

    private static void at(String isoDay) {
        ClockUtil.setCurrentTime(Date.from(LocalDate.parse(isoDay).atStartOfDay().toInstant(ZoneOffset.UTC)));
    }
}
