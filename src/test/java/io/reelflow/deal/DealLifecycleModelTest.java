package io.reelflow.deal;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.reelflow.support.ModelTestEngine;
import java.time.LocalDate;
import org.assertj.core.api.Assertions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code deal-lifecycle} on its own: the real glue of the deal room (check, grant, withdraw, the conflict task's
 * listeners) with the rights side ({@link DealRightsService}) and the deal lookup ({@link ProcessDeal}) mocked; the
 * children it starts beside it are recorded, not run; the licence window's watch is a one-task stand-in for
 * {@code window-watch}, deployed for each test and removed after it.
 */
class DealLifecycleModelTest extends ModelTestEngine {

    private static final long DEAL_ID = 42L;
    private static final LocalDate START = LocalDate.of(2027, 1, 1);
    private static final LocalDate END = LocalDate.of(2028, 12, 31);
    private static final DealRightsService.CheckOutcome CLEAR = new DealRightsService.CheckOutcome(true, 0, "", Set.of(), START, END);
    private static final DealRightsService.CheckOutcome CONFLICT = new DealRightsService.CheckOutcome(false, 1,
            "FR: exclusive SVOD to another buyer until 2028-06-30", Set.of("FR"), START, END);

    private final DealRightsService rights = mock(DealRightsService.class);
    private final ProcessDeal processDeal = mock(ProcessDeal.class);
    private final DealChildProcesses children = mock(DealChildProcesses.class);
    private final JavaDelegate startTitleDeliveries = mock(JavaDelegate.class);
    private final JavaDelegate startLicenceFee = mock(JavaDelegate.class);
    private Deployment windowWatchStandIn;

    @Override
    protected String model() {
        return "deal-lifecycle.bpmn";
    }

    @BeforeEach
    void glue() {
        when(processDeal.dealId(any())).thenReturn(DEAL_ID);
        when(rights.recorded(DEAL_ID)).thenReturn(CONFLICT);
        Mocks.register("checkTerritoryConflicts", new CheckTerritoryConflictsDelegate(rights, processDeal, 3));
        Mocks.register("grantRights", new GrantRightsDelegate(rights, processDeal, 3));
        Mocks.register("withdrawDeal", new WithdrawDealDelegate(rights, processDeal));
        Mocks.register("showConflicts", new ShowConflictsListener(rights, processDeal));
        Mocks.register("applyConflictResolution", new ApplyConflictResolutionListener(rights, processDeal));
        Mocks.register("startTitleDeliveries", startTitleDeliveries);
        Mocks.register("startLicenceFee", startLicenceFee);
        Mocks.register("dealChildProcesses", children);
        Mocks.register("dealTaskContext", (TaskListener) task -> { });
        windowWatchStandIn = engine().getRepositoryService().createDeployment().name("window-watch stand-in")
                .addModelInstance("window-watch.bpmn", Bpmn.createExecutableProcess("window-watch").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("windowOver").endEvent().done())
                .deploy();
    }

    @AfterEach
    void removeStandIn() {
        engine().getRepositoryService().deleteDeployment(windowWatchStandIn.getId(), true);
    }

    private ProcessInstance signed(String key) {
        ProcessInstance pi = runtimeService().startProcessInstanceByKey("deal-lifecycle", key);
        assertThat(pi).isWaitingAt("checkTerritoryConflicts");
        executeJob(pi.getId(), "checkTerritoryConflicts");
        return pi;
    }

    private static void windowEnds(String key) {
        ProcessInstance watch = runtimeService().createProcessInstanceQuery().processDefinitionKey("window-watch").processInstanceBusinessKey(key)
                .singleResult();
        Assertions.assertThat(watch).as("the window is watched with the deal's business key").isNotNull();
        complete(task(watch));
    }

    @Test
    void aCleanDealIsGrantedStartsItsChildrenAndWaitsForThemAfterItsWindow() throws Exception {
        String key = key("DL");
        when(rights.check(DEAL_ID)).thenReturn(CLEAR);
        when(rights.grant(DEAL_ID)).thenReturn(CLEAR);
        when(children.deliveriesOrFeeRunning(any())).thenReturn(true);

        ProcessInstance pi = signed(key);
        verify(rights).grant(DEAL_ID);
        verify(startTitleDeliveries).execute(any());
        verify(startLicenceFee).execute(any());
        assertThat(pi).isWaitingAt("watchLicenceWindow").hasPassed("grantRights", "startTitleDeliveries", "startLicenceFee");

        windowEnds(key);
        assertThat(pi).isWaitingAt("deliveredAndPaid");
        runtimeService().createMessageCorrelation("deliveredAndPaid").processInstanceBusinessKey(key).correlate();
        assertThat(pi).isEnded().hasPassed("dealDone");
    }

    @Test
    void aDealWhoseChildrenEndedBeforeItsWindowIsDoneWhenTheWindowIs() {
        String key = key("DL");
        when(rights.check(DEAL_ID)).thenReturn(CLEAR);
        when(rights.grant(DEAL_ID)).thenReturn(CLEAR);
        when(children.deliveriesOrFeeRunning(any())).thenReturn(false);

        ProcessInstance pi = signed(key);
        windowEnds(key);
        assertThat(pi).isEnded().hasPassed("dealDone").hasNotPassed("deliveredAndPaid");
    }

    @Test
    void aConflictGoesToTheRightsManagerWhoWithdrawsTheDeal() throws Exception {
        String key = key("DL");
        when(rights.check(DEAL_ID)).thenReturn(CONFLICT);

        ProcessInstance pi = signed(key);
        assertThat(pi).isWaitingAt("resolveRightsConflict");
        assertThat(task(pi)).hasCandidateGroup("rights-managers");
        Assertions.assertThat(task(pi).getDueDate()).as("the conflict task is due in three days").isAfter(new java.util.Date());
        // the rights manager's form is pre-filled from the recorded conflicts: carve out exactly the conflicting territories
        Assertions.assertThat(taskService().getVariablesLocal(task(pi).getId()))
                .containsEntry("conflictSummary", CONFLICT.summary()).containsEntry("carveOutTerritories", "FR");
        verify(rights, never()).grant(anyLong());

        complete(task(pi), withVariables("resolution", "WITHDRAW", "resolutionNote", "the other buyer holds France"));
        verify(rights).resolve(DEAL_ID, "WITHDRAW", "FR", START.toString(), END.toString(), "the other buyer holds France", null);
        assertThat(pi).isWaitingAt("withdrawDeal");
        executeJob(pi.getId(), "withdrawDeal");
        verify(rights).withdraw(DEAL_ID);
        assertThat(pi).isEnded().hasPassed("dealWithdrawn");
        verify(startTitleDeliveries, never()).execute(any());
    }

    @Test
    void aResolvedConflictIsCheckedAgainAndThenGranted() throws Exception {
        String key = key("DL");
        when(rights.check(DEAL_ID)).thenReturn(CONFLICT, CLEAR);
        when(rights.grant(DEAL_ID)).thenReturn(CLEAR);

        ProcessInstance pi = signed(key);
        complete(task(pi), withVariables("resolution", "CARVE_OUT", "carveOutTerritories", "FR", "resolutionNote", "France carved out"));
        assertThat(pi).isWaitingAt("checkTerritoryConflicts");
        executeJob(pi.getId(), "checkTerritoryConflicts");
        verify(rights, times(2)).check(DEAL_ID);
        assertThat(pi).isWaitingAt("watchLicenceWindow");
        verify(startTitleDeliveries).execute(any());
    }

    @Test
    void aGrantThatLosesARaceGoesBackToTheRightsManager() throws Exception {
        String key = key("DL");
        when(rights.check(DEAL_ID)).thenReturn(CLEAR);
        when(rights.grant(DEAL_ID)).thenReturn(CONFLICT);

        ProcessInstance pi = signed(key);
        assertThat(pi).isWaitingAt("resolveRightsConflict").hasPassed("grantRights");
        verify(startTitleDeliveries, never()).execute(any());
        verify(startLicenceFee, never()).execute(any());
    }
}
