package io.reelflow.royalty.rules;

/** The lines a receipt produces, in waterfall order. */
public enum PostingKind {
    /** The gross receipt, in the currency received. */
    RECEIPT,
    /** The receipt converted to the agreement currency. */
    FX,
    DISTRIBUTION_FEE,
    /** One posting per expense recouped, carrying its expense id. */
    EXPENSE_RECOUPMENT,
    ADVANCE_RECOUPMENT,
    ROYALTY_PAYABLE;

    /** True for the kinds that split the converted receipt (and must sum to it). */
    public boolean isAllocation() {
        return this != RECEIPT && this != FX;
    }
}
