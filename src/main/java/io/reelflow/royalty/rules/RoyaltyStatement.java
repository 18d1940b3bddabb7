package io.reelflow.royalty.rules;

import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals of one statement period for one licensor agreement, all in the agreement currency.
 * {@code receipts = distributionFees + expensesRecouped + advanceRecouped + royaltyPayable} always holds.
 *
 * @param opening ledger at the start of the period (opening balances)
 * @param closing ledger at the end of the period (closing balances)
 * @param receiptsByDeal converted receipts per deal reference, sorted by reference
 * @param receiptsByTitle converted receipts per title reference, sorted by reference
 * @param receipts converted receipts of the period
 * @param expensesIncurred expenses added to the ledger during the period
 */
public record RoyaltyStatement(StatementPeriod period, Currency currency, LedgerState opening, LedgerState closing,
                               Map<String, Money> receiptsByDeal, Map<String, Money> receiptsByTitle, Money receipts,
                               Money distributionFees, Money expensesIncurred, Money expensesRecouped,
                               Money advanceRecouped, Money royaltyPayable) {

    public RoyaltyStatement {
        // Sorted copies, so statements list deals and titles in a stable order.
        receiptsByDeal = Collections.unmodifiableSortedMap(new TreeMap<>(receiptsByDeal));
        receiptsByTitle = Collections.unmodifiableSortedMap(new TreeMap<>(receiptsByTitle));
    }

    public Money openingAdvanceOutstanding() {
        return opening.advanceOutstanding();
    }

    public Money closingAdvanceOutstanding() {
        return closing.advanceOutstanding();
    }

    public Money openingExpensesUnrecouped() {
        return opening.expensesUnrecouped();
    }

    public Money closingExpensesUnrecouped() {
        return closing.expensesUnrecouped();
    }
}
