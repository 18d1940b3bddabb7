package io.reelflow.deal;

import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.FormValues;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.GrantView;
import io.reelflow.rights.RightsService;
import io.reelflow.rights.RightsService.DealRights;
import io.reelflow.rights.rules.Conflict;
import io.reelflow.royalty.FeeInstalmentVariables;
import io.reelflow.window.RenewalStatus;
import io.reelflow.window.WindowService;
import io.reelflow.window.WindowService.LicenceWindow;
import io.reelflow.window.WindowService.WindowPlan;
import io.reelflow.window.WindowState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The licence-window part of a deal's life: go-live, renewal decisions, CRM amendments, expiry. */
@Service
public class DealWindowService implements io.reelflow.window.WindowDeals {

    public static final String WINDOW_PROCESS_KEY = "window-watch";
    public static final String AMENDED_MESSAGE = "windowAmended";

    public enum Decision { RENEW, LET_EXPIRE, RELICENSE }

    private final ProcessDeal processDeal;
    private final DealRecords records;
    private final RightsService rights;
    private final WindowService windows;
    private final RuntimeService runtime;
    private final io.reelflow.royalty.LicenceFeeService licenceFees;
    private final int renewalCreditDays;

    public DealWindowService(ProcessDeal processDeal, DealRecords records, RightsService rights, WindowService windows, RuntimeService runtime,
                             io.reelflow.royalty.LicenceFeeService licenceFees,
                             @org.springframework.beans.factory.annotation.Value("${reelflow.royalty.renewal-credit-days:30}") int renewalCreditDays) {
        this.processDeal = processDeal;
        this.records = records;
        this.rights = rights;
        this.windows = windows;
        this.runtime = runtime;
        this.licenceFees = licenceFees;
        this.renewalCreditDays = renewalCreditDays;
    }

    // window-watch's questions, by the instance's business key (WindowDeals): the deal read once per transaction

    @Override
    @Transactional
    public void open(String crmDealId) {
        long dealId = processDeal.deal(crmDealId).getId();
        open(dealId, processDeal.titleNames(dealId));
    }

    @Override
    @Transactional
    public void planTimers(String crmDealId, LocalDate today) {
        planTimers(processDeal.deal(crmDealId).getId(), today);
    }

    @Override
    @Transactional
    public void goLive(String crmDealId) {
        goLive(processDeal.deal(crmDealId).getId());
    }

    @Override
    @Transactional
    public void raiseAlert(String crmDealId, int leadDays) {
        raiseAlert(processDeal.deal(crmDealId).getId(), leadDays);
    }

    @Override
    @Transactional(readOnly = true)
    public String renewalSummary(String crmDealId) {
        return renewalSummary(processDeal.deal(crmDealId).getId());
    }

    @Override
    @Transactional
    public void decide(String crmDealId, String decision, String newEnd, String newFee, String note, String actor) {
        decide(processDeal.deal(crmDealId).getId(), decision, newEnd, newFee, note, actor);
    }

    @Override
    @Transactional
    public void expire(String crmDealId) {
        expire(processDeal.deal(crmDealId).getId());
    }

    @Transactional
    public void open(long dealId, String titleNames) {
        Deal d = deal(dealId);
        windows.open(d.getCrmDealId(), d.getLicensee(), titleNames, d.getWindowStart(), d.getWindowEnd());
    }

    /** Plans the window's next timers as of today and keeps the plan for the process to read. */
    @Transactional
    public WindowPlan planTimers(long dealId, LocalDate today) {
        String crmDealId = deal(dealId).getCrmDealId();
        WindowPlan plan = windows.plan(crmDealId, today);
        windows.storePlan(crmDealId, plan);
        return plan;
    }

    /** The timer plan last made for the deal's window. */
    public WindowPlan storedPlan(String crmDealId) {
        return windows.storedPlan(crmDealId);
    }

    @Transactional
    public void goLive(long dealId) {
        Deal d = deal(dealId);
        windows.goLive(d.getCrmDealId());
        if (d.getStatus() == DealStatus.GRANTED) {
            d.moveTo(DealStatus.IN_WINDOW);
            records.event(d.getId(), "IN_WINDOW", "licence window started " + d.getWindowStart(), null);
        }
    }

    /** A renewal alert is due: a decision is pending, and the deal's trail says so. */
    @Transactional
    public void raiseAlert(long dealId, int leadDays) {
        Deal d = deal(dealId);
        windows.alertRaised(d.getCrmDealId(), leadDays);
        records.event(d.getId(), "RENEWAL_ALERT", "renewal decision due (" + leadDays + " days before the end)", null);
    }

    /** What the rights manager needs to see for the pending renewal decision, from the records as they are now. */
    @Transactional(readOnly = true)
    public String renewalSummary(long dealId) {
        Deal d = deal(dealId);
        Integer leadDays = windows.find(d.getCrmDealId()).map(io.reelflow.window.WindowService.LicenceWindow::lastAlertLeadDays).orElse(null);
        List<GrantView> soldAfter = rights.soldAfter(d.getCrmDealId(), titleIds(d), d.getWindowEnd());
        StringBuilder sb = new StringBuilder();
        sb.append("Window ").append(d.getWindowStart()).append(" .. ").append(d.getWindowEnd()).append(" (last day), ")
                .append(d.getTerritories().size()).append(" territories, ").append(d.getMedia()).append(d.isExclusive() ? ", exclusive" : "")
                .append(leadDays == null ? "." : ". Alert " + leadDays + " days before the end.").append('\n');
        if (soldAfter.isEmpty()) {
            sb.append("Nothing else is sold to start after this window: a renewal is free in every territory of the deal.");
        } else {
            sb.append("Already sold to start after this window (a renewal would collide there):\n");
            soldAfter.stream().limit(40).forEach(g -> sb.append("· ").append(g.territory()).append(' ').append(g.media()).append(' ')
                    .append(g.windowStart()).append("..").append(g.windowEnd() == null ? "open" : g.windowEnd()).append(" to ")
                    .append(g.licensee()).append(" (deal ").append(g.dealRef()).append(g.exclusive() ? ", exclusive" : "").append(")\n"));
            if (soldAfter.size() > 40) sb.append("… and ").append(soldAfter.size() - 40).append(" more");
        }
        return sb.toString().strip();
    }

    /** A rights manager's renewal decision. Bad input or a renewal that collides is refused; nothing changes then. */
    @Transactional
    public Decision decide(long dealId, String decision, String newEnd, String newFee, String note, String actor) {
        Deal d = deal(dealId);
        Decision choice;
        try {
            choice = Decision.valueOf(decision == null ? "" : decision.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("renewalDecision", "choose one of RENEW, LET_EXPIRE, RELICENSE");
        }
        String why = note == null || note.isBlank() ? "" : " (" + note.strip() + ")";
        switch (choice) {
            case RENEW -> {
                LocalDate end = FormValues.date(newEnd, "newWindowEnd", true);
                String fee = "";
                BigDecimal amount = null;
                if (newFee != null && !newFee.isBlank()) {
                    try {
                        amount = new BigDecimal(newFee.strip());
                        if (amount.signum() <= 0) throw new NumberFormatException();
                        fee = ", new licence fee " + amount.toPlainString();
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("newFeeAmount", "'" + newFee + "' is not a positive amount");
                    }
                }
                if (d.getWindowEnd() != null && !end.isAfter(d.getWindowEnd())) {
                    throw new InvalidInputException("newWindowEnd", "a renewal must end after the current last day " + d.getWindowEnd());
                }
                LocalDate renewedFrom = d.getWindowEnd() == null ? null : d.getWindowEnd().plusDays(1);
                moveEnd(d, end, "newWindowEnd");
                windows.changeEnd(d.getCrmDealId(), end, RenewalStatus.RENEWED);
                if (amount != null && renewedFrom != null) collectRenewalFee(d, amount, renewedFrom, end);
                records.event(d.getId(), "RENEWED", "renewed until " + end + why, actor);
                // money: its own event, which only finance and admins see (DealView#withoutMoney)
                if (!fee.isEmpty()) records.event(d.getId(), DealView.RENEWAL_FEE, fee.substring(2), actor);
            }
            case LET_EXPIRE -> {
                windows.decided(d.getCrmDealId(), RenewalStatus.LET_EXPIRE, note);
                records.event(d.getId(), "LET_EXPIRE", "window left to expire on " + d.getWindowEnd() + why, actor);
            }
            case RELICENSE -> {
                windows.decided(d.getCrmDealId(), RenewalStatus.RELICENSE, note);
                records.event(d.getId(), "RELICENSE", "rights to be offered elsewhere once free after " + d.getWindowEnd() + why, actor);
            }
        }
        return choice;
    }

    /**
     * The CRM moved the last day of a granted deal. Earlier or later; a later end is checked for
     * conflicts first. The window-watch process re-arms its timers (its old timers are cancelled).
     */
    @Transactional
    Deal amend(Deal d, LocalDate newEnd, String reason) {
        String crmDealId = d.getCrmDealId();
        if (d.getStatus() != DealStatus.GRANTED && d.getStatus() != DealStatus.IN_WINDOW) {
            throw new ConflictException("deal " + crmDealId + " is " + d.getStatus() + ": only a granted deal's window can be amended", List.of());
        }
        if (d.getWindowEnd() == null) {
            throw new InvalidInputException("windowEnd", "deal " + crmDealId + " is evergreen; it has no end date to move");
        }
        if (newEnd.isBefore(d.getWindowStart())) {
            throw new InvalidInputException("windowEnd", "new last day " + newEnd + " is before the window start " + d.getWindowStart());
        }
        LocalDate today = io.reelflow.platform.EngineClock.today();
        if (newEnd.isBefore(today)) {
            throw new InvalidInputException("windowEnd", "new last day " + newEnd + " is in the past");
        }
        if (newEnd.equals(d.getWindowEnd())) return d;
        LicenceWindow w = windows.find(crmDealId).orElse(null);
        if (w == null || w.state() == WindowState.ENDED) {
            throw new ConflictException("deal " + crmDealId + " has no open licence window to amend", List.of());
        }
        LocalDate before = d.getWindowEnd();
        moveEnd(d, newEnd, "windowEnd");
        windows.changeEnd(crmDealId, newEnd, w.renewalStatus() == RenewalStatus.DECISION_PENDING ? RenewalStatus.NOT_DUE : w.renewalStatus());
        records.event(d.getId(), "AMENDED", "last day moved from " + before + " to " + newEnd
                + (reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")"), "crm");
        var correlated = runtime.createMessageCorrelation(AMENDED_MESSAGE).processInstanceBusinessKey(crmDealId).correlateAllWithResult();
        if (correlated.isEmpty()) {
            throw new ConflictException("deal " + crmDealId + " is not being watched yet; retry in a moment", List.of());
        }
        return d;
    }

    @Transactional
    public void expire(long dealId) {
        Deal d = deal(dealId);
        int released = windows.expire(d.getCrmDealId());
        if (d.getStatus() != DealStatus.CLOSED) {
            d.moveTo(DealStatus.CLOSED);
            records.event(d.getId(), "CLOSED", "window ended " + d.getWindowEnd() + "; " + released + " grants released, rights back in the avails", null);
        }
    }

    /**
     * A renewal with a new fee: its instalment (payable from the first renewed day) and its collection, a fee-instalment
     * process beside the deal's others, as an overage's. Repeating the same renewal starts nothing twice.
     */
    private void collectRenewalFee(Deal d, BigDecimal amount, LocalDate from, LocalDate until) {
        int number = licenceFees.renewalInstalment(d.getCrmDealId(), amount, d.terms().fee().currency(), from, until, renewalCreditDays);
        boolean started = runtime.createProcessInstanceQuery().processDefinitionKey(FeeInstalmentVariables.PROCESS)
                .processInstanceBusinessKey(d.getCrmDealId()).variableValueEquals(FeeInstalmentVariables.INSTALMENT_NUMBER.name(), number).count() > 0;
        if (started) return;
        runtime.createProcessInstanceByKey(FeeInstalmentVariables.PROCESS).businessKey(d.getCrmDealId())
                .setVariable(FeeInstalmentVariables.INSTALMENT_NUMBER.name(), number)
                .execute();
    }

    private void moveEnd(Deal d, LocalDate end, String field) {
        List<Conflict> conflicts = rights.changeEnd(new DealRights(d.getCrmDealId(), d.getLicensee(), titleIds(d),
                new LinkedHashSet<>(d.getTerritories()), d.getMedia(), d.window(), d.isExclusive()), end);
        if (!conflicts.isEmpty()) {
            throw new ConflictException("the new last day " + end + " collides with rights already licensed",
                    conflicts.stream().limit(50).map(c -> new FieldProblem(field, c.rule() + ": " + c.message())).toList());
        }
        d.changeWindow(d.getWindowStart(), end);
    }

    private List<Long> titleIds(Deal d) {
        return records.titles(d.getId()).stream().map(DealRecords.DealTitle::titleId).toList();
    }


    private Deal deal(long dealId) {
        return processDeal.byId(dealId);
    }
}
