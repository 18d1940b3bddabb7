package io.reelflow.window;

import io.reelflow.platform.BusinessKey;
import io.reelflow.window.WindowService.WindowPlan;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${windowTimers}}: what the model's gateways, timers and task due dates read, from the plan
 * {@code planWindowTimers} kept with the deal's window (one read by key each).
 */
@Component("windowTimers")
public class WindowTimers {
    private final WindowService windows;

    WindowTimers(WindowService windows) {
        this.windows = windows;
    }

    private WindowPlan plan(DelegateExecution execution) {
        return windows.storedPlan(BusinessKey.of(execution));
    }

    public boolean live(DelegateExecution execution) {
        return plan(execution).live();
    }

    public java.util.Date startsAt(DelegateExecution execution) {
        return plan(execution).startsAt();
    }

    public boolean evergreen(DelegateExecution execution) {
        return plan(execution).evergreen();
    }

    public boolean alertDue(DelegateExecution execution) {
        return plan(execution).alertDue();
    }

    public java.util.Date nextAlertAt(DelegateExecution execution) {
        return planned(plan(execution).nextAlertAt(), "renewal alert", execution);
    }

    public java.util.Date escalationAt(DelegateExecution execution) {
        return planned(plan(execution).escalationAt(), "escalation of the renewal decision", execution);
    }

    public java.util.Date expiresAt(DelegateExecution execution) {
        return planned(plan(execution).expiresAt(), "expiry", execution);
    }

    /** A timer the plan does not have is a technical error (the model asks for it only where the plan has it). */
    private static java.util.Date planned(java.util.Date at, String what, DelegateExecution execution) {
        if (at == null) throw new IllegalStateException("the window of deal " + BusinessKey.of(execution) + " has no " + what + " planned");
        return at;
    }
}
