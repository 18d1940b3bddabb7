package io.reelflow.window;

import java.time.LocalDate;

/**
 * What {@code window-watch} asks of the deal its window belongs to, by the instance's business key (the CRM deal id).
 * The deal capability answers it ({@code deal/DealWindowService}): the window's glue never reads the deal's records
 * itself, and the deal keeps knowing the window, not the other way round.
 */
public interface WindowDeals {

    /** Opens the deal's licence window (its dates, licensee and titles). */
    void open(String crmDealId);

    /** Plans the window's next timers as of today and keeps the plan with the window. */
    void planTimers(String crmDealId, LocalDate today);

    /** The window started: the deal is in its window. */
    void goLive(String crmDealId);

    /** A renewal alert is due {@code leadDays} before the last day. */
    void raiseAlert(String crmDealId, int leadDays);

    /** What the rights manager needs to see for the pending renewal decision. */
    String renewalSummary(String crmDealId);

    /**
     * A rights manager's renewal decision; bad input ({@code InvalidInputException}) or a collision
     * ({@code ConflictException}) is refused, naming the field, and changes nothing.
     */
    void decide(String crmDealId, String decision, String newEnd, String newFee, String note, String actor);

    /** The day after the last day: the rights return, the deal closes. */
    void expire(String crmDealId);
}
