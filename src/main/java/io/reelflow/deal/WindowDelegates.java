package io.reelflow.deal;

import static io.reelflow.deal.WindowWatchVariables.ALERT_DUE;
import static io.reelflow.deal.WindowWatchVariables.ESCALATION_AT;
import static io.reelflow.deal.WindowWatchVariables.EVERGREEN;
import static io.reelflow.deal.WindowWatchVariables.EXPIRES_AT;
import static io.reelflow.deal.WindowWatchVariables.NEW_FEE_AMOUNT;
import static io.reelflow.deal.WindowWatchVariables.NEW_WINDOW_END;
import static io.reelflow.deal.WindowWatchVariables.NEXT_ALERT_AT;
import static io.reelflow.deal.WindowWatchVariables.NEXT_ALERT_LEAD_DAYS;
import static io.reelflow.deal.WindowWatchVariables.RENEWAL_DECISION;
import static io.reelflow.deal.WindowWatchVariables.RENEWAL_NOTE;
import static io.reelflow.deal.WindowWatchVariables.RENEWAL_SUMMARY;
import static io.reelflow.deal.WindowWatchVariables.RENEWED;
import static io.reelflow.deal.WindowWatchVariables.TITLE_NAMES;
import static io.reelflow.deal.WindowWatchVariables.WINDOW_END_LABEL;
import static io.reelflow.deal.WindowWatchVariables.WINDOW_LIVE;
import static io.reelflow.deal.WindowWatchVariables.WINDOW_STARTS_AT;

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

/**
 * Process glue of {@code window-watch}: each delegate finds the deal from the business key ({@link ProcessDeal}),
 * calls {@link DealWindowService}, writes primitives.
 */
final class WindowDelegates {

    private WindowDelegates() {
    }

    /** {@code ${openLicenceWindow}} */
    @Component("openLicenceWindow")
    static class OpenLicenceWindowDelegate implements JavaDelegate {
        private final DealWindowService windows;
        private final ProcessDeal processDeal;

        OpenLicenceWindowDelegate(DealWindowService windows, ProcessDeal processDeal) {
            this.windows = windows;
            this.processDeal = processDeal;
        }

        @Override
        public void execute(DelegateExecution execution) {
            windows.open(processDeal.dealId(execution), TITLE_NAMES.get(execution));
        }
    }

    /** {@code ${planWindowTimers}}: the dates of the next timers, from the window as it is now. */
    @Component("planWindowTimers")
    static class PlanWindowTimersDelegate implements JavaDelegate {
        private final DealWindowService windows;
        private final ProcessDeal processDeal;

        PlanWindowTimersDelegate(DealWindowService windows, ProcessDeal processDeal) {
            this.windows = windows;
            this.processDeal = processDeal;
        }

        @Override
        public void execute(DelegateExecution execution) {
            WindowPlan plan = windows.plan(processDeal.dealId(execution), EngineClock.today());
            WINDOW_LIVE.set(execution, plan.live());
            WINDOW_STARTS_AT.set(execution, plan.startsAt());
            EVERGREEN.set(execution, plan.evergreen());
            ALERT_DUE.set(execution, plan.alertDue());
            NEXT_ALERT_AT.set(execution, plan.nextAlertAt());
            NEXT_ALERT_LEAD_DAYS.set(execution, plan.nextAlertLeadDays());
            ESCALATION_AT.set(execution, plan.escalationAt());
            EXPIRES_AT.set(execution, plan.expiresAt());
            WINDOW_END_LABEL.set(execution, plan.windowEndLabel());
        }
    }

    /** {@code ${goLive}} */
    @Component("goLive")
    static class GoLiveDelegate implements JavaDelegate {
        private final DealWindowService windows;
        private final ProcessDeal processDeal;

        GoLiveDelegate(DealWindowService windows, ProcessDeal processDeal) {
            this.windows = windows;
            this.processDeal = processDeal;
        }

        @Override
        public void execute(DelegateExecution execution) {
            windows.goLive(processDeal.dealId(execution));
        }
    }

    /** {@code ${raiseRenewalAlert}}: fills the rights manager's decision form. */
    @Component("raiseRenewalAlert")
    static class RaiseRenewalAlertDelegate implements JavaDelegate {
        private final DealWindowService windows;
        private final ProcessDeal processDeal;

        RaiseRenewalAlertDelegate(DealWindowService windows, ProcessDeal processDeal) {
            this.windows = windows;
            this.processDeal = processDeal;
        }

        @Override
        public void execute(DelegateExecution execution) {
            int leadDays = NEXT_ALERT_LEAD_DAYS.required(execution);
            RENEWAL_SUMMARY.set(execution, windows.raiseAlert(processDeal.dealId(execution), leadDays));
            RENEWAL_DECISION.set(execution, null);
            NEW_WINDOW_END.set(execution, "");
            RENEWAL_NOTE.set(execution, "");
        }
    }

    /** {@code ${applyRenewalDecision}}, on completing "Decide renewal": bad input fails the completion, naming the field. */
    @Component("applyRenewalDecision")
    static class ApplyRenewalDecisionListener implements TaskListener {
        private final DealWindowService windows;
        private final ProcessDeal processDeal;

        ApplyRenewalDecisionListener(DealWindowService windows, ProcessDeal processDeal) {
            this.windows = windows;
            this.processDeal = processDeal;
        }

        @Override
        public void notify(DelegateTask task) {
            try {
                DealWindowService.Decision d = windows.decide(processDeal.dealId(task), RENEWAL_DECISION.text(task),
                        NEW_WINDOW_END.text(task), NEW_FEE_AMOUNT.text(task), RENEWAL_NOTE.text(task), task.getAssignee());
                RENEWED.set(task, d == DealWindowService.Decision.RENEW);
                // the new fee is money: it is in the deal's records now, not in the process
                task.removeVariable(NEW_FEE_AMOUNT.name());
            } catch (InvalidInputException | ConflictException e) {
                String detail = e instanceof ConflictException c && !c.differences().isEmpty()
                        ? e.getMessage() + ": " + c.differences().get(0).reason() : e.getMessage();
                throw new ProcessEngineException(detail, e);
            }
        }
    }

    /** {@code ${expireWindow}}: reversion of the rights on the day after the last day. */
    @Component("expireWindow")
    static class ExpireWindowDelegate implements JavaDelegate {
        private final DealWindowService windows;
        private final ProcessDeal processDeal;

        ExpireWindowDelegate(DealWindowService windows, ProcessDeal processDeal) {
            this.windows = windows;
            this.processDeal = processDeal;
        }

        @Override
        public void execute(DelegateExecution execution) {
            windows.expire(processDeal.dealId(execution));
        }
    }
}
