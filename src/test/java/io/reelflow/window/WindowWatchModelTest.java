package io.reelflow.window;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.support.ModelTestEngine;
import io.reelflow.window.WindowService.WindowPlan;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * {@code window-watch} on its own: the real glue of the window room, the deal side ({@link WindowDeals}) and the
 * window's records ({@link WindowService}) mocked; the timer plan each step reads is set by the test.
 */
class WindowWatchModelTest extends ModelTestEngine {

    private final WindowDeals deals = mock(WindowDeals.class);
    private final WindowService windows = mock(WindowService.class);
    private final AtomicReference<WindowPlan> plan = new AtomicReference<>();

    private static final Date NOW = new Date();
    private static final Date IN_A_WEEK = Date.from(Instant.now().plus(7, ChronoUnit.DAYS));
    private static final Date IN_A_MONTH = Date.from(Instant.now().plus(30, ChronoUnit.DAYS));
    private static final Date IN_A_YEAR = Date.from(Instant.now().plus(365, ChronoUnit.DAYS));

    @Override
    protected String model() {
        return "window-watch.bpmn";
    }

    @BeforeEach
    void glue() {
        when(windows.storedPlan(anyString())).thenAnswer(i -> plan.get());
        when(deals.renewalSummary(anyString())).thenReturn("Nothing else is sold to start after this window.");
        Mocks.register("openLicenceWindow", new OpenLicenceWindowDelegate(deals));
        Mocks.register("planWindowTimers", new PlanWindowTimersDelegate(deals));
        Mocks.register("goLive", new GoLiveDelegate(deals));
        Mocks.register("raiseRenewalAlert", new RaiseRenewalAlertDelegate(deals, windows));
        Mocks.register("expireWindow", new ExpireWindowDelegate(deals));
        Mocks.register("showRenewal", new ShowRenewalListener(deals, windows));
        Mocks.register("applyRenewalDecision", new ApplyRenewalDecisionListener(deals));
        Mocks.register("windowTimers", new WindowTimers(windows));
        Mocks.register("dealTaskContext", (TaskListener) task -> { });
    }

    private static WindowPlan notStarted() {
        return new WindowPlan(false, IN_A_WEEK, false, true, IN_A_MONTH, 90, IN_A_MONTH, IN_A_YEAR, "2027-12-31");
    }

    private static WindowPlan liveWithAlert() {
        return new WindowPlan(true, null, false, true, IN_A_MONTH, 90, IN_A_YEAR, IN_A_YEAR, "2027-12-31");
    }

    private static WindowPlan liveDecided() {
        return new WindowPlan(true, null, false, false, null, 0, null, IN_A_YEAR, "2027-12-31");
    }

    private ProcessInstance start(String key) {
        return runtimeService().startProcessInstanceByKey("window-watch", key);
    }

    @Test
    void aWindowGoesLiveAlertsIsLeftToExpireAndReleasesTheRights() {
        String key = key("WW");
        plan.set(notStarted());
        ProcessInstance pi = start(key);
        verify(deals).open(key);
        verify(deals).planTimers(Mockito.eq(key), any());
        assertThat(pi).isWaitingAt("windowStarts");

        plan.set(liveWithAlert());
        fireTimer(pi.getId(), "windowStarts");
        assertThat(pi).isWaitingAt("goLive");
        executeJob(pi.getId(), "goLive");
        verify(deals).goLive(key);
        assertThat(pi).isWaitingAt("renewalAlertDue");

        fireTimer(pi.getId(), "renewalAlertDue");
        executeJob(pi.getId(), "raiseRenewalAlert");
        verify(deals).raiseAlert(key, 90);
        assertThat(pi).isWaitingAt("decideRenewal");
        assertThat(task()).hasCandidateGroup("rights-managers");
        Assertions.assertThat(task().getDueDate()).isEqualTo(IN_A_YEAR);
        Assertions.assertThat(runtimeService().getVariable(pi.getId(), WindowWatchVariables.RENEWAL_DECISION.name())).isNull();

        plan.set(liveDecided());
        complete(task(), withVariables("renewalDecision", "LET_EXPIRE", "renewalNote", "no interest"));
        verify(deals).decide(key, "LET_EXPIRE", "", null, "no interest", null);
        Assertions.assertThat(runtimeService().getVariable(pi.getId(), "renewalDecision")).as("the decision stays in the records only").isNull();
        verify(deals, times(2)).planTimers(Mockito.eq(key), any());
        // planned again: the live window passes go-live again (idempotent on the deal side), then waits for its expiry
        executeJob(pi.getId(), "goLive");
        verify(deals, times(2)).goLive(key);
        assertThat(pi).isWaitingAt("windowExpires");

        fireTimer(pi.getId(), "windowExpires");
        executeJob(pi.getId(), "expireWindow");
        verify(deals).expire(key);
        assertThat(pi).hasPassed("windowEnded").isEnded();
    }

    @Test
    void anEvergreenWindowHasNoExpiry() {
        String key = key("WW");
        plan.set(new WindowPlan(true, null, true, false, null, 0, null, null, "evergreen"));
        ProcessInstance pi = start(key);
        executeJob(pi.getId(), "goLive");
        assertThat(pi).hasPassed("evergreenNoExpiry").isEnded();
    }

    @Test
    void anUndecidedRenewalEscalatesAndTheWindowExpiresAnyway() {
        String key = key("WW");
        plan.set(new WindowPlan(true, null, false, true, NOW, 30, IN_A_MONTH, IN_A_YEAR, "2027-12-31"));
        ProcessInstance pi = start(key);
        executeJob(pi.getId(), "goLive");
        fireTimer(pi.getId(), "renewalAlertDue");
        executeJob(pi.getId(), "raiseRenewalAlert");
        assertThat(pi).isWaitingAt("decideRenewal");

        fireTimer(pi.getId(), "renewalUndecided");
        assertThat(pi).isWaitingAt("decideRenewal", "escalateRenewal");
        assertThat(task("escalateRenewal")).hasCandidateGroup("managers");

        fireTimer(pi.getId(), "expiredUndecided");
        executeJob(pi.getId(), "expireWindow");
        verify(deals).expire(key);
        // the rights are back; the watch ends once the manager has seen the escalation
        assertThat(pi).hasPassed("windowEnded").isWaitingAt("escalateRenewal");
        complete(task("escalateRenewal"));
        assertThat(pi).hasPassed("escalationSeen").isEnded();
    }

    @Test
    void aRefusedDecisionLeavesTheTaskOpen() {
        String key = key("WW");
        plan.set(liveWithAlert());
        ProcessInstance pi = start(key);
        executeJob(pi.getId(), "goLive");
        fireTimer(pi.getId(), "renewalAlertDue");
        executeJob(pi.getId(), "raiseRenewalAlert");
        assertThat(pi).isWaitingAt("decideRenewal");
        Mockito.doThrow(new InvalidInputException("renewalDecision", "choose one of RENEW, LET_EXPIRE, RELICENSE"))
                .when(deals).decide(Mockito.eq(key), Mockito.eq("MAYBE"), any(), any(), any(), any());

        Assertions.assertThatThrownBy(() -> complete(task(), withVariables("renewalDecision", "MAYBE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("choose one of");
        assertThat(pi).isWaitingAt("decideRenewal");
    }

    @Test
    void anAmendmentCancelsTheTimersAndPlansAgain() {
        String key = key("WW");
        plan.set(liveWithAlert());
        ProcessInstance pi = start(key);
        executeJob(pi.getId(), "goLive");
        assertThat(pi).isWaitingAt("renewalAlertDue");

        plan.set(notStarted());
        runtimeService().createMessageCorrelation("windowAmended").processInstanceBusinessKey(key).correlate();
        verify(deals, times(2)).planTimers(Mockito.eq(key), any());
        assertThat(pi).isWaitingAt("windowStarts").isNotWaitingAt("renewalAlertDue");
    }
}
