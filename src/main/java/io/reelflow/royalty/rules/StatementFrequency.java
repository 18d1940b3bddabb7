package io.reelflow.royalty.rules;

/** How often royalty statements are sent to the licensor. */
public enum StatementFrequency {
    QUARTERLY(3),
    SEMI_ANNUAL(6);

    private final int months;

    StatementFrequency(int months) {
        this.months = months;
    }

    /** Length of one statement period in months. */
    public int months() {
        return months;
    }
}
