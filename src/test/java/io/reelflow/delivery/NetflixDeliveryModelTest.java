package io.reelflow.delivery;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.reelflow.support.ModelTestEngine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code netflix-delivery} on its own: the real Backlot, package, readiness, upload, acceptance and risk steps of the
 * delivery room with the delivery's records, inbox, storage and inspection queue mocked. Stand-ins: {@code createDelivery}
 * (sets the dates as the deal side's step does), the form's display listener, and the Netflix QC result steps, whose
 * outcome the test sets (the QC item rules have their own tests). No tracks to localize here: localization-track has
 * its own model test.
 */
class NetflixDeliveryModelTest extends ModelTestEngine {

    private static final long DELIVERY = 9;

    private final DeliveryService deliveries = mock(DeliveryService.class);
    private final ProcessDelivery processDelivery = mock(ProcessDelivery.class);
    private final EventInbox inbox = mock(EventInbox.class);
    private final DeliveryStorage storage = mock(DeliveryStorage.class);
    private final InspectionRequests requests = mock(InspectionRequests.class);
    private final InspectionWaivers waivers = mock(InspectionWaivers.class);
    /** Netflix's answer to a submission: accepted, at risk (third rejection), the package to redo. */
    private final AtomicReference<boolean[]> qc = new AtomicReference<>(new boolean[] {true, false, false});

    @Override
    protected String model() {
        return "netflix-delivery.bpmn";
    }

    @BeforeEach
    void glue() {
        when(processDelivery.deliveryId(any())).thenReturn(DELIVERY);
        when(processDelivery.checkedEvent(eq(DELIVERY), anyString())).thenAnswer(i -> i.getArgument(1));
        when(inbox.recordEntered(eq(DELIVERY), eq(DeliveryEventRequest.Type.PACKAGE_READY), eq(null), any(), anyString())).thenReturn("evt-p");
        when(requests.latest(any(), any(Long.class), anyInt())).thenReturn(Optional.empty());
        when(deliveries.pendingTrackIds(DELIVERY)).thenReturn(List.of());
        when(deliveries.readiness(DELIVERY)).thenReturn(new DeliveryService.Readiness(true, "", "- package\n"));
        when(deliveries.submitted(DELIVERY)).thenReturn(1, 2, 3);
        Date due = Date.from(Instant.now().plus(60, ChronoUnit.DAYS));
        Mocks.register("createDelivery", (JavaDelegate) e -> {
            NetflixDeliveryVariables.DELIVERY_DUE.set(e, due);
            NetflixDeliveryVariables.BACKLOT_DUE.set(e, due);
            NetflixDeliveryVariables.BACKLOT_ESCALATION.set(e, "P5D");
        });
        Mocks.register("showDelivery", (TaskListener) task -> { });
        Mocks.register("recordQcReceived", (TaskListener) task -> { });
        Mocks.register("recordQcResult", (JavaDelegate) e -> {
            boolean[] answer = qc.get();
            NetflixDeliveryVariables.QC_ACCEPTED.set(e, answer[0]);
            NetflixDeliveryVariables.AT_RISK.set(e, answer[1]);
            NetflixDeliveryVariables.PACKAGE_NEEDED.set(e, answer[2]);
            NetflixDeliveryVariables.TRACKS_PENDING.set(e, false);
            NetflixDeliveryVariables.METADATA_FIX_NEEDED.set(e, false);
        });
        Mocks.register("recordBacklotSetup", new RecordBacklotSetupListener(deliveries, processDelivery));
        Mocks.register("recordImfOrder", new RecordImfOrderListener(deliveries, processDelivery));
        Mocks.register("inboxOnWait", new InboxOnWaitListener(inbox, processDelivery));
        Mocks.register("showPackageFindings", new ShowPackageFindingsListener(requests, processDelivery));
        Mocks.register("recordPackageReceived", new RecordPackageReceivedListener(inbox, processDelivery, storage));
        Mocks.register("inspectImfPackage", new InspectImfPackageDelegate(requests, processDelivery));
        Mocks.register("recordPackageReturn", new RecordPackageReturnListener(waivers, processDelivery));
        Mocks.register("showWaiverRequest", new ShowWaiverRequestListener(waivers, processDelivery));
        Mocks.register("recordWaiverDecision", new RecordWaiverDecisionListener(waivers, processDelivery));
        Mocks.register("deliveryTracks", new DeliveryTracks(deliveries, processDelivery));
        Mocks.register("checkReadiness", new CheckReadinessDelegate(deliveries, processDelivery));
        Mocks.register("markSubmitted", new MarkSubmittedListener(deliveries, processDelivery));
        Mocks.register("deliveryTimers", new DeliveryTimers("P10D"));
        Mocks.register("acceptDelivery", new AcceptDeliveryDelegate(deliveries, engine().getRuntimeService(), processDelivery));
        Mocks.register("recordRiskDecision", new RecordRiskDecisionListener(deliveries, processDelivery));
        Mocks.register("extendDelivery", new ExtendDeliveryDelegate(deliveries, processDelivery));
        Mocks.register("cancelDelivery", new CancelDeliveryDelegate(deliveries, processDelivery));
    }

    /** Backlot set up, the package ordered, received, inspected and passed. */
    private void packageAccepted(ProcessInstance pi) {
        assertThat(pi).isWaitingAt("orderImfPackage");
        complete(task(), withVariables("postHouse", "Post House A", "purchaseOrder", "PO-7"));
        verify(deliveries, org.mockito.Mockito.atLeastOnce()).recordImfOrder(DELIVERY, "Post House A", "PO-7");
        assertThat(pi).isWaitingAt("awaitPackage");
        complete(task(), withVariables("packageLocation", "post-house-a/IMF_1"));
        executeJob(pi.getId(), "inspectImfPackage");
        assertThat(pi).isWaitingAt("awaitPackageInspection");
        runtimeService().createMessageCorrelation("packageInspected").processInstanceBusinessKey(pi.getBusinessKey())
                .setVariable("packagePassed", true).correlate();
    }

    /** Ready, uploaded (submission n), Netflix's QC result recorded. */
    private void submitted(ProcessInstance pi) {
        executeJob(pi.getId(), "checkReadiness");
        assertThat(pi).isWaitingAt("uploadToBacklot");
        complete(task(), withVariables("uploaded", true));
        assertThat(pi).isWaitingAt("awaitQc");
        complete(task());
        executeJob(pi.getId(), "recordQcResult");
    }

    private ProcessInstance startedAndSetUp(String key) {
        ProcessInstance pi = runtimeService().startProcessInstanceByKey("netflix-delivery", key);
        assertThat(pi).isWaitingAt("setUpBacklot");
        assertThat(task()).hasCandidateGroup("delivery-coordinators");
        complete(task(), withVariables("backlotTitleId", "81234567", "sourceRequests", "IMF: SR-1"));
        verify(deliveries).recordBacklotSetup(DELIVERY, "81234567", "IMF: SR-1");
        return pi;
    }

    @Test
    void aTitleAcceptedAtItsFirstQcTellsTheDeal() {
        String key = key("ND");
        ProcessInstance pi = startedAndSetUp(key);
        packageAccepted(pi);
        submitted(pi);
        executeJob(pi.getId(), "acceptDelivery");
        verify(deliveries).accept(DELIVERY);
        assertThat(pi).hasPassed("deliveryAccepted").isEnded();
    }

    @Test
    void aBacklotSetupWithoutSourceRequestsIsRefused() {
        String key = key("ND");
        ProcessInstance pi = runtimeService().startProcessInstanceByKey("netflix-delivery", key);
        assertThat(pi).isWaitingAt("setUpBacklot");
        Assertions.assertThatThrownBy(() -> complete(task(), withVariables("backlotTitleId", "81234567", "sourceRequests", " ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("sourceRequests");
        assertThat(pi).isWaitingAt("setUpBacklot");
    }

    @Test
    void aQcRejectionOfThePictureOrdersANewPackageAndResubmits() {
        String key = key("ND");
        ProcessInstance pi = startedAndSetUp(key);
        packageAccepted(pi);
        qc.set(new boolean[] {false, false, true});
        submitted(pi);
        assertThat(pi).isWaitingAt("orderImfPackage");

        packageAccepted(pi);
        qc.set(new boolean[] {true, false, false});
        submitted(pi);
        executeJob(pi.getId(), "acceptDelivery");
        assertThat(pi).isEnded();
    }

    @Test
    void aThirdRejectionPutsTheDeliveryAtRiskAndAManagerMayCancelIt() {
        String key = key("ND");
        ProcessInstance pi = startedAndSetUp(key);
        packageAccepted(pi);
        qc.set(new boolean[] {false, true, false});
        submitted(pi);
        assertThat(pi).isWaitingAt("deliveryAtRisk");
        assertThat(task()).hasCandidateGroup("managers");
        complete(task(), withVariables("riskDecision", "CANCEL", "riskNote", "licensee agreed"));
        executeJob(pi.getId(), "cancelDelivery");
        verify(deliveries).cancel(DELIVERY);
        assertThat(pi).hasPassed("deliveryCancelled").isEnded();
    }

    @Test
    void aDeliveryNotCompleteOrdersWhatIsMissingAgain() {
        String key = key("ND");
        ProcessInstance pi = startedAndSetUp(key);
        packageAccepted(pi);
        DeliveryService.Delivery delivery = mock(DeliveryService.Delivery.class);
        when(delivery.packageStatus()).thenReturn("FAILED");
        when(deliveries.get(DELIVERY)).thenReturn(delivery);
        when(deliveries.readiness(DELIVERY)).thenReturn(new DeliveryService.Readiness(false, "package not accepted", ""));
        executeJob(pi.getId(), "checkReadiness");
        assertThat(pi).isWaitingAt("orderImfPackage");
    }
}
