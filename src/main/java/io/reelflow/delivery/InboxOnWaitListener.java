package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${inboxOnWait}} on every task that waits for an outside event: an event that came early
 * waits in the inbox and is handed over as soon as this wait state is committed.
 */
@Component("inboxOnWait")
public class InboxOnWaitListener implements ExecutionListener {

    private final EventInbox inbox;
    private final ProcessDelivery processDelivery;

    public InboxOnWaitListener(EventInbox inbox, ProcessDelivery processDelivery) {
        this.inbox = inbox;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateExecution execution) {
        inbox.deliverPendingAfterCommit(processDelivery.deliveryId(execution));
    }
}
