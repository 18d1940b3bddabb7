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

    public InboxOnWaitListener(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void notify(DelegateExecution execution) {
        inbox.deliverPendingAfterCommit(((Number) execution.getVariable("deliveryId")).longValue());
    }
}
