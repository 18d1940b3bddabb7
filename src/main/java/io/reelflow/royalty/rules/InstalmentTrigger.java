package io.reelflow.royalty.rules;

/** The event that makes an instalment of a licence fee or minimum guarantee payable. */
public enum InstalmentTrigger {
    /** Signature of the licence agreement. */
    SIGNATURE,
    /** Netflix's acceptance of the delivery (QC passed); the date is only known once it happens. */
    DELIVERY_ACCEPTED,
    /** First day of the licence window. */
    WINDOW_START,
    /** A fixed calendar date written in the agreement ({@link InstalmentTerm#fixedDate()}). */
    DATE
}
