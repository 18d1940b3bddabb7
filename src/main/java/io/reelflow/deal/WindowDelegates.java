package io.reelflow.deal;

import static io.reelflow.deal.WindowWatchVariables.NEW_FEE_AMOUNT;
import static io.reelflow.deal.WindowWatchVariables.NEW_WINDOW_END;
import static io.reelflow.deal.WindowWatchVariables.RENEWAL_DECISION;
import static io.reelflow.deal.WindowWatchVariables.RENEWAL_NOTE;
import static io.reelflow.deal.WindowWatchVariables.RENEWAL_SUMMARY;
import static io.reelflow.deal.WindowWatchVariables.RENEWED;
import static io.reelflow.deal.WindowWatchVariables.WINDOW_END_LABEL;

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
            long dealId = processDeal.dealId(execution);
            windows.open(dealId, processDeal.titleNames(dealId));
        }
    }

    /**
     * {@code ${planWindowTimers}}: the dates of the next timers, from the window as it is now, kept with the window
     * ({@code licence_window}); the gateways, timers and due dates read them through {@link WindowTimers}.
     */
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
            windows.planTimers(processDeal.dealId(execution), EngineClock.today());
        }
    }

    /** {@code ${showWindowEnd}}, when a renewal task is created: the window's last day for the form's header. */
    @Component("showWindowEnd")
    static class ShowWindowEndListener implements TaskListener {
        private final DealWindowService windows;

        ShowWindowEndListener(DealWindowService windows) {
            this.windows = windows;
        }

        @Override
        public void notify(DelegateTask task) {
            WINDOW_END_LABEL.setLocal(task, windows.storedPlan(ProcessDeal.businessKey(task)).windowEndLabel());
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
            int leadDays = windows.storedPlan(ProcessDeal.businessKey(execution)).nextAlertLeadDays();
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
