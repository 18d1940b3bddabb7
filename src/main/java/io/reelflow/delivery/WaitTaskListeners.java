package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The tasks that wait for a post house, a vendor or Netflix complete in two ways: by the event over
 * REST (the inbox completes them), or by a coordinator entering the same outcome in Tasklist when
 * there is no integration. Their listeners turn a coordinator's entry into the same inbox record.
 */
final class WaitTaskListeners {

    private WaitTaskListeners() {
    }

    static boolean byEvent(DelegateTask task) {
        return task.getVariableLocal(EventInbox.VIA_INBOX) != null;
    }
}
