package io.reelflow.royalty;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import io.reelflow.support.ModelTestEngine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fee-instalment} on its own: the real steps and date expressions of the royalty room, the fee services and the
 * deal side mocked; the instalment's record as each step reads it is set by the test.
 */
class FeeInstalmentModelTest extends ModelTestEngine {

    private final DealFeeService fees = mock(DealFeeService.class);
    private final LicenceFeeService licenceFees = mock(LicenceFeeService.class);
    private final FxRateService rates = mock(FxRateService.class);
    private final FeeDeals deals = mock(FeeDeals.class);

    private static final LocalDate TODAY = LocalDate.now(java.time.ZoneOffset.UTC);

    @Override
    protected String model() {
        return "fee-instalment.bpmn";
    }

    @BeforeEach
    void glue() {
        Mocks.register("prepareInstalment", new PrepareInstalmentDelegate(fees));
        Mocks.register("recordInstalmentTrigger", new RecordInstalmentTriggerDelegate(fees));
        Mocks.register("showInstalment", new ShowInstalmentListener(fees, deals));
        Mocks.register("recordInvoice", new RecordInvoiceListener(licenceFees));
        Mocks.register("recordPaymentReceived", new RecordPaymentReceivedListener(licenceFees));
        Mocks.register("computeRoyalties", new ComputeRoyaltiesDelegate(fees));
        Mocks.register("recordFxRate", new RecordFxRateListener(rates, fees));
        Mocks.register("instalmentDates", new InstalmentDates(licenceFees, 14));
        Mocks.register("dealTaskContext", (TaskListener) task -> { });
    }

    private static InstalmentView instalment(String trigger, LocalDate triggeredOn) {
        return new InstalmentView(1, "LICENCE_FEE", new BigDecimal("50000.00"), "EUR", trigger, 30, triggeredOn,
                triggeredOn == null ? null : triggeredOn.plusDays(30), null, null, null, null, null, null, null,
                triggeredOn == null ? "SCHEDULED" : "PAYABLE");
    }

    private ProcessInstance start(String key) {
        return runtimeService().startProcessInstanceByKey("fee-instalment", key, Map.of("instalmentNumber", 1));
    }

    private void payable(String key, InstalmentView i) {
        when(fees.checkTrigger(key, 1)).thenReturn(i);
        when(fees.instalment(key, 1)).thenReturn(i);
        when(licenceFees.instalment(key, 1)).thenReturn(i);
    }

    @Test
    void aPayableInstalmentIsInvoicedPaidAndPostedToTheLicensors() {
        String key = key("FI");
        payable(key, instalment("SIGNATURE", TODAY));
        when(fees.postRoyalties(key, 1)).thenReturn(new DealFeeService.Posting(List.of(11L, 12L), null));
        ProcessInstance pi = start(key);

        assertThat(pi).isWaitingAt("invoiceInstalment");
        assertThat(task()).hasCandidateGroup("finance");
        assertThat(pi).task().hasName("Invoice instalment");
        verify(deals).completeWhenAlreadyRecorded(task().getId(), "invoiceInstalment", key, 1);
        complete(task(), withVariables("invoiceNumber", "INV-1", "invoicedOn", TODAY.toString()));
        verify(licenceFees).recordInvoice(key, 1, "INV-1", TODAY, null);

        assertThat(pi).isWaitingAt("recordPayment");
        complete(task(), withVariables("paidAmount", "50000.00", "paidCurrency", "EUR", "paidOn", TODAY.toString(), "bankReference", "BANK-1"));
        verify(licenceFees).recordPayment(eq(key), eq(1), eq(new BigDecimal("50000.00")), eq("EUR"), eq(TODAY), eq("BANK-1"), any(), any());
        assertThat(pi).variables().doesNotContainKeys("paidAmount", "paidCurrency");

        executeJob(pi.getId(), "computeRoyalties");
        verify(fees).postRoyalties(key, 1);
        assertThat(pi).hasPassed("instalmentPaid").isEnded();
    }

    @Test
    void aMissingExchangeRateGoesToFinanceThenThePostingIsRetried() {
        String key = key("FI");
        payable(key, instalment("SIGNATURE", TODAY));
        DealFeeService.MissingRate missing = new DealFeeService.MissingRate("USD", "EUR", TODAY);
        when(fees.postRoyalties(key, 1)).thenReturn(new DealFeeService.Posting(List.of(), missing), new DealFeeService.Posting(List.of(21L), null));
        when(fees.missingRate(key, 1)).thenReturn(missing);
        ProcessInstance pi = start(key);
        assertThat(pi).isWaitingAt("invoiceInstalment");
        complete(task(), withVariables("invoiceNumber", "INV-1", "invoicedOn", TODAY.toString()));
        assertThat(pi).isWaitingAt("recordPayment");
        complete(task(), withVariables("paidAmount", "55000.00", "paidCurrency", "USD", "paidOn", TODAY.toString(), "bankReference", "B"));

        executeJob(pi.getId(), "computeRoyalties");
        assertThat(pi).isWaitingAt("enterFxRate").variables().containsEntry("fxFrom", "USD").containsEntry("fxTo", "EUR");
        complete(task(), withVariables("fxRate", "0.92"));
        verify(rates).enter(eq(new RoyaltyRequests.NewFxRate("USD", "EUR", TODAY, new BigDecimal("0.92"))), anyString());

        executeJob(pi.getId(), "computeRoyalties");
        assertThat(pi).hasPassed("instalmentPaid").isEnded();
    }

    @Test
    void anInstalmentDueOnAcceptanceWaitsForTheDeliveriesThenForItsInvoiceDay() {
        String key = key("FI");
        payable(key, instalment("DELIVERY_ACCEPTED", null));
        ProcessInstance pi = start(key);
        assertThat(pi).isWaitingAt("acceptanceGateway");

        // the daily recheck finds the titles not all accepted yet: wait again
        fireTimer(pi.getId(), "dailyRecheck");
        executeJob(pi.getId(), "recordInstalmentTrigger");
        assertThat(pi).isWaitingAt("acceptanceGateway");

        // the last title accepted, dated in the future of the engine's clock: the invoice timer waits for that day
        LocalDate acceptedOn = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneOffset.UTC).plusDays(3);
        payable(key, instalment("DELIVERY_ACCEPTED", acceptedOn));
        runtimeService().createMessageCorrelation("deliveryAccepted").processInstanceBusinessKey(key).correlate();
        executeJob(pi.getId(), "recordInstalmentTrigger");
        assertThat(pi).isWaitingAt("invoiceDateReached");
        fireTimer(pi.getId(), "invoiceDateReached");
        assertThat(pi).isWaitingAt("invoiceInstalment");
    }
}
