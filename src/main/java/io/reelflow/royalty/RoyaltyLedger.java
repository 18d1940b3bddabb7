package io.reelflow.royalty;

import io.reelflow.royalty.RoyaltyViews.PostingView;
import io.reelflow.royalty.rules.ExpenseBalance;
import io.reelflow.royalty.rules.LedgerState;
import io.reelflow.royalty.rules.Money;
import io.reelflow.royalty.rules.RecoupableExpense;
import io.reelflow.royalty.rules.StatementPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The append-only royalty ledger: entries are inserted, never updated or deleted (PostgreSQL refuses
 * both). Balances are sums of entries, so a reversing entry undoes exactly what its original did.
 */
@Repository
public class RoyaltyLedger {

    /** One row of {@code royalty_ledger_entry}. */
    record Entry(long id, long agreementId, Long receiptId, Long expenseId, String dealRef, Long titleId, String kind,
                 BigDecimal amount, String currency, BigDecimal fxRateUsed, String note, String periodLabel,
                 LocalDate periodStart, Long reversesEntryId) {

        PostingView view() {
            return new PostingView(id, kind, amount, currency, fxRateUsed == null ? null : fxRateUsed.stripTrailingZeros(),
                    periodLabel, expenseId, reversesEntryId, note);
        }
    }

    static final String ENTRY_COLUMNS = "id, agreement_id, receipt_id, expense_id, deal_ref, title_id, kind, amount, currency, "
            + "fx_rate_used, note, period_label, period_start, reverses_entry_id";

    private static final RowMapper<Entry> ENTRY = (rs, i) -> {
        var c = java.util.Currency.getInstance(rs.getString("currency"));
        return new Entry(rs.getLong("id"), rs.getLong("agreement_id"), rs.getObject("receipt_id", Long.class),
                rs.getObject("expense_id", Long.class), rs.getString("deal_ref"), rs.getObject("title_id", Long.class),
                rs.getString("kind"), Money.of(rs.getBigDecimal("amount"), c).amount(), c.getCurrencyCode(),
                rs.getBigDecimal("fx_rate_used"), rs.getString("note"), rs.getString("period_label"),
                rs.getObject("period_start", LocalDate.class), rs.getObject("reverses_entry_id", Long.class));
    };

    private final JdbcTemplate jdbc;

    public RoyaltyLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long append(long agreementId, Long receiptId, Long expenseId, String dealRef, Long titleId, String kind, Money amount,
                BigDecimal fxRateUsed, String note, StatementPeriod period, Long reversesEntryId) {
        Long id = jdbc.queryForObject("INSERT INTO royalty_ledger_entry (agreement_id, receipt_id, expense_id, deal_ref, title_id, "
                        + "kind, amount, currency, fx_rate_used, note, period_label, period_start, reverses_entry_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class,
                agreementId, receiptId, expenseId, dealRef, titleId, kind, amount.amount(), amount.currency().getCurrencyCode(),
                fxRateUsed, note == null ? "" : note, period.label(), period.start(), reversesEntryId);
        return id;
    }

    void appendExpense(LicensorAgreement a, long expenseId, LocalDate incurredOn, Money amount, String description) {
        append(a.id(), null, expenseId, null, null, "EXPENSE", amount, null, "expense " + expenseId + " " + description,
                openPeriod(a, incurredOn), null);
    }

    /** Reverses the EXPENSE entry of an expense (its correction replaces it), in the period open for the expense's day. */
    void reverseExpense(LicensorAgreement a, long expenseId, String note) {
        LocalDate day = jdbc.queryForObject("SELECT incurred_on FROM recoupable_expense WHERE id = ?", LocalDate.class, expenseId);
        for (Entry e : jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM royalty_ledger_entry l WHERE expense_id = ? AND kind = 'EXPENSE' "
                + "AND reverses_entry_id IS NULL AND NOT EXISTS (SELECT 1 FROM royalty_ledger_entry r WHERE r.reverses_entry_id = l.id) "
                + "ORDER BY id", ENTRY, expenseId)) {
            append(a.id(), null, expenseId, null, null, "EXPENSE", Money.of(e.amount().negate(), a.currency()), null, note,
                    openPeriod(a, day), e.id());
        }
    }

    List<Entry> entriesOfReceipt(long receiptId) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM royalty_ledger_entry WHERE receipt_id = ? ORDER BY id", ENTRY, receiptId);
    }

    /** Entries of the agreement in periods starting on or before {@code lastPeriodStart}, in posting order. */
    List<Entry> entriesUpTo(long agreementId, LocalDate lastPeriodStart) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM royalty_ledger_entry WHERE agreement_id = ? AND period_start <= ? ORDER BY id",
                ENTRY, agreementId, lastPeriodStart);
    }

    /**
     * The period an entry dated {@code date} lands in: the period containing the date, or, when that
     * statement was already issued (frozen), the first later period not issued yet.
     */
    StatementPeriod openPeriod(LicensorAgreement a, LocalDate date) {
        StatementPeriod period = a.periodContaining(date);
        List<String> issued = jdbc.queryForList("SELECT period_label FROM royalty_statement WHERE agreement_id = ? AND period_start >= ?",
                String.class, a.id(), period.start());
        while (issued.contains(period.label())) {
            period = period.next();
        }
        return period;
    }

    /**
     * The balances the next receipt of the agreement starts from: the terms plus every entry posted so far,
     * summed by PostgreSQL per kind (and per expense), so a post reads a handful of rows and not the whole history.
     */
    LedgerState currentState(LicensorAgreement a) {
        Map<Long, Money> recoupedByExpense = new HashMap<>();
        Money zero = a.zero();
        Money receipts = zero, fees = zero, advanceRecouped = zero, royalty = zero, expensesRecouped = zero;
        // a RECEIPT in another currency is counted by its FX entry
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT kind, expense_id, sum(amount) AS amount FROM royalty_ledger_entry
                 WHERE agreement_id = ? AND kind IN ('RECEIPT', 'FX', 'DISTRIBUTION_FEE', 'EXPENSE_RECOUPMENT', 'ADVANCE_RECOUPMENT',
                                                     'ROYALTY_PAYABLE') AND (kind <> 'RECEIPT' OR currency = ?)
                 GROUP BY kind, expense_id""", a.id(), a.currencyCode())) {
            Money m = a.money((BigDecimal) row.get("amount"));
            switch ((String) row.get("kind")) {
                case "RECEIPT", "FX" -> receipts = receipts.plus(m);
                case "DISTRIBUTION_FEE" -> fees = fees.plus(m);
                case "EXPENSE_RECOUPMENT" -> {
                    expensesRecouped = expensesRecouped.plus(m);
                    recoupedByExpense.merge(((Number) row.get("expense_id")).longValue(), m, Money::plus);
                }
                case "ADVANCE_RECOUPMENT" -> advanceRecouped = advanceRecouped.plus(m);
                case "ROYALTY_PAYABLE" -> royalty = royalty.plus(m);
                default -> {
                }
            }
        }
        List<ExpenseBalance> expenses = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(
                "SELECT id, incurred_on, amount, description FROM recoupable_expense e WHERE agreement_id = ? "
                        + "AND NOT EXISTS (SELECT 1 FROM recoupable_expense c WHERE c.corrects_id = e.id) ORDER BY incurred_on, id",
                a.id())) {
            long id = ((Number) row.get("id")).longValue();
            RecoupableExpense expense = new RecoupableExpense(String.valueOf(id), ((java.sql.Date) row.get("incurred_on")).toLocalDate(),
                    a.money((BigDecimal) row.get("amount")), (String) row.get("description"));
            expenses.add(new ExpenseBalance(expense, recoupedByExpense.getOrDefault(id, zero)));
        }
        Money cap = a.expenseCap() == null ? null : a.money(a.expenseCap()).minus(expensesRecouped);
        return new LedgerState(a.currency(), expenses, cap, a.money(a.advance()).minus(advanceRecouped), receipts, fees,
                advanceRecouped, royalty);
    }
}
