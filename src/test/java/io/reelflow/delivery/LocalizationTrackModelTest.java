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
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.reelflow.inspection.TrackKind;
import io.reelflow.support.ModelTestEngine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code localization-track} on its own: the real order, receive, check and return steps of the delivery room, the
 * delivery's records, the inbox, storage, inspection queue and waivers mocked; the inspection worker's answer is the
 * message {@code trackInspected}.
 */
class LocalizationTrackModelTest extends ModelTestEngine {

    private static final long DELIVERY = 5;
    private static final long TRACK = 51;

    private final DeliveryService deliveries = mock(DeliveryService.class);
    private final ProcessDelivery processDelivery = mock(ProcessDelivery.class);
    private final EventInbox inbox = mock(EventInbox.class);
    private final DeliveryStorage storage = mock(DeliveryStorage.class);
    private final InspectionRequests requests = mock(InspectionRequests.class);
    private final InspectionWaivers waivers = mock(InspectionWaivers.class);

    @Override
    protected String model() {
        return "localization-track.bpmn";
    }

    @BeforeEach
    void glue() {
        DeliveryService.Track track = new DeliveryService.Track(TRACK, DELIVERY, TrackKind.SUBTITLE, "pt-BR", "ORDERED", "Vendor A", null, null, 1);
        when(processDelivery.track(any())).thenReturn(track);
        when(processDelivery.deliveryId(any())).thenReturn(DELIVERY);
        when(processDelivery.checkedEvent(eq(DELIVERY), anyString())).thenAnswer(i -> i.getArgument(1));
        when(inbox.recordEntered(eq(DELIVERY), eq(DeliveryEventRequest.Type.TRACK_DELIVERED), eq(TRACK), any(), anyString())).thenReturn("evt-1");
        when(requests.latest(any(), any(Long.class), anyInt())).thenReturn(Optional.empty());
        when(waivers.pending(DELIVERY, TRACK)).thenReturn(Optional.empty());
        Mocks.register("recordTrackOrder", new RecordTrackOrderListener(deliveries, processDelivery));
        Mocks.register("recordTrackReceived", new RecordTrackReceivedListener(inbox, processDelivery, storage));
        Mocks.register("inspectTrack", new InspectTrackDelegate(requests, processDelivery));
        Mocks.register("showTrackFindings", new ShowTrackFindingsListener(requests, processDelivery));
        Mocks.register("recordTrackReturn", new RecordTrackReturnListener(waivers, processDelivery));
        Mocks.register("showWaiverRequest", new ShowWaiverRequestListener(waivers, processDelivery));
        Mocks.register("recordWaiverDecision", new RecordWaiverDecisionListener(waivers, processDelivery));
        Mocks.register("inboxOnWait", new InboxOnWaitListener(inbox, processDelivery));
        Mocks.register("showTrackContext", (TaskListener) task -> { }); // what the order and receive forms show
    }

    private ProcessInstance start(String key) {
        return runtimeService().startProcessInstanceByKey("localization-track", key, Map.of(
                "trackId", TRACK, "deliveryDue", Date.from(Instant.now().plus(30, ChronoUnit.DAYS))));
    }

    /** Ordered and received: the check is queued and the process waits for it. */
    private ProcessInstance receivedAndQueued(String key) {
        ProcessInstance pi = start(key);
        assertThat(pi).isWaitingAt("orderTrack");
        assertThat(task()).hasCandidateGroup("delivery-coordinators");
        complete(task(), withVariables("vendor", "Vendor A", "purchaseOrder", "PO-1"));
        verify(deliveries).recordTrackOrder(TRACK, "Vendor A", "PO-1");
        assertThat(pi).isWaitingAt("awaitTrack");
        complete(task(), withVariables("trackFileLocation", "vendor-a/pt-BR.ttml"));
        verify(storage).require("trackFileLocation", "vendor-a/pt-BR.ttml");
        executeJob(pi.getId(), "inspectTrack");
        verify(requests).requestTrack(key, TRACK, "evt-1", pi.getId());
        assertThat(pi).isWaitingAt("awaitTrackCheck");
        return pi;
    }

    private void inspected(String key, boolean passed) {
        runtimeService().createMessageCorrelation("trackInspected").processInstanceBusinessKey(key)
                .setVariable("trackPassed", passed).correlate();
    }

    @Test
    void anOrderedTrackThatPassesItsCheckIsAccepted() {
        String key = key("LT");
        ProcessInstance pi = receivedAndQueued(key);
        inspected(key, true);
        assertThat(pi).hasPassed("trackAccepted").isEnded();
    }

    @Test
    void aReceiptWithoutALocationIsRefusedAndChangesNothing() {
        String key = key("LT");
        ProcessInstance pi = start(key);
        assertThat(pi).isWaitingAt("orderTrack");
        complete(task(), withVariables("vendor", "Vendor A"));
        assertThat(pi).isWaitingAt("awaitTrack");
        Assertions.assertThatThrownBy(() -> complete(task(), withVariables("trackFileLocation", " ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("trackFileLocation");
        assertThat(pi).isWaitingAt("awaitTrack");
        verify(inbox, never()).recordEntered(any(Long.class), any(), any(), any(), any());
    }

    @Test
    void aFailedTrackGoesBackToTheVendorAndIsCheckedAgain() {
        String key = key("LT");
        ProcessInstance pi = receivedAndQueued(key);
        inspected(key, false);
        assertThat(pi).isWaitingAt("returnTrack");
        Assertions.assertThat(runtimeService().getVariables(pi.getId())).doesNotContainKey(FindingsReport.TRACK_FINDINGS_REPORT); // task-local only
        complete(task(), withVariables("failedAction", "RETURN", "returnNote", "wrong frame rate"));
        assertThat(pi).isWaitingAt("awaitTrack");
        complete(task(), withVariables("trackFileLocation", "vendor-a/pt-BR-v2.ttml"));
        executeJob(pi.getId(), "inspectTrack");
        inspected(key, true);
        assertThat(pi).hasPassed("returnTrack", "trackAccepted").isEnded();
    }

    @Test
    void aWaiverAskedForAndGrantedAcceptsTheTrackAsItIs() {
        String key = key("LT");
        ProcessInstance pi = receivedAndQueued(key);
        inspected(key, false);
        complete(task(), withVariables("failedAction", "ASK_WAIVER", "waiverRequest", "false positive: the vendor's tool"));
        verify(waivers).ask(eq(DELIVERY), eq(TRACK), eq("false positive: the vendor's tool"), any(), eq("waiverRequest"));
        assertThat(pi).isWaitingAt("waiveTrackFindings");
        assertThat(task()).hasCandidateGroup("managers");
        complete(task(), withVariables("waiverDecision", "WAIVE", "waiverNote", "accepted"));
        verify(waivers).decide(eq(DELIVERY), eq(TRACK), eq(true), eq("accepted"), any());
        assertThat(pi).hasPassed("trackWaived").isEnded();
    }

    @Test
    void aRefusedWaiverReturnsTheTrack() {
        String key = key("LT");
        ProcessInstance pi = receivedAndQueued(key);
        inspected(key, false);
        complete(task(), withVariables("failedAction", "ASK_WAIVER", "waiverRequest", "please"));
        complete(task(), withVariables("waiverDecision", "REFUSE", "waiverNote", "real defect"));
        assertThat(pi).isWaitingAt("returnTrack");
    }
}
