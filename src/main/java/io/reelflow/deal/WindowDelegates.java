package io.reelflow.deal;

import static io.reelflow.deal.WindowWatchVariables.NEW_FEE_AMOUNT;
import static io.reelflow.deal.WindowWatchVariables.NEW_WINDOW_END;
import static io.reelflow.deal.WindowWatchVariables.RENEWAL_DECISION;
import static io.reelflow.deal.WindowWatchVariables.RENEWAL_NOTE;
import static io.reelflow.deal.WindowWatchVariables.RENEWAL_SUMMARY;
import static io.reelflow.deal.WindowWatchVariables.WINDOW_END_LABEL;

import io.reelflow.platform.EngineClock;
import io.reelflow.platform.ProcessVariable;
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

    /**
     * {@code ${showRenewal}}, when "Decide renewal" or "Renewal undecided" is created: the window's last day and what is
     * already sold after it, from the records, task-locally; the decision's fields start empty.
     */
    @Component("showRenewal")
    static class ShowRenewalListener implements TaskListener {
        private final DealWindowService windows;
        private final ProcessDeal processDeal;

        ShowRenewalListener(DealWindowService windows, ProcessDeal processDeal) {
            this.windows = windows;
            this.processDeal = processDeal;
        }

        @Override
        public void notify(DelegateTask task) {
            WINDOW_END_LABEL.setLocal(task, windows.storedPlan(ProcessDeal.businessKey(task)).windowEndLabel());
            RENEWAL_SUMMARY.setLocal(task, windows.renewalSummary(processDeal.dealId(task)));
            if ("decideRenewal".equals(task.getTaskDefinitionKey())) {
                NEW_WINDOW_END.setLocal(task, "");
                RENEWAL_NOTE.setLocal(task, "");
            }
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

    /** {@code ${raiseRenewalAlert}}: a decision is pending; the decision task shows its summary when it is created. */
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
            windows.raiseAlert(processDeal.dealId(execution), leadDays);
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
                windows.decide(processDeal.dealId(task), RENEWAL_DECISION.submitted(task), NEW_WINDOW_END.submitted(task),
                        NEW_FEE_AMOUNT.submitted(task), RENEWAL_NOTE.submitted(task), task.getAssignee());
                // the decision is in the window's and the deal's records now (the new fee is money): none stays in the process
                ProcessVariable.forget(task, RENEWAL_DECISION, NEW_WINDOW_END, NEW_FEE_AMOUNT, RENEWAL_NOTE);
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
