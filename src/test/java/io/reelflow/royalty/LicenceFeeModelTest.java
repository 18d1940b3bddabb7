package io.reelflow.royalty;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import io.reelflow.royalty.LicenceFeeService.OverageOutcome;
import io.reelflow.support.ModelTestEngine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code licence-fee} on its own: the real steps of the royalty room, the fee service and the deal side mocked; the
 * {@code fee-instalment} children are asked of a mocked {@link RuntimeService} (their own model test drives them).
 */
class LicenceFeeModelTest extends ModelTestEngine {

    private final DealFeeService fees = mock(DealFeeService.class);
    private final FeeDeals deals = mock(FeeDeals.class);
    private final RuntimeService children = mock(RuntimeService.class, RETURNS_DEEP_STUBS);

    @Override
    protected String model() {
        return "licence-fee.bpmn";
    }

    @BeforeEach
    void glue() {
        when(fees.currency(anyString())).thenReturn("EUR");
        Mocks.register("computeRoyaltySchedule", new ComputeRoyaltyScheduleDelegate(fees, children));
        Mocks.register("showRevenueReport", new ShowRevenueReportListener(fees, deals));
        Mocks.register("recordRevenueReport", new RecordRevenueReportListener(fees));
        Mocks.register("computeOverage", new ComputeOverageDelegate(fees, children, deals, 30));
        Mocks.register("dealTaskContext", (TaskListener) task -> { });
    }

    private static InstalmentView instalment(int number, String kind) {
        return new InstalmentView(number, kind, new BigDecimal("50000.00"), "EUR", "SIGNATURE", 30, null, null, null, null, null,
                null, null, null, null, "SCHEDULED");
    }

    @Test
    void aFixedFeeStartsOneCollectionPerInstalmentAndEndsWhenTheyAreCollected() {
        String key = key("LF");
        when(fees.schedule(key)).thenReturn(new DealFeeService.Schedule(List.of(instalment(1, "LICENCE_FEE"), instalment(2, "LICENCE_FEE")), null, null));
        ProcessInstance pi = runtimeService().startProcessInstanceByKey("licence-fee", key);

        verify(children, times(2)).createProcessInstanceByKey("fee-instalment");
        assertThat(pi).isWaitingAt("instalmentsCollected");
        runtimeService().createMessageCorrelation("instalmentsCollected").processInstanceBusinessKey(key).correlate();
        assertThat(pi).hasPassed("feeCollected").isEnded();
    }

    @Test
    void aRevenueShareDealReportsEachQuarterAndEndsAfterTheLastWhenNothingIsOpen() {
        String key = key("LF");
        when(fees.schedule(key)).thenReturn(new DealFeeService.Schedule(List.of(instalment(1, "MINIMUM_GUARANTEE")), "2027-Q1",
                LocalDate.of(2027, 3, 31)));
        OverageOutcome none = mock(OverageOutcome.class);
        when(none.instalmentNumber()).thenReturn(0);
        when(fees.computeOverage(eq(key), eq("2027-Q1"), anyInt(), any()))
                .thenReturn(new DealFeeService.OverageStep(none, "2027-Q2", LocalDate.of(2027, 6, 30)));
        when(fees.computeOverage(eq(key), eq("2027-Q2"), anyInt(), any())).thenReturn(new DealFeeService.OverageStep(none, null, null));
        ProcessInstance pi = runtimeService().startProcessInstanceByKey("licence-fee", key);
        assertThat(pi).isWaitingAt("quarterEnded").variables().containsEntry("revenueQuarter", "2027-Q1");

        fireTimer(pi.getId(), "quarterEnded");
        assertThat(pi).isWaitingAt("enterRevenueReport");
        assertThat(task()).hasCandidateGroup("finance");
        verify(deals).completeWhenAlreadyRecorded(task().getId(), "enterRevenueReport", key, "2027-Q1");
        complete(task(), withVariables("revenue", "120000.00", "revenueCurrency", "EUR", "reportReference", "NFX-Q1"));
        verify(fees).recordRevenueReport(key, "2027-Q1", new BigDecimal("120000.00"), "EUR", "NFX-Q1", "finance");
        assertThat(pi).variables().doesNotContainKey("revenue");

        executeJob(pi.getId(), "computeOverage");
        assertThat(pi).isWaitingAt("quarterEnded").variables().containsEntry("revenueQuarter", "2027-Q2");
        fireTimer(pi.getId(), "quarterEnded");
        assertThat(pi).isWaitingAt("enterRevenueReport");
        complete(task(), withVariables("revenue", "80000.00", "revenueCurrency", "EUR", "reportReference", "NFX-Q2"));
        executeJob(pi.getId(), "computeOverage");
        assertThat(pi).hasPassed("feeCollectedAfterReports").isEnded();
    }

    @Test
    void anOverageStartsItsCollectionAndTheLastReportWaitsForIt() {
        String key = key("LF");
        when(fees.schedule(key)).thenReturn(new DealFeeService.Schedule(List.of(instalment(1, "MINIMUM_GUARANTEE")), "2027-Q4",
                LocalDate.of(2027, 12, 31)));
        OverageOutcome overage = mock(OverageOutcome.class);
        when(overage.instalmentNumber()).thenReturn(2);
        when(fees.computeOverage(eq(key), eq("2027-Q4"), anyInt(), any())).thenReturn(new DealFeeService.OverageStep(overage, null, null));
        ProcessInstance pi = runtimeService().startProcessInstanceByKey("licence-fee", key);
        fireTimer(pi.getId(), "quarterEnded");
        assertThat(pi).isWaitingAt("enterRevenueReport");
        complete(task(), withVariables("revenue", "900000.00", "revenueCurrency", "EUR", "reportReference", "NFX-Q4"));
        executeJob(pi.getId(), "computeOverage");

        verify(children, times(2)).createProcessInstanceByKey("fee-instalment"); // the MG's, then the overage's
        assertThat(pi).isWaitingAt("instalmentsCollected");
    }
}
