package io.reelflow.deal;

import io.reelflow.platform.EngineClock;
import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.window.WindowService.WindowPlan;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Process glue of {@code window-watch}: each delegate reads the deal id, calls {@link DealWindowService}, writes primitives. */
final class WindowDelegates {

    private WindowDelegates() {
    }

    static long dealId(DelegateExecution execution) {
        return (Long) execution.getVariable("dealId");
    }

    /** {@code ${openLicenceWindow}} */
    @Component("openLicenceWindow")
    static class OpenLicenceWindowDelegate implements JavaDelegate {
        private final DealWindowService windows;

        OpenLicenceWindowDelegate(DealWindowService windows) {
            this.windows = windows;
        }

        @Override
        public void execute(DelegateExecution execution) {
            windows.open(dealId(execution), (String) execution.getVariable("titleNames"));
        }
    }

    /** {@code ${planWindowTimers}}: the dates of the next timers, from the window as it is now. */
    @Component("planWindowTimers")
    static class PlanWindowTimersDelegate implements JavaDelegate {
        private final DealWindowService windows;

        PlanWindowTimersDelegate(DealWindowService windows) {
            this.windows = windows;
        }

        @Override
        public void execute(DelegateExecution execution) {
            WindowPlan plan = windows.plan(dealId(execution), EngineClock.today());
            execution.setVariable("windowLive", plan.live());
            execution.setVariable("windowStartsAt", plan.startsAt());
            execution.setVariable("evergreen", plan.evergreen());
            execution.setVariable("alertDue", plan.alertDue());
            execution.setVariable("nextAlertAt", plan.nextAlertAt());
            execution.setVariable("nextAlertLeadDays", plan.nextAlertLeadDays());
            execution.setVariable("escalationAt", plan.escalationAt());
            execution.setVariable("expiresAt", plan.expiresAt());
            execution.setVariable("windowEndLabel", plan.windowEndLabel());
        }
    }

    /** {@code ${goLive}} */
    @Component("goLive")
    static class GoLiveDelegate implements JavaDelegate {
        private final DealWindowService windows;

        GoLiveDelegate(DealWindowService windows) {
            this.windows = windows;
        }

        @Override
        public void execute(DelegateExecution execution) {
            windows.goLive(dealId(execution));
        }
    }

    /** {@code ${raiseRenewalAlert}}: fills the rights manager's decision form. */
    @Component("raiseRenewalAlert")
    static class RaiseRenewalAlertDelegate implements JavaDelegate {
        private final DealWindowService windows;

        RaiseRenewalAlertDelegate(DealWindowService windows) {
            this.windows = windows;
        }

        @Override
        public void execute(DelegateExecution execution) {
            int leadDays = (Integer) execution.getVariable("nextAlertLeadDays");
            execution.setVariable("renewalSummary", windows.raiseAlert(dealId(execution), leadDays));
            execution.setVariable("renewalDecision", null);
            execution.setVariable("newWindowEnd", "");
            execution.setVariable("newFeeAmount", "");
            execution.setVariable("renewalNote", "");
        }
    }

    /** {@code ${applyRenewalDecision}}, on completing "Decide renewal": bad input fails the completion, naming the field. */
    @Component("applyRenewalDecision")
    static class ApplyRenewalDecisionListener implements TaskListener {
        private final DealWindowService windows;

        ApplyRenewalDecisionListener(DealWindowService windows) {
            this.windows = windows;
        }

        @Override
        public void notify(DelegateTask task) {
            try {
                DealWindowService.Decision d = windows.decide((Long) task.getVariable("dealId"), string(task, "renewalDecision"),
                        string(task, "newWindowEnd"), string(task, "newFeeAmount"), string(task, "renewalNote"), task.getAssignee());
                task.setVariable("renewed", d == DealWindowService.Decision.RENEW);
            } catch (InvalidInputException | ConflictException e) {
                String detail = e instanceof ConflictException c && !c.differences().isEmpty()
                        ? e.getMessage() + ": " + c.differences().get(0).reason() : e.getMessage();
                throw new ProcessEngineException(detail, e);
            }
        }

        private static String string(DelegateTask task, String name) {
            Object value = task.getVariable(name);
            return value == null ? null : value.toString();
        }
    }

    /** {@code ${expireWindow}}: reversion of the rights on the day after the last day. */
    @Component("expireWindow")
    static class ExpireWindowDelegate implements JavaDelegate {
        private final DealWindowService windows;

        ExpireWindowDelegate(DealWindowService windows) {
            this.windows = windows;
        }

        @Override
        public void execute(DelegateExecution execution) {
            windows.expire(dealId(execution));
        }
    }
}
