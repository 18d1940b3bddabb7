package io.reelflow.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.delivery.DeliveryService;
import io.reelflow.support.ApiTestSupport;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The money side of deals, through the real engine with its clock moved by hand: instalments on each kind of
 * trigger, invoice and payment entered by finance, royalties posted to the licensor's ledger, a payment in
 * another currency waiting for its rate, overdue escalation, revenue reports with and without overage, and
 * the licensor's statement cycle. Deals, agreements, figures and statements go over real HTTP.
 */
class LicenceFeeProcessTest extends ApiTestSupport {

    private static final String FINANCE = "fiona";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired DeliveryService deliveries;

    String licensor;
    long agreementId;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        at("2027-01-01");
        licensor = unique("Fee Licensor");
        Response a = postJson(FINANCE, "/api/licensor-agreements", Map.of("licensor", licensor, "currency", "EUR",
                "distributionFeePercent", 25, "advance", BigDecimal.ZERO, "statementFrequency", "QUARTERLY"));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        agreementId = a.json().get("id").asLong();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void fixedFeeInThreeInstalmentsIsInvoicedPaidAndPostedToTheLicensor() {
        long a = title("Fee Title A");
        long b = title("Fee Title B");
        String deal = grantedDeal(List.of(a, b), "2027-03-01", "2027-12-31", """
                {"type": "FIXED", "currency": "EUR", "amount": 250000.00, "instalments": [
                  {"percent": 30, "trigger": "SIGNATURE", "creditDays": 30},
                  {"percent": 40, "trigger": "DELIVERY_ACCEPTED", "creditDays": 45},
                  {"percent": 30, "trigger": "DATE", "date": "2027-06-30", "creditDays": 30}]}""");
        LocalDate signedOn = createdOn(deal);

        JsonNode fee = licenceFee(deal);
        assertThat(fee.at("/instalments").size()).isEqualTo(3);
        assertInstalment(fee.at("/instalments/0"), 1, "75000.00", "SIGNATURE", "DATED", signedOn.toString(), signedOn.plusDays(30).toString());
        assertInstalment(fee.at("/instalments/1"), 2, "100000.00", "DELIVERY_ACCEPTED", "AWAITING_TRIGGER", null, null);
        assertInstalment(fee.at("/instalments/2"), 3, "75000.00", "DATE", "DATED", "2027-06-30", "2027-07-30");
        assertThat(instalmentProcesses(deal)).hasSize(3);

        // 1: signature -> invoice -> payment -> royalties
        Task invoice = task(deal, "invoiceInstalment", 1);
        assertThat(instalmentProcess(deal, 1)).as("its invoice day has come: no timer").hasPassed("invoiceMerge").hasNotPassed("invoiceDateReached");
        assertThat(invoice.getName()).startsWith("Invoice Netflix: instalment 1, ").endsWith(" — " + deal);
        assertThat(invoice.getDescription()).startsWith("Invoice the licensee");
        assertThat(tasks.getIdentityLinksForTask(invoice.getId())).anyMatch(l -> "finance".equals(l.getGroupId()));
        assertThat(invoice.getDueDate()).isEqualTo(day(signedOn.toString())); // created on a later day: overdue, as it is
        assertThat(tasks.getVariableLocal(invoice.getId(), "instalmentLabel")).as("in the currency's format").isEqualTo("EUR 75,000.00");
        assertThat(tasksOf(deal, "invoiceInstalment")).hasSize(1); // 2 waits for acceptance, 3 for 2027-06-30
        complete(invoice, Map.of("invoiceNumber", "INV-2027-001", "invoicedOn", signedOn.toString()));

        at("2027-01-25");
        Task payment = task(deal, "recordPayment", 1);
        assertThat(payment.getName()).startsWith("Record payment of instalment 1: ").endsWith(" — " + deal);
        assertThat(tasks.getVariable(payment.getId(), "paidAmount")).isEqualTo("75000.00"); // pre-filled
        assertThatThrownBy(() -> complete(payment, Map.of("paidOn", "2027-13-01", "bankReference", "BANK-1")))
                .hasMessageContaining("paidOn").hasMessageContaining("is not a date");
        assertThatThrownBy(() -> complete(payment, Map.of("paidOn", "2027-01-20", "bankReference", " ")))
                .hasMessageContaining("bankReference: required");
        assertThatThrownBy(() -> complete(payment, Map.of("paidAmount", "75000.001", "paidOn", "2027-01-20", "bankReference", "BANK-1")))
                .hasMessageContaining("paidAmount").hasMessageContaining("more decimals than EUR allows");
        assertThat(licenceFee(deal).at("/instalments/0/status").asText()).isEqualTo("INVOICED"); // nothing changed
        complete(payment, Map.of("paidOn", "2027-01-20", "bankReference", "BANK-1"));
        runJobs();

        JsonNode first = licenceFee(deal).at("/instalments/0");
        assertThat(first.get("status").asText()).isEqualTo("PAID");
        assertThat(first.get("invoiceNumber").asText()).isEqualTo("INV-2027-001");
        assertThat(first.get("bankReference").asText()).isEqualTo("BANK-1");
        // 75,000.00 split over the two titles; 25 % distribution fee off the top, the rest payable to the licensor
        assertPosted(deal, 1, a, "37500.00", "9375.00", "28125.00");
        assertPosted(deal, 1, b, "37500.00", "9375.00", "28125.00");
        assertThat(instalmentProcess(deal, 1)).isEnded().hasPassed("computeRoyalties", "instalmentPaid");

        // 2: delivery accepted — only once Netflix has accepted both titles
        accept(deal, a);
        runJobs();
        assertThat(licenceFee(deal).at("/instalments/1/status").asText()).isEqualTo("AWAITING_TRIGGER");
        assertThat(instalmentProcess(deal, 2)).isWaitingAt("acceptanceGateway");
        accept(deal, b);
        runJobs();
        LocalDate acceptedOn = acceptedOn(deal);
        JsonNode second = licenceFee(deal).at("/instalments/1");
        assertThat(second.get("triggeredOn").asText()).isEqualTo(acceptedOn.toString());
        assertThat(second.get("dueOn").asText()).isEqualTo(acceptedOn.plusDays(45).toString());
        complete(task(deal, "invoiceInstalment", 2), Map.of("invoiceNumber", "INV-2027-002", "invoicedOn", acceptedOn.toString()));

        at("2027-02-01");
        // paid in USD, and nobody has entered that day's USD->EUR rate yet: finance is asked for it
        complete(task(deal, "recordPayment", 2), Map.of("paidAmount", "108000.00", "paidCurrency", "USD", "paidOn", "2027-01-27",
                "bankReference", "BANK-2"));
        runJobs();
        Task rate = task(deal, "enterFxRate", 2);
        assertThat(rate.getName()).isEqualTo("Enter exchange rate USD to EUR of 2027-01-27, instalment 2 — " + deal);
        assertThatThrownBy(() -> complete(rate, Map.of("fxRate", "abc"))).hasMessageContaining("fxRate").hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> complete(rate, Map.of("fxRate", "0"))).hasMessageContaining("fxRate: must be positive");
        complete(rate, Map.of("fxRate", "0.9259"));
        runJobs();
        // 54,000.00 USD per title x 0.9259 = 49,998.60 EUR; fee 12,499.65; payable 37,498.95
        JsonNode converted = assertPosted(deal, 2, a, "49998.60", "12499.65", "37498.95");
        assertThat(converted.get("currency").asText()).isEqualTo("USD");
        assertThat(converted.get("fxRate").decimalValue()).isEqualByComparingTo("0.9259");
        assertThat(instalmentProcess(deal, 2)).isEnded();

        // 3: a fixed date — nothing before it, the invoice on the day
        assertThat(instalmentProcess(deal, 3)).isWaitingAt("invoiceDateReached");
        at("2027-06-29");
        runJobs();
        assertThat(tasksOf(deal, "invoiceInstalment")).isEmpty();
        at("2027-06-30");
        runJobs();
        // appears on its invoice day and is due by the end of it, not at the day's first moment (before it existed)
        assertThat(task(deal, "invoiceInstalment", 3).getDueDate()).isEqualTo(new Date(day("2027-07-01").getTime() - 1000));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("licence-fee").processInstanceBusinessKey(deal).count())
                .as("the licence fee is collected until the last instalment is paid").isEqualTo(1);
        ProcessInstance feeProcess = runtime.createProcessInstanceQuery().processDefinitionKey("licence-fee").processInstanceBusinessKey(deal)
                .singleResult();
        assertThat(feeProcess).isWaitingAt("instalmentsCollected");
        complete(task(deal, "invoiceInstalment", 3), Map.of("invoiceNumber", "INV-2027-003", "invoicedOn", "2027-06-30"));
        complete(task(deal, "recordPayment", 3), Map.of("paidOn", "2027-06-30", "bankReference", "BANK-3"));
        runJobs();
        assertThat(instalmentProcess(deal, 3)).isEnded();
        assertThat(feeProcess).as("the last instalment paid ends the licence fee").isEnded().hasPassed("instalmentsCollected", "feeCollected");
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processDefinitionKey("deal-lifecycle").processInstanceBusinessKey(deal)
                .singleResult();
        assertThat(lifecycle).hasPassed("startLicenceFee").isWaitingAt("watchLicenceWindow"); // the fee ran beside the deal
    }


    @Test
    void anOverduePaymentEscalatesToAManagerAndThePaymentEndsTheChase() {
        String deal = grantedDeal(List.of(title("Overdue Title")), "2027-03-01", "2027-12-31", """
                {"type": "FIXED", "currency": "EUR", "amount": 90000.00, "instalments": [
                  {"percent": 100, "trigger": "SIGNATURE", "creditDays": 30}]}""");
        complete(task(deal, "invoiceInstalment", 1), Map.of("invoiceNumber", "INV-OD-1", "invoicedOn", createdOn(deal).toString()));
        LocalDate due = LocalDate.parse(licenceFee(deal).at("/instalments/0/dueOn").asText());
        ProcessInstance instalment = instalmentProcess(deal, 1);
        assertThat(timers(instalment)).containsExactly(day(due.plusDays(14).toString())); // reelflow.royalty.payment-overdue-days

        at(due.plusDays(13).toString());
        runJobs();
        assertThat(tasksOf(deal, "chaseOverduePayment")).isEmpty();
        at(due.plusDays(14).toString());
        runJobs();
        Task chase = task(deal, "chaseOverduePayment", 1);
        assertThat(chase.getName()).startsWith("Payment overdue, instalment 1: ");
        assertThat(tasks.getIdentityLinksForTask(chase.getId())).anyMatch(l -> "managers".equals(l.getGroupId()));
        assertThat(task(deal, "recordPayment", 1)).as("the payment can still be recorded").isNotNull();

        complete(task(deal, "recordPayment", 1), Map.of("paidOn", due.plusDays(14).toString(), "bankReference", "BANK-LATE"));
        runJobs();
        assertThat(instalment).isEnded();
        assertThat(tasksOf(deal, "chaseOverduePayment")).as("the chase ends with the payment").isEmpty();
        assertThat(licenceFee(deal).at("/instalments/0/status").asText()).isEqualTo("PAID");
    }

    @Test
    void revenueReportsRaiseOverageOnlyAboveTheMinimumGuarantee() {
        String deal = grantedDeal(List.of(title("Revenue Title")), "2027-01-01", "2027-06-30", """
                {"type": "MG_REVENUE_SHARE", "currency": "EUR", "minimumGuarantee": 100000.00, "revenueSharePercent": 20,
                 "instalments": [{"percent": 100, "trigger": "SIGNATURE", "creditDays": 30}]}""");
        ProcessInstance fee = runtime.createProcessInstanceQuery().processDefinitionKey("licence-fee").processInstanceBusinessKey(deal).singleResult();
        assertThat(fee).isWaitingAt("quarterEnded"); // its instalment is collected beside it
        assertThat(timers(fee)).containsExactly(day("2027-04-01"));

        at("2027-04-01");
        runJobs();
        Task q1 = task(deal, "enterRevenueReport", null);
        assertThat(q1.getName()).startsWith("Enter Netflix revenue report 2027-Q1: Revenue Title").endsWith(" — " + deal);
        assertThat(q1.getDueDate()).isEqualTo(day("2027-05-15"));
        assertThatThrownBy(() -> complete(q1, Map.of("revenue", "300000.00", "revenueCurrency", "USD", "reportReference", "NFX-Q1")))
                .hasMessageContaining("revenueCurrency").hasMessageContaining("deal currency EUR");
        assertThatThrownBy(() -> complete(q1, Map.of("revenue", "-5", "reportReference", "NFX-Q1"))).hasMessageContaining("revenue: must not be negative");
        complete(q1, Map.of("revenue", "300000.00", "reportReference", "NFX-Q1"));
        runJobs();
        // 20 % of 300,000.00 = 60,000.00, below the MG of 100,000.00: no overage
        assertThat(licenceFee(deal).at("/revenueReports").size()).isEqualTo(1);
        assertThat(runtime.getVariables(fee.getId())).as("no amount stays in the process").doesNotContainKeys("revenue", "lastOverage");
        assertThat(licenceFee(deal).at("/instalments").size()).isEqualTo(1);
        assertThat(timers(fee)).containsExactly(day("2027-07-01"));

        at("2027-07-01");
        runJobs();
        Task q2 = task(deal, "enterRevenueReport", null);
        assertThat(q2.getName()).startsWith("Enter Netflix revenue report 2027-Q2: ");
        complete(q2, Map.of("revenue", "300000.00", "reportReference", "NFX-Q2"));
        runJobs();
        // cumulative 600,000.00 x 20 % = 120,000.00; 20,000.00 above the MG is invoiced as overage
        JsonNode overage = licenceFee(deal).at("/instalments/1");
        assertInstalment(overage, 2, "20000.00", "REVENUE_REPORT", "DATED", "2027-07-01", "2027-07-31");
        assertThat(overage.get("kind").asText()).isEqualTo("OVERAGE");
        assertThat(overage.get("quarter").asText()).isEqualTo("2027-Q2");
        assertThat(licenceFee(deal).at("/revenueReports").size()).isEqualTo(2);
        assertThat(task(deal, "invoiceInstalment", 2).getName()).startsWith("Invoice Netflix: instalment 2, ");
        assertThat(fee).as("no quarter left in the window").hasPassed("instalmentsOpenGateway");
        assertThat(fee).isWaitingAt("instalmentsCollected");
    }

    @Test
    void aFeeWhoseInstalmentsWerePaidBeforeTheLastReportEndsWithIt() {
        String deal = grantedDeal(List.of(title("Paid Early Title")), "2027-01-01", "2027-06-30", """
                {"type": "MG_REVENUE_SHARE", "currency": "EUR", "minimumGuarantee": 100000.00, "revenueSharePercent": 20,
                 "instalments": [{"percent": 100, "trigger": "SIGNATURE", "creditDays": 30}]}""");
        ProcessInstance fee = runtime.createProcessInstanceQuery().processDefinitionKey("licence-fee").processInstanceBusinessKey(deal).singleResult();
        complete(task(deal, "invoiceInstalment", 1), Map.of("invoiceNumber", "INV-EARLY-1", "invoicedOn", createdOn(deal).toString()));
        at("2027-01-25");
        complete(task(deal, "recordPayment", 1), Map.of("paidOn", "2027-01-20", "bankReference", "BANK-EARLY"));
        runJobs();
        assertThat(instalmentProcess(deal, 1)).isEnded();
        assertThat(fee).as("the reports are not done yet").isWaitingAt("quarterEnded");

        at("2027-04-01");
        runJobs();
        complete(task(deal, "enterRevenueReport", null), Map.of("revenue", "300000.00", "reportReference", "NFX-E1"));
        runJobs();
        at("2027-07-01");
        runJobs();
        complete(task(deal, "enterRevenueReport", null), Map.of("revenue", "100000.00", "reportReference", "NFX-E2"));
        runJobs();
        // 400,000.00 x 20 % = 80,000.00, within the MG: no overage, and nothing left to collect
        assertThat(licenceFee(deal).at("/instalments").size()).isEqualTo(1);
        assertThat(fee).isEnded().hasPassed("instalmentsOpenGateway", "feeCollectedAfterReports").hasNotPassed("instalmentsCollected");
    }

    @Test
    void eachPeriodEndRaisesTheStatementWhichFinanceIssuesAndEndingTheAgreementRaisesTheLastOne() {
        ProcessInstance cycle = runtime.createProcessInstanceQuery().processDefinitionKey("royalty-statement")
                .processInstanceBusinessKey("licensor-agreement-" + agreementId).singleResult();
        assertThat(cycle).isWaitingAt("periodOrEnd");
        assertThat(timers(cycle)).containsExactly(day("2027-04-01"));

        at("2027-04-01");
        runJobs();
        Task issue = tasks.createTaskQuery().processInstanceId(cycle.getId()).singleResult();
        assertThat(issue.getName()).isEqualTo("Issue royalty statement: " + licensor + " 2027-Q1");
        assertThat(issue.getDueDate()).isEqualTo(day("2027-04-30"));
        assertThat((String) tasks.getVariableLocal(issue.getId(), "statementSummary")).contains("2027-Q1").contains("royalty payable")
                .containsPattern("receipts [A-Z]{3} \\d{1,3}(,\\d{3})*\\.\\d{2}");
        assertThat((String) tasks.getVariableLocal(issue.getId(), "royaltyPayable")).matches("[A-Z]{3} -?\\d{1,3}(,\\d{3})*\\.\\d{2}");
        assertThatThrownBy(() -> complete(issue, Map.of())).hasMessageContaining("confirmIssue");
        complete(issue, Map.of("confirmIssue", true));
        runJobs();
        JsonNode q1 = get(FINANCE, "/api/royalty-statements?licensor=" + enc(licensor) + "&period=2027-Q1").json();
        assertThat(q1.get("status").asText()).isEqualTo("ISSUED");
        assertThat(q1.get("issuedBy").asText()).isEqualTo(FINANCE);
        assertThat(timers(cycle)).containsExactly(day("2027-07-01"));

        Response end = post(FINANCE, "/api/licensor-agreements/" + agreementId + "/end", "application/json", "");
        assertThat(end.status()).as(end.toString()).isEqualTo(202);
        assertThat(end.json().get("finalPeriod").asText()).isEqualTo("2027-Q2");
        Task last = tasks.createTaskQuery().processInstanceId(cycle.getId()).singleResult();
        assertThat(last.getName()).isEqualTo("Issue royalty statement: " + licensor + " 2027-Q2");
        complete(last, Map.of("confirmIssue", true));
        runJobs();
        assertThat(cycle).isEnded().hasPassed("cycleEnded");
        assertThat(post(FINANCE, "/api/licensor-agreements/" + agreementId + "/end", "application/json", "").status()).isEqualTo(409);
        assertThat(post("dave", "/api/licensor-agreements/" + agreementId + "/end", "application/json", "").status()).isEqualTo(403);
    }

    @Test
    void onlyFinanceSeesTheLicenceFee() {
        String deal = grantedDeal(List.of(title("Secret Fee Title")), "2027-03-01", "2027-12-31", """
                {"type": "FIXED", "currency": "EUR", "amount": 1000.00, "instalments": [{"percent": 100, "trigger": "SIGNATURE", "creditDays": 0}]}""");
        assertThat(get(FINANCE, "/api/licence-fees/" + deal).status()).isEqualTo(200);
        for (String user : List.of("crm", "dave", "rita")) {
            assertThat(get(user, "/api/licence-fees/" + deal).status()).as(user).isEqualTo(403);
        }
        Response unknown = get(FINANCE, "/api/licence-fees/NO-SUCH-DEAL");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).contains("no licence fee is scheduled for deal NO-SUCH-DEAL");
    }

    // ------------------------------------------------------------------ helpers

    private long title(String name) {
        long id = createTitle(unique(name), "en");
        Response r = postJson("rita", "/api/rights-in", String.format("""
                {"titleId": %d, "licensor": "%s", "territories": ["FR"], "media": ["SVOD"],
                 "termStart": "2026-01-01", "termEnd": "2035-12-31", "exclusive": true}""", id, licensor));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return id;
    }

    private String grantedDeal(List<Long> titleIds, String start, String end, String feeJson) {
        String deal = unique("FEE");
        String body = dealJson(deal, titleIds.get(0), "[\"FR\"]", start, end)
                .replace("\"titleIds\": [" + titleIds.get(0) + "]", "\"titleIds\": " + titleIds)
                .replaceFirst("\"fee\": \\{[^}]*\\[[^\\]]*\\]\\}", "\"fee\": " + java.util.regex.Matcher.quoteReplacement(feeJson));
        Response r = postJson("crm", "/api/deals", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        runJobs();
        assertThat(get("crm", "/api/deals/" + deal).json().get("status").asText()).isIn("GRANTED", "IN_WINDOW");
        return deal;
    }

    private JsonNode licenceFee(String deal) {
        Response r = get(FINANCE, "/api/licence-fees/" + deal);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static void assertInstalment(JsonNode i, int number, String amount, String trigger, String status, String triggeredOn, String dueOn) {
        assertThat(i.get("number").asInt()).isEqualTo(number);
        assertThat(i.get("amount").decimalValue()).isEqualByComparingTo(amount);
        assertThat(i.get("trigger").asText()).isEqualTo(trigger);
        assertThat(i.get("status").asText()).isEqualTo(status);
        assertThat(i.path("triggeredOn").isMissingNode() || i.path("triggeredOn").isNull() ? null : i.get("triggeredOn").asText()).isEqualTo(triggeredOn);
        assertThat(i.path("dueOn").isMissingNode() || i.path("dueOn").isNull() ? null : i.get("dueOn").asText()).isEqualTo(dueOn);
    }

    /** The receipt of one title for one instalment, with its postings checked against the figures given. */
    private JsonNode assertPosted(String deal, int instalment, long titleId, String converted, String fee, String payable) {
        String reference = deal + "/instalment-" + instalment + "/title-" + titleId;
        Long id = jdbc.queryForObject("SELECT id FROM royalty_receipt WHERE external_reference = ?", Long.class, reference);
        JsonNode receipt = get(FINANCE, "/api/royalty-receipts/" + id).json();
        assertThat(receipt.get("agreementId").asLong()).isEqualTo(agreementId);
        assertThat(receipt.get("convertedAmount").decimalValue()).as("converted " + reference).isEqualByComparingTo(converted);
        Map<String, BigDecimal> byKind = new HashMap<>();
        receipt.get("postings").forEach(p -> byKind.merge(p.get("kind").asText(), p.get("amount").decimalValue(), BigDecimal::add));
        assertThat(byKind.get("DISTRIBUTION_FEE")).as("fee " + reference).isEqualByComparingTo(fee);
        assertThat(byKind.get("ROYALTY_PAYABLE")).as("payable " + reference).isEqualByComparingTo(payable);
        return receipt;
    }

    private void accept(String deal, long titleId) {
        long delivery = deliveries.ofDeal(deal).stream().filter(d -> d.titleId() == titleId).findFirst().orElseThrow().id();
        // what the delivery process does when Netflix QC accepts the title
        deliveries.accept(delivery);
        runtime.createMessageCorrelation("deliveryAccepted").processInstanceBusinessKey(deal).correlateAllWithResult();
    }

    private LocalDate acceptedOn(String deal) {
        return jdbc.queryForObject("SELECT max(accepted_at) FROM delivery WHERE deal_ref = ?", java.sql.Timestamp.class, deal)
                .toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private LocalDate createdOn(String deal) {
        return jdbc.queryForObject("SELECT created_at FROM deal WHERE crm_deal_id = ?", java.sql.Timestamp.class, deal)
                .toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private List<ProcessInstance> instalmentProcesses(String deal) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("fee-instalment").processInstanceBusinessKey(deal).list();
    }

    private ProcessInstance instalmentProcess(String deal, int number) {
        var h = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("fee-instalment")
                .processInstanceBusinessKey(deal).variableValueEquals("instalmentNumber", number).singleResult();
        assertThat(h).as("fee-instalment " + number + " of " + deal).isNotNull();
        ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(h.getId()).singleResult();
        return running != null ? running : new EndedInstance(h.getId(), h.getProcessDefinitionId(), deal);
    }

    private List<Task> tasksOf(String deal, String key) {
        return tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey(key).list();
    }

    private Task task(String deal, String key, Integer instalment) {
        List<Task> found = tasksOf(deal, key).stream()
                .filter(t -> instalment == null || instalment.equals(tasks.getVariable(t.getId(), "instalmentNumber")))
                .toList();
        assertThat(found).as(key + " of " + deal + (instalment == null ? "" : " instalment " + instalment)).hasSize(1);
        return found.get(0);
    }

    private void complete(Task task, Map<String, Object> variables) {
        tasks.claim(task.getId(), FINANCE);
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            if (tasks.createTaskQuery().taskId(task.getId()).count() == 1) tasks.setAssignee(task.getId(), null);
        }
    }

    private List<Date> timers(ProcessInstance pi) {
        return management.createJobQuery().processInstanceId(pi.getId()).timers().list().stream().map(Job::getDuedate).sorted().toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void at(String isoDay) {
        ClockUtil.setCurrentTime(day(isoDay));
    }

    private static Date day(String isoDay) {
        return Date.from(LocalDate.parse(isoDay).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** An instance that has ended, for the ended / passed assertions (they read history). */
    private record EndedInstance(String id, String definitionId, String businessKey) implements ProcessInstance {
        public String getId() { return id; }
        public String getProcessInstanceId() { return id; }
        public String getProcessDefinitionId() { return definitionId; }
        public String getBusinessKey() { return businessKey; }
        public String getRootProcessInstanceId() { return id; }
        public String getCaseInstanceId() { return null; }
        public boolean isSuspended() { return false; }
        public boolean isEnded() { return true; }
        public String getTenantId() { return null; }
        public String getProcessDefinitionKey() { return "fee-instalment"; }
    }
}
