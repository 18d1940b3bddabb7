package io.reelflow.deal;

/** Where a deal stands, as the CRM sees it. */
public enum DealStatus {
    /** accepted, rights check not run yet */
    RECEIVED,
    /** the rights check found conflicts; a rights manager decides */
    CONFLICT,
    /** clean: grants recorded, window not started yet */
    GRANTED,
    /** the licence window has started */
    IN_WINDOW,
    /** the window has ended; the rights are back in the avails */
    CLOSED,
    /** withdrawn by a rights manager; its rights are free again */
    WITHDRAWN
}
