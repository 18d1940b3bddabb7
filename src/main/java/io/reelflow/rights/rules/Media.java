package io.reelflow.rights.rules;

/** Exploitation media a licence can cover. */
public enum Media {
    /** subscription video on demand (Netflix, Prime Video, ...) */
    SVOD,
    /** advertising-funded video on demand */
    AVOD,
    /** transactional VOD (rental) */
    TVOD,
    /** electronic sell-through */
    EST,
    PAY_TV,
    FREE_TV,
    /** free ad-supported streaming television (linear channels) */
    FAST
}
