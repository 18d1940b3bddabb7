package io.reelflow.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.reelflow.rights.CatalogueRequests.NewRightsIn;
import io.reelflow.rights.CatalogueRequests.NewTitle;
import io.reelflow.rights.CatalogueService;
import io.reelflow.rights.GrantStatus;
import io.reelflow.rights.GrantView;
import io.reelflow.rights.RightsService;
import io.reelflow.rights.TitleKind;
import io.reelflow.support.ReelflowSpringTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of deal-lifecycle on the real engine, delegates and PostgreSQL. */
@ReelflowSpringTest
class DealLifecycleProcessTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired DealService deals;
    @Autowired CatalogueService catalogue;
    @Autowired RightsService rights;
    @Autowired DealRightsService dealRights;
    @Autowired DealRepository dealIds;

    long titleId;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        titleId = catalogue.createTitle(new NewTitle("Process Test Title " + SEQ.incrementAndGet() + "-" + System.nanoTime(),
                TitleKind.FEATURE, 95, "en", null, false)).id();
        catalogue.createRightsIn(new NewRightsIn(titleId, "Licensor", List.of("FR", "DE", "IT"), List.of("SVOD"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 31), true, null));
    }

    @Test
    void cleanDealIsGrantedWithoutAnyTask() {
        ProcessInstance pi = start(List.of("FR", "DE"), "2027-01-01", "2027-12-31");

        assertThat(pi).isWaitingAt("checkTerritoryConflicts");
        execute(job(pi)); // a clean check grants in the same job

        assertThat(pi).isWaitingAt("watchLicenceWindow").hasPassed("checkTerritoryConflicts", "grantRights").hasNotPassed("resolveRightsConflict");
        assertThat(pi).calledProcessInstance("window-watch").isNotNull();
        assertThat(deal(pi).status()).isEqualTo(DealStatus.GRANTED);
        assertThat(deal(pi).grants()).extracting(GrantView::territory).containsExactlyInAnyOrder("DE", "FR");
        assertThat(deal(pi).grants()).allMatch(g -> g.status() == GrantStatus.ACTIVE);

        // the title's delivery and the licence fee run beside the deal, which asks for them once the window is over
        assertThat(pi).hasPassed("startTitleDeliveries", "startLicenceFee");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("licence-fee").processInstanceBusinessKey(pi.getBusinessKey())
                .count()).isEqualTo(1);
        ProcessInstance delivery = runtime.createProcessInstanceQuery().processDefinitionKey("netflix-delivery")
                .processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
        assertThat(delivery).isNotNull();
        runtime.createProcessInstanceModification(delivery.getId()).cancelAllForActivity("setUpBacklot")
                .startBeforeActivity("deliveryAccepted").execute(); // as if Netflix had accepted it
        assertThat(delivery).isEnded();
        assertThat(pi).isWaitingAt("watchLicenceWindow").hasNotPassed("deliveredAndPaid");
    }

    @Test
    void conflictGoesToRightsManagerWithPrefilledFormAndCarveOutLeadsToGrant() {
        ProcessInstance pi = start(List.of("FR", "ES"), "2027-01-01", "2027-12-31"); // ES is not held
        execute(job(pi));

        assertThat(pi).isWaitingAt("resolveRightsConflict");
        Task task = task(pi);
        assertThat(task.getName()).startsWith("Resolve rights conflict: Process Test Title").endsWith(" — " + pi.getBusinessKey());
        assertThat(task.getDescription()).isNotBlank();
        assertThat(task.getDueDate()).isNotNull();
        assertThat(pi).task().hasCandidateGroup("rights-managers");
        // the process keeps only what routes it; the form's header and defaults are the task's own, from the deal's records
        assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys("conflictCount", "conflictSummary", "carveOutTerritories",
                "crmDealId", "licensee", "titleNames", "rightsClear");
        Map<String, Object> vars = tasks.getVariablesLocal(task.getId()); // shown from the deal's records while the task is open
        assertThat(vars).containsEntry("carveOutTerritories", "ES").containsEntry("newWindowStart", "2027-01-01")
                .containsEntry("conflictCount", 1).containsEntry("crmDealId", pi.getBusinessKey());
        assertThat((String) vars.get("titleNames")).startsWith("Process Test Title");
        assertThat((String) vars.get("conflictSummary")).contains("NO_RIGHTS_IN").contains("ES");
        assertThat(deal(pi).status()).isEqualTo(DealStatus.CONFLICT);

        complete(task, "CARVE_OUT", Map.of("carveOutTerritories", "ES"));
        execute(job(pi)); // check again, clean: grant

        assertThat(pi).isWaitingAt("watchLicenceWindow").hasPassed("grantRights");
        DealView deal = deal(pi);
        assertThat(deal.status()).isEqualTo(DealStatus.GRANTED);
        assertThat(deal.territories()).containsExactly("FR");
        assertThat(deal.grants()).extracting(GrantView::territory).containsExactly("FR");
        assertThat(deal.events()).extracting(DealRecords.DealEvent::kind).contains("CONFLICTS", "CARVED_OUT", "GRANTED");
    }

    @Test
    void changingTheWindowResolvesAConflictBeyondTheTerm() {
        ProcessInstance pi = start(List.of("IT"), "2030-06-01", "2031-05-31"); // runs past the term (2030-12-31)
        execute(job(pi));
        assertThat(pi).isWaitingAt("resolveRightsConflict");
        assertThat(deal(pi).conflicts()).extracting(DealRecords.ConflictRow::rule).containsExactly("BEYOND_TERM");

        complete(task(pi), "CHANGE_WINDOW", Map.of("newWindowStart", "2030-01-01", "newWindowEnd", "2030-12-31"));
        execute(job(pi)); // check again, clean: grant

        assertThat(pi).isWaitingAt("watchLicenceWindow").hasPassed("grantRights");
        assertThat(deal(pi).windowStart()).isEqualTo(LocalDate.of(2030, 1, 1));
        assertThat(deal(pi).windowEnd()).isEqualTo(LocalDate.of(2030, 12, 31));
    }

    @Test
    void recheckWithoutChangeComesBackToTheRightsManager() {
        ProcessInstance pi = start(List.of("ES"), "2027-01-01", "2027-12-31");
        execute(job(pi));
        complete(task(pi), "RECHECK", Map.of());
        execute(job(pi));

        assertThat(pi).isWaitingAt("resolveRightsConflict");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId("checkTerritoryConflicts").count()).isEqualTo(2);
    }

    @Test
    void withdrawnDealEndsWithStatusVisibleToTheCrm() {
        ProcessInstance pi = start(List.of("ES"), "2027-01-01", "2027-12-31");
        execute(job(pi));
        complete(task(pi), "WITHDRAW", Map.of("resolutionNote", "licensee declined the carve-out"));
        assertThat(pi).isWaitingAt("withdrawDeal");
        execute(job(pi));

        assertThat(pi).isEnded().hasPassed("withdrawDeal", "dealWithdrawn");
        DealView deal = deal(pi);
        assertThat(deal.status()).isEqualTo(DealStatus.WITHDRAWN);
        assertThat(deal.grants()).isEmpty();
        assertThat(deal.events()).extracting(DealRecords.DealEvent::detail).anyMatch(d -> d.contains("licensee declined"));
    }

    @Test
    void dealThatLosesTheRaceBetweenCheckAndGrantGoesToTheRightsManager() {
        ProcessInstance pi = start(List.of("DE"), "2027-01-01", "2027-12-31");

        // a competing deal takes the same exclusive rights
        ProcessInstance rival = start(List.of("DE"), "2027-06-01", "2028-05-31");
        execute(job(rival));
        assertThat(rival).isWaitingAt("watchLicenceWindow");

        // as if our check had read the rights before the rival's grant committed: our grant comes next
        runtime.createProcessInstanceModification(pi.getId()).cancelAllForActivity("checkTerritoryConflicts")
                .startBeforeActivity("grantRights").setVariable("rightsClear", true).execute(); // our grant is refused by the database
        assertThat(pi).isWaitingAt("resolveRightsConflict").hasPassed("grantRights");
        DealView deal = deal(pi);
        assertThat(deal.status()).isEqualTo(DealStatus.CONFLICT);
        assertThat(deal.grants()).isEmpty();
        assertThat(deal.conflicts()).extracting(DealRecords.ConflictRow::rule).containsExactly("EXCLUSIVE_OVERLAP");
    }

    @Test
    void badInputInTheConflictFormIsRefusedNamingTheFieldAndChangesNothing() {
        ProcessInstance pi = start(List.of("FR", "ES"), "2027-01-01", "2027-12-31");
        execute(job(pi));
        Task task = task(pi);

        assertThatThrownBy(() -> complete(task, "CARVE_OUT", Map.of("carveOutTerritories", "XX")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("carveOutTerritories").hasMessageContaining("XX");
        assertThatThrownBy(() -> complete(task, "CARVE_OUT", Map.of("carveOutTerritories", "FR ES")))
                .hasMessageContaining("without territories");
        assertThatThrownBy(() -> complete(task, "CHANGE_WINDOW", Map.of("newWindowStart", "2027-01-01", "newWindowEnd", "2026-01-01")))
                .hasMessageContaining("newWindowEnd");
        assertThatThrownBy(() -> complete(task, "CHANGE_WINDOW", Map.of("newWindowStart", "1 March", "newWindowEnd", "")))
                .hasMessageContaining("newWindowStart");
        assertThatThrownBy(() -> complete(task, "SOMETHING", Map.of())).hasMessageContaining("resolution");

        assertThat(pi).isWaitingAt("resolveRightsConflict");
        DealView deal = deal(pi);
        assertThat(deal.territories()).containsExactlyInAnyOrder("ES", "FR");
        assertThat(deal.windowEnd()).isEqualTo(LocalDate.of(2027, 12, 31));
    }

    @Test
    void checkingTwiceIsHarmless() {
        ProcessInstance pi = start(List.of("ES"), "2027-01-01", "2027-12-31");
        long dealId = dealIds.findByCrmDealId(pi.getBusinessKey()).orElseThrow().getId();
        execute(job(pi));
        // a job may run twice: running the check again must not add conflicts
        DealRightsService.CheckOutcome again = dealRights.check(dealId);
        assertThat(again.conflictCount()).isEqualTo(1);
        assertThat(deal(pi).conflicts()).hasSize(1);
    }


    private ProcessInstance start(List<String> territories, String start, String end) {
        String id = "PT-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
        DealRequest request = new DealRequest(id, "Netflix", List.of(titleId), List.of(io.reelflow.rights.rules.Media.SVOD), true,
                territories, LocalDate.parse(start), LocalDate.parse(end), null,
                new DealRequest.Fee(DealRequest.FeeType.FIXED, "EUR", new java.math.BigDecimal("100000"), null, null,
                        List.of(new DealRequest.Instalment(new java.math.BigDecimal("100"), DealRequest.Trigger.SIGNATURE, null, 30))),
                null, new DealRequest.Format(DealRequest.Resolution.HD, DealRequest.DynamicRange.SDR), null);
        DealService.IntakeResult result = deals.intake(request);
        assertThat(result.created()).isTrue();
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult();
    }

    private DealView deal(ProcessInstance pi) {
        return deals.find(pi.getBusinessKey());
    }

    private void complete(Task task, String resolution, Map<String, Object> more) {
        Map<String, Object> vars = new HashMap<>(more);
        vars.put("resolution", resolution);
        tasks.complete(task.getId(), vars);
    }
}
