package io.reelflow.deal;

/** Where a deal stands, as the CRM sees it. */
public enum DealStatus {
    /** accepted, rights check not run yet */
    RECEIVED,
    /** the rights check found conflicts; a rights manager decides */
    CONFLICT,
    /** clean: grants recorded */
    GRANTED,
    /** withdrawn by a rights manager; its rights are free again */
    WITHDRAWN
}
