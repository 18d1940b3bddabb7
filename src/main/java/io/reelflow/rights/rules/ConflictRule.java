package io.reelflow.rights.rules;

/** Why a requested licence (title x territory x media x window) cannot be granted as asked. */
public enum ConflictRule {
    /** no rights-in record covers the title x territory x media at all */
    NO_RIGHTS_IN,
    /** rights-in exist, but part of the window falls outside the union of their terms */
    BEYOND_TERM,
    /** the window overlaps an exclusive grant of another deal */
    EXCLUSIVE_OVERLAP,
    /** exclusivity was asked, but a non-exclusive grant of another deal overlaps the window */
    EXCLUSIVITY_BLOCKED,
    /** the window overlaps a holdback */
    HOLDBACK,
    /** exclusivity was asked, but (part of) the window is only held non-exclusively */
    NOT_EXCLUSIVE_HELD,
    /** (avails) the period starts before today: a day that has passed is never offered */
    ELAPSED
}
