package io.reelflow.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.support.ApiTestSupport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
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
 * window-watch with the engine's clock moved by hand: go-live, each alert, escalation, renewal with
 * re-armed timers, expiry with reversion of the rights, CRM amendments earlier and later, evergreen.
 * Each step asserts which timers exist afterwards. Deals come in and are read over real HTTP.
 */
class WindowWatchProcessTest extends ApiTestSupport {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;

    long titleId;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        at("2027-01-01");
        titleId = createTitle(unique("Window Title"), "en");
        createRightsIn(titleId, "[\"FR\", \"BE\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void goesLiveRaisesTheAlertEscalatesUndecidedAndReleasesTheRightsAtExpiry() {
        String deal = grantedDeal("2027-03-01", "2027-12-31");
        ProcessInstance watch = watch(deal);

        assertThat(watch).isWaitingAt("windowStarts");
        assertThat(timerDates(watch)).containsExactly(day("2027-03-01"));
        assertThat(status(deal)).isEqualTo("GRANTED");

        at("2027-03-01");
        runJobs();
        assertThat(status(deal)).isEqualTo("IN_WINDOW");
        assertThat(watch).isWaitingAt("renewalAlertDue");
        assertThat(timerDates(watch)).containsExactly(day("2027-07-04")); // 180 days before 2027-12-31

        JsonNode before = avails("2027-06-01", "2028-06-30");
        assertThat(before.at("/territories/0/available").asBoolean()).isFalse();
        assertThat(before.at("/territories/0/freePeriods/0/start").asText()).isEqualTo("2028-01-01");

        at("2027-07-04");
        runJobs();
        Task decide = task(watch, "decideRenewal");
        assertThat(decide.getName()).startsWith("Decide renewal: Window Title").endsWith(" — " + watch.getBusinessKey());
        assertThat(tasks.getVariablesLocal(decide.getId())).containsEntry("windowEndLabel", "2027-12-31").containsEntry("licensee", "Netflix");
        assertThat(decide.getDueDate()).isEqualTo(day("2027-10-02"));
        // the summary is the task's own (shown from the records), the process keeps none of it
        assertThat((String) tasks.getVariableLocal(decide.getId(), "renewalSummary")).contains("Nothing else is sold");
        assertThat(runtime.getVariables(watch.getId())).doesNotContainKeys("renewalSummary", "windowEndLabel", "expiresAt", "renewed");
        // the decision waits with two timers: escalation at the next lead time, and the expiry itself
        assertThat(timerDates(watch)).containsExactlyInAnyOrder(day("2027-10-02"), day("2028-01-01"));
        assertThat(windowsExpiring("200d")).anyMatch(w -> w.get("crmDealId").asText().equals(deal)
                && w.get("renewalStatus").asText().equals("DECISION_PENDING"));

        at("2027-10-02");
        runJobs();
        Task escalation = task(watch, "escalateRenewal");
        assertThat(escalation.getName()).startsWith("Renewal undecided: Window Title");
        assertThat(tasks.createTaskQuery().taskId(escalation.getId()).taskCandidateGroup("managers").count()).isEqualTo(1);
        assertThat(timerDates(watch)).containsExactly(day("2028-01-01"));

        complete(decide, Map.of("renewalDecision", "LET_EXPIRE", "renewalNote", "licensee not interested"));
        runJobs();
        assertThat(watch).isWaitingAt("windowExpires", "escalateRenewal");
        assertThat(timerDates(watch)).containsExactly(day("2028-01-01"));

        at("2027-12-31");
        runJobs();
        assertThat(status(deal)).isEqualTo("IN_WINDOW"); // the last day is still in the window

        at("2028-01-01");
        runJobs();
        assertThat(status(deal)).isEqualTo("CLOSED");
        JsonNode dealView = get("crm", "/api/deals/" + deal).json();
        assertThat(dealView.at("/grants/0/status").asText()).isEqualTo("RELEASED");
        assertThat(dealView.at("/window/state").asText()).isEqualTo("ENDED");
        JsonNode after = avails("2027-06-01", "2028-06-30");
        // the future is back in the avails; the days that have passed are spent, never offered again
        assertThat(after.at("/territories/0/available").asBoolean()).isFalse();
        assertThat(after.at("/territories/0/freePeriods").size()).isEqualTo(1);
        assertThat(after.at("/territories/0/freePeriods/0/start").asText()).isEqualTo("2028-01-01");
        assertThat(after.at("/territories/0/freePeriods/0/end").asText()).isEqualTo("2028-06-30");
        assertThat(after.at("/territories/0/conflicts/0/rule").asText()).isEqualTo("ELAPSED");

        tasks.complete(escalation.getId(), Map.of("escalationNote", "talked to the team"));
        assertThat(watch).isEnded().hasPassed("expireWindow", "windowEnded", "escalationSeen");
        assertThat(timerDates(watch)).isEmpty();
    }

    @Test
    void aRenewalNobodyDecidesStillEndsTheWindowOnTime() {
        // 180 days before 2027-05-31 falls before the start: the alerts are 90 (2027-03-02) and 30 days (2027-05-01)
        String deal = grantedDeal("2027-01-01", "2027-05-31");
        ProcessInstance watch = watch(deal);
        assertThat(timerDates(watch)).containsExactly(day("2027-03-02"));

        at("2027-03-02");
        runJobs();
        assertThat(watch).isWaitingAt("decideRenewal");
        assertThat(timerDates(watch)).containsExactlyInAnyOrder(day("2027-05-01"), day("2027-06-01"));
        at("2027-05-01");
        runJobs();
        assertThat(watch).isWaitingAt("decideRenewal", "escalateRenewal");
        at("2027-06-01");
        runJobs();

        assertThat(watch).hasPassed("expiredUndecided", "expireWindow", "windowEnded").isWaitingAt("escalateRenewal");
        assertThat(tasks.createTaskQuery().processInstanceId(watch.getId()).taskDefinitionKey("decideRenewal").count()).isZero();
        assertThat(status(deal)).isEqualTo("CLOSED");
        tasks.complete(task(watch, "escalateRenewal").getId(), Map.of("escalationNote", "too late"));
        assertThat(watch).isEnded();
        // the deal's lifecycle now waits only for the title's Netflix delivery and the licence fee
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processDefinitionKey("deal-lifecycle").processInstanceBusinessKey(deal)
                .singleResult();
        assertThat(lifecycle).isWaitingAt("deliveredAndPaid").hasPassed("watchLicenceWindow");
    }

    @Test
    void renewalMovesTheEndAndReArmsEveryTimer() {
        String deal = grantedDeal("2027-01-01", "2027-12-31");
        ProcessInstance watch = watch(deal);
        assertThat(watch).isWaitingAt("renewalAlertDue");
        at("2027-07-04");
        runJobs();

        assertThatThrownBy(() -> complete(task(watch, "decideRenewal"), Map.of("renewalDecision", "RENEW", "newWindowEnd", "2027-06-30")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("newWindowEnd");
        complete(task(watch, "decideRenewal"), Map.of("renewalDecision", "RENEW", "newWindowEnd", "2028-12-31", "newFeeAmount", "500000"));
        runJobs();

        assertThat(watch).isWaitingAt("renewalAlertDue");
        assertThat(timerDates(watch)).containsExactly(day("2028-07-04")); // 180 days before 2028-12-31
        JsonNode view = get("crm", "/api/deals/" + deal).json();
        assertThat(view.get("windowEnd").asText()).isEqualTo("2028-12-31");
        assertThat(view.at("/grants/0/windowEnd").asText()).isEqualTo("2028-12-31");
        assertThat(view.at("/window/renewalStatus").asText()).isEqualTo("RENEWED");
        // the new fee is money: finance and admins read it in the deal's events, nobody else does
        for (String user : List.of("crm", "rita", "dave", "mark")) assertThat(get(user, "/api/deals/" + deal).body()).as(user).doesNotContain("500000");
        assertThat(get("fiona", "/api/deals/" + deal).body()).contains("RENEWAL_FEE", "new licence fee 500000");
        // and the engine's history, which managers read, never held it
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(watch.getId()).variableName("newFeeAmount").count()).isZero();
        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(watch.getId()).variableUpdates().list())
                .extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()).doesNotContain("newFeeAmount")
                .contains("renewalDecision");
    }

    @Test
    void renewalThatCollidesWithRightsSoldAfterTheWindowIsRefused() {
        String deal = grantedDeal("2027-01-01", "2027-12-31");
        grantedDeal("2028-03-01", "2028-12-31"); // another exclusive deal starts after ours
        ProcessInstance watch = watch(deal);
        at("2027-07-04");
        runJobs();
        Task decide = task(watch, "decideRenewal");
        assertThat((String) tasks.getVariableLocal(decide.getId(), "renewalSummary")).contains("Already sold to start after this window");
        assertThatThrownBy(() -> complete(decide, Map.of("renewalDecision", "RENEW", "newWindowEnd", "2028-06-30")))
                .hasMessageContaining("collides").hasMessageContaining("EXCLUSIVE_OVERLAP");
        assertThat(get("crm", "/api/deals/" + deal).json().get("windowEnd").asText()).isEqualTo("2027-12-31");

        complete(decide, Map.of("renewalDecision", "RENEW", "newWindowEnd", "2028-02-29")); // up to the day before: fine
        runJobs();
        assertThat(get("crm", "/api/deals/" + deal).json().get("windowEnd").asText()).isEqualTo("2028-02-29");
    }

    @Test
    void crmAmendmentsMoveTheEndEarlierAndLaterWithoutDuplicatingTimers() {
        String deal = grantedDeal("2027-01-01", "2027-12-31");
        ProcessInstance watch = watch(deal);
        assertThat(timerDates(watch)).containsExactly(day("2027-07-04"));

        Response earlier = postJson("crm", "/api/deals/" + deal + "/amendments", "{\"windowEnd\": \"2027-06-30\", \"reason\": \"early termination\"}");
        assertThat(earlier.status()).as(earlier.toString()).isEqualTo(200);
        runJobs();
        // 180 days before 2027-06-30 is 2027-01-01: today
        assertThat(watch).isWaitingAt("decideRenewal");
        assertThat(timerDates(watch)).containsExactlyInAnyOrder(day("2027-04-01"), day("2027-07-01"));

        Response later = postJson("crm", "/api/deals/" + deal + "/amendments", "{\"windowEnd\": \"2028-06-30\"}");
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        runJobs();
        assertThat(watch).isWaitingAt("renewalAlertDue");
        assertThat(timerDates(watch)).containsExactly(day("2028-01-02")); // 180 days before 2028-06-30
        assertThat(tasks.createTaskQuery().processInstanceId(watch.getId()).count()).isZero();
        assertThat(get("crm", "/api/deals/" + deal).json().at("/grants/0/windowEnd").asText()).isEqualTo("2028-06-30");

        // a timer never fires for a window that no longer ends on that date
        at("2027-07-04");
        runJobs();
        assertThat(watch).isWaitingAt("renewalAlertDue");
        assertThat(tasks.createTaskQuery().processInstanceId(watch.getId()).count()).isZero();

        assertThat(postJson("crm", "/api/deals/" + deal + "/amendments", "{\"windowEnd\": \"2026-01-01\"}").status()).isEqualTo(400);
        assertThat(postJson("crm", "/api/deals/NOPE-" + deal + "/amendments", "{\"windowEnd\": \"2029-01-01\"}").status()).isEqualTo(404);
        assertThat(postJson("rita", "/api/deals/" + deal + "/amendments", "{\"windowEnd\": \"2029-01-01\"}").status()).isEqualTo(403);
    }

    @Test
    void evergreenDealGoesLiveWithoutAnyExpiryTimerAndStaysTaken() {
        String deal = unique("EVG");
        createRightsIn(titleId, "[\"BE\"]", "[\"SVOD\"]", "2026-01-01", null, true); // held in perpetuity
        String json = dealJson(deal, titleId, "[\"BE\"]", "2027-01-01", "2027-12-31")
                .replace("\"windowEnd\": \"2027-12-31\",", "\"evergreen\": true,");
        Response r = postJson("crm", "/api/deals", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        runJobs();

        assertThat(status(deal)).isEqualTo("IN_WINDOW");
        // window-watch ended at "Evergreen: no expiry"; the deal's lifecycle waits only for the delivery and the fee
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processDefinitionKey("deal-lifecycle").processInstanceBusinessKey(deal)
                .singleResult();
        assertThat(lifecycle).isWaitingAt("deliveredAndPaid").hasPassed("watchLicenceWindow");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("evergreenNoExpiry").count()).isPositive();
        List<String> instances = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(deal)
                .processDefinitionKey("window-watch").list().stream().map(h -> h.getId()).toList();
        assertThat(instances).hasSize(1);
        assertThat(management.createJobQuery().timers().list()).noneMatch(j -> instances.contains(j.getProcessInstanceId()));
        JsonNode avails = get("rita", "/api/avails?titleId=" + titleId + "&media=SVOD&from=2030-01-01&to=2030-12-31&territories=BE").json();
        assertThat(avails.at("/territories/0/available").asBoolean()).isFalse();
    }

    // --- helpers

    private String grantedDeal(String start, String end) {
        String deal = unique("WIN");
        Response r = postJson("crm", "/api/deals", dealJson(deal, titleId, "[\"FR\"]", start, end));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        runJobs();
        assertThat(status(deal)).isIn("GRANTED", "IN_WINDOW");
        return deal;
    }

    private ProcessInstance watch(String deal) {
        ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey("window-watch").processInstanceBusinessKey(deal).singleResult();
        assertThat(pi).as("window-watch of " + deal).isNotNull();
        return pi;
    }

    private String status(String deal) {
        return get("crm", "/api/deals/" + deal).json().get("status").asText();
    }

    private List<Date> timerDates(ProcessInstance pi) {
        return management.createJobQuery().processInstanceId(pi.getId()).timers().list().stream().map(Job::getDuedate).toList();
    }

    private Task task(ProcessInstance pi, String key) {
        Task t = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
        assertThat(t).as("task " + key).isNotNull();
        return t;
    }

    private void complete(Task task, Map<String, Object> vars) {
        tasks.complete(task.getId(), vars);
    }

    private JsonNode avails(String from, String to) {
        Response r = get("rita", "/api/avails?titleId=" + titleId + "&media=SVOD&from=" + from + "&to=" + to + "&territories=FR");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private List<JsonNode> windowsExpiring(String within) {
        Response r = get("mark", "/api/windows/expiring?within=" + within);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> list = new java.util.ArrayList<>();
        r.json().forEach(list::add);
        return list;
    }

    private static void at(String isoDay) {
        ClockUtil.setCurrentTime(day(isoDay));
    }

    private static Date day(String isoDay) {
        return Date.from(LocalDate.parse(isoDay).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
