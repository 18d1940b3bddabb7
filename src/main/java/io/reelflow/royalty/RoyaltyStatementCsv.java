package io.reelflow.royalty;

import io.reelflow.royalty.RoyaltyViews.Balances;
import io.reelflow.royalty.RoyaltyViews.DealAmount;
import io.reelflow.royalty.RoyaltyViews.StatementLine;
import io.reelflow.royalty.RoyaltyViews.StatementView;
import io.reelflow.royalty.RoyaltyViews.TitleAmount;
import io.reelflow.royalty.RoyaltyViews.Totals;
import java.math.BigDecimal;
import java.util.List;

/**
 * A statement as CSV (RFC 4180, CRLF): one figure per row, {@code section,item,deal_ref,title_id,reference,amount,currency}.
 * Text that a spreadsheet would take for a formula is prefixed with an apostrophe.
 */
final class RoyaltyStatementCsv {

    static final List<String> HEADER = List.of("section", "item", "deal_ref", "title_id", "reference", "amount", "currency");

    private RoyaltyStatementCsv() {
    }

    static String render(StatementView s) {
        StringBuilder out = new StringBuilder();
        row(out, HEADER.toArray(String[]::new));
        row(out, "statement", "licensor", "", "", text(s.licensor()), "", "");
        row(out, "statement", "period", "", "", s.period(), "", "");
        row(out, "statement", "period_start", "", "", s.periodStart().toString(), "", "");
        row(out, "statement", "period_end", "", "", s.periodEnd().toString(), "", "");
        row(out, "statement", "status", "", "", s.status(), "", "");
        if (s.issuedAt() != null) row(out, "statement", "issued_at", "", "", s.issuedAt().toString(), "", "");
        balances(out, "opening", s.opening(), s.currency());
        for (DealAmount d : s.receiptsByDeal()) {
            row(out, "receipts_by_deal", "deal", text(d.dealRef()), "", "", amount(d.receipts()), s.currency());
            for (TitleAmount t : d.titles()) {
                row(out, "receipts_by_deal", "title", text(d.dealRef()), String.valueOf(t.titleId()), text(t.titleName()),
                        amount(t.receipts()), s.currency());
            }
        }
        for (TitleAmount t : s.receiptsByTitle()) {
            row(out, "receipts_by_title", "title", "", String.valueOf(t.titleId()), text(t.titleName()), amount(t.receipts()), s.currency());
        }
        for (StatementLine l : s.lines()) {
            String item = l.reversal() ? "reversal" : "receipt";
            String ref = text(l.externalReference());
            String deal = text(l.dealRef());
            String title = String.valueOf(l.titleId());
            row(out, "line", item + "_gross", deal, title, ref, amount(l.grossAmount()), l.grossCurrency());
            if (l.fxRate() != null) row(out, "line", item + "_fx_rate", deal, title, ref, l.fxRate().toPlainString(), "");
            row(out, "line", item + "_receipts", deal, title, ref, amount(l.receipts()), s.currency());
            row(out, "line", item + "_distribution_fee", deal, title, ref, amount(l.distributionFee()), s.currency());
            row(out, "line", item + "_expenses_recouped", deal, title, ref, amount(l.expensesRecouped()), s.currency());
            row(out, "line", item + "_advance_recouped", deal, title, ref, amount(l.advanceRecouped()), s.currency());
            row(out, "line", item + "_royalty_payable", deal, title, ref, amount(l.royaltyPayable()), s.currency());
        }
        Totals t = s.totals();
        row(out, "totals", "receipts", "", "", "", amount(t.receipts()), s.currency());
        row(out, "totals", "distribution_fees", "", "", "", amount(t.distributionFees()), s.currency());
        row(out, "totals", "expenses_incurred", "", "", "", amount(t.expensesIncurred()), s.currency());
        row(out, "totals", "expenses_recouped", "", "", "", amount(t.expensesRecouped()), s.currency());
        row(out, "totals", "advance_recouped", "", "", "", amount(t.advanceRecouped()), s.currency());
        row(out, "totals", "royalty_payable", "", "", "", amount(t.royaltyPayable()), s.currency());
        balances(out, "closing", s.closing(), s.currency());
        return out.toString();
    }

    private static void balances(StringBuilder out, String section, Balances b, String currency) {
        row(out, section, "advance_outstanding", "", "", "", amount(b.advanceOutstanding()), currency);
        row(out, section, "expenses_incurred", "", "", "", amount(b.expensesIncurred()), currency);
        row(out, section, "expenses_recouped", "", "", "", amount(b.expensesRecouped()), currency);
        row(out, section, "expenses_unrecouped", "", "", "", amount(b.expensesUnrecouped()), currency);
        if (b.expenseCapRemaining() != null) {
            row(out, section, "expense_cap_remaining", "", "", "", amount(b.expenseCapRemaining()), currency);
        }
        row(out, section, "receipts_to_date", "", "", "", amount(b.receiptsToDate()), currency);
        row(out, section, "distribution_fees_to_date", "", "", "", amount(b.distributionFeesToDate()), currency);
        row(out, section, "royalty_payable_to_date", "", "", "", amount(b.royaltyPayableToDate()), currency);
    }

    private static String amount(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** Free text (names, references) is neutralised so that a spreadsheet never evaluates it. */
    private static String text(String value) {
        if (value == null) return "";
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static void row(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) out.append(',');
            String f = fields[i];
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        out.append("\r\n");
    }
}
