package io.reelflow.rights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelflow.support.ApiTestSupport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The scenario over real HTTP, on a fixed engine day: an AT SVOD exclusive window that has already ended is
 * posted 100 times at once; an exclusive window that started before today is granted once, runs out, and a losing
 * deal's "check again" finds the elapsed days still taken. The past is never sold twice.
 */
class ElapsedDaysApiTest extends ApiTestSupport {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    @Autowired
    private TaskService tasks;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private ManagementService jobs;

    private long titleId;

    @BeforeEach
    void austriaHeldExclusivelyOnAFixedDay() {
        at(TODAY);
        titleId = createTitle(unique("Elapsed Days Title"), "de");
        createRightsIn(titleId, "[\"AT\"]", "[\"SVOD\"]", "2024-01-01", "2030-12-31", true);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aWindowThatHasEndedIsRefusedNamingWindowEndAndHistoryIsRecordedOnce() throws Exception {
        String prefix = unique("CRM-PAST");
        List<Response> asDeals = postConcurrently(prefix + "-D", 100, false);
        for (Response r : asDeals) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.errorFields()).contains("windowEnd");
            assertThat(r.reason("windowEnd")).contains("2025-12-31").contains("historical");
        }
        assertThat(count("select count(*) from deal where crm_deal_id like ?", prefix + "-D%")).isZero();

        List<Response> asHistory = postConcurrently(prefix + "-H", 100, true);
        List<Response> recorded = asHistory.stream().filter(r -> r.status() == 201).toList();
        assertThat(recorded).hasSize(1);
        assertThat(asHistory.stream().filter(r -> r.status() == 409)).hasSize(99);
        JsonNode history = recorded.get(0).json();
        String historyId = history.path("crmDealId").asText();
        assertThat(history.path("status").asText()).isEqualTo("CLOSED");
        assertThat(history.path("processes")).isEmpty();
        assertThat(history.path("grants")).hasSize(1);
        assertThat(history.path("grants").get(0).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(history.path("elapsed").path("wholeWindow").asBoolean()).isTrue();
        assertThat(history.path("elapsed").path("days").asLong()).isEqualTo(306);
        // nothing was started for it: no delivery, no window watch, no licence fee
        assertThat(count("select count(*) from act_hi_procinst where business_key_ = ?", historyId)).isZero();
        assertThat(count("select count(*) from deal where crm_deal_id like ?", prefix + "-H%")).isEqualTo(1);
        assertThat(count("select count(*) from grant_out where title_id = ?", titleId)).isEqualTo(1);
        // posted again as it is: the same deal, 200
        Response again = postJson("crm", "/api/deals", body(historyId, "2025-03-01", "2025-12-31", true));
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        // a history that ends today or later is no history
        Response notPast = postJson("crm", "/api/deals", body(prefix + "-X", "2025-03-01", TODAY.toString(), true));
        assertThat(notPast.status()).as(notPast.body()).isEqualTo(400);
        assertThat(notPast.errorFields()).contains("historical");
    }

    @Test
    void aStartedWindowIsGrantedOnceAndItsElapsedDaysNeverReturnToTheAvails() throws Exception {
        String prefix = unique("CRM-LIVE");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = prefix + "-" + i;
            Response r = postJson("crm", "/api/deals", body(id, "2026-01-01", "2026-12-31", false));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            // the window started before today: checked as asked, the elapsed part said in the deal view
            assertThat(r.json().path("elapsed").path("from").asText()).isEqualTo("2026-01-01");
            assertThat(r.json().path("elapsed").path("to").asText()).isEqualTo("2026-06-14");
            assertThat(r.json().path("elapsed").path("days").asLong()).isEqualTo(165);
            assertThat(r.json().path("elapsed").path("wholeWindow").asBoolean()).isFalse();
            ids.add(id);
        }
        runJobsOf(ids);
        List<String> granted = ids.stream().filter(id -> List.of("GRANTED", "IN_WINDOW").contains(status(id))).toList();
        assertThat(granted).hasSize(1);
        String winner = granted.get(0);
        List<String> losers = ids.stream().filter(id -> !id.equals(winner)).toList();
        losers.forEach(id -> assertThat(status(id)).isEqualTo("CONFLICT"));
        assertThat(exclusiveHolders("2026-01-01", "2026-12-31")).isEqualTo(1);

        // the avails offer nothing before today, and nothing of the winner's window
        JsonNode avails = get("rita", "/api/avails?titleId=" + titleId + "&media=SVOD&from=2026-01-01&to=2027-12-31").json();
        JsonNode at = avails.path("territories").get(0);
        assertThat(at.path("available").asBoolean()).isFalse();
        assertThat(at.path("freePeriods")).hasSize(1);
        assertThat(at.path("freePeriods").get(0).path("start").asText()).isEqualTo("2027-01-01");
        assertThat(at.path("conflicts").toString()).contains("ELAPSED");

        // the window runs out (the engine's day moves past it) and the reversion releases the winner's grants
        at(LocalDate.of(2027, 1, 2));
        runJobsOf(ids);
        assertThat(status(winner)).isEqualTo("CLOSED");
        JsonNode winnerGrants = get("crm", "/api/deals/" + winner).json().path("grants");
        assertThat(winnerGrants.get(0).path("status").asText()).isEqualTo("RELEASED");
        // the reversion ran a day late (the engine's day is 2027-01-02): released from the day it ran, never earlier
        assertThat(winnerGrants.get(0).path("releasedOn").asText()).isEqualTo("2027-01-02");

        // a rights manager checks a losing deal again: the days are spent, it stays in conflict
        String loser = losers.get(0);
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(loser).taskDefinitionKey("resolveRightsConflict").singleResult();
        assertThat(task).isNotNull();
        tasks.complete(task.getId(), Map.of("resolution", "RECHECK"));
        runJobsOf(ids);
        assertThat(status(loser)).isEqualTo("CONFLICT");
        assertThat(count("select count(*) from grant_out where deal_ref = ? and status in ('PENDING', 'ACTIVE', 'EXPIRED')", loser)).isZero();
        assertThat(exclusiveHolders("2026-01-01", "2026-12-31")).isEqualTo(1);

        // and the avails of 2026 show no free day
        JsonNode after = get("rita", "/api/avails?titleId=" + titleId + "&media=SVOD&from=2026-01-01&to=2026-12-31").json();
        assertThat(after.path("territories").get(0).path("freePeriods")).isEmpty();
    }

    @Test
    void aWithdrawnDealKeepsTheDaysThatHavePassed() throws Exception {
        String id = unique("CRM-WITHDRAWN");
        Response r = postJson("crm", "/api/deals", body(id, "2026-03-01", "2027-02-28", false));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        runJobsOf(List.of(id));
        assertThat(status(id)).isIn("GRANTED", "IN_WINDOW");

        // withdrawn today (the rights service as the withdrawal step calls it)
        assertThat(rightsService.releaseAll(id)).isEqualTo(1);

        assertThat(jdbc.queryForObject("select released_on::text from grant_out where deal_ref = ?", String.class, id))
                .isEqualTo(TODAY.toString());
        JsonNode grant = get("crm", "/api/deals/" + id).json().path("grants").get(0);
        assertThat(grant.path("status").asText()).isEqualTo("RELEASED");
        assertThat(grant.path("releasedOn").asText()).isEqualTo(TODAY.toString());
        // the days before today stay held: a new exclusive deal for them is refused by PostgreSQL itself
        String other = unique("CRM-AFTER-WITHDRAW");
        Response next = postJson("crm", "/api/deals", body(other, "2026-03-01", "2027-02-28", false));
        assertThat(next.status()).isEqualTo(201);
        runJobsOf(List.of(other));
        assertThat(status(other)).isEqualTo("CONFLICT");
        JsonNode avails = get("rita", "/api/avails?titleId=" + titleId + "&media=SVOD&from=2026-03-01&to=2027-02-28").json();
        assertThat(avails.path("territories").get(0).path("freePeriods").get(0).path("start").asText()).isEqualTo(TODAY.toString());
    }

    @Autowired
    private RightsService rightsService;

    // ---------------------------------------------------------------- helpers

    private int exclusiveHolders(String from, String to) {
        return count("""
                select count(distinct deal_ref) from grant_out where title_id = ? and exclusive
                  and held_period && daterange(?::date, ?::date, '[]')""", titleId, from, to);
    }

    private String status(String crmDealId) {
        return jdbc.queryForObject("select status from deal where crm_deal_id = ?", String.class, crmDealId);
    }

    private List<Response> postConcurrently(String prefix, int n, boolean historical) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = prefix + "-" + i;
                calls.add(() -> postJson("crm", "/api/deals", body(id, "2025-03-01", "2025-12-31", historical)));
            }
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private String body(String crmDealId, String start, String end, boolean historical) {
        try {
            ObjectNode deal = (ObjectNode) json.readTree(dealJson(crmDealId, titleId, "[\"AT\"]", start, end));
            deal.remove("deliveryDue");
            if (historical) deal.put("historical", true);
            return deal.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Executes the due jobs of these deals' processes only (other tests' processes are left alone). */
    private void runJobsOf(List<String> crmDealIds) {
        for (int round = 0; round < 100; round++) {
            List<Job> due = new ArrayList<>();
            for (String id : crmDealIds) {
                runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).list()
                        .forEach(pi -> due.addAll(jobs.createJobQuery().processInstanceId(pi.getId()).executable().list()));
            }
            if (due.isEmpty()) return;
            for (Job job : due) {
                if (jobs.createJobQuery().jobId(job.getId()).executable().count() == 0) continue;
                jobs.executeJob(job.getId());
            }
        }
        throw new AssertionError("jobs keep coming after 100 rounds");
    }

    private static void at(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600)));
    }
}
