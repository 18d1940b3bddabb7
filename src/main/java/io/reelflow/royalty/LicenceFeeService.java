package io.reelflow.royalty;

import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import io.reelflow.royalty.rules.FeeTerms;
import io.reelflow.royalty.rules.Instalment;
import io.reelflow.royalty.rules.InstalmentScheduler;
import io.reelflow.royalty.rules.Money;
import io.reelflow.royalty.rules.OverageCalculator;
import io.reelflow.royalty.rules.OverageResult;
import io.reelflow.royalty.rules.RevenueReport;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the licensee owes under a deal: the instalments of the licence fee or minimum guarantee (dated as their
 * triggers happen, invoiced, paid) and, for revenue-share deals, the quarterly revenue reports and the overage
 * they produce. Deals are known here only by their reference (the CRM deal id).
 */
@Service
public class LicenceFeeService {

    public enum Kind { LICENCE_FEE, MINIMUM_GUARANTEE, OVERAGE }

    /**
     * One instalment as stored. {@code status}: AWAITING_TRIGGER (its trigger has not happened), DATED (payable from
     * {@code triggeredOn}, due {@code dueOn}), INVOICED, PAID.
     */
    public record InstalmentView(int number, String kind, BigDecimal amount, String currency, String trigger, int creditDays,
                                 LocalDate triggeredOn, LocalDate dueOn, String quarter, String invoiceNumber, LocalDate invoicedOn,
                                 BigDecimal paidAmount, String paidCurrency, LocalDate paidOn, String bankReference, String status) {

        public Money money() {
            return Money.of(amount, Currency.getInstance(currency));
        }

        public boolean triggered() {
            return triggeredOn != null;
        }
    }

    public record RevenueReportView(String quarter, BigDecimal revenue, String currency, String reference, String enteredBy) {
    }

    /** The overage computed for a quarter; {@code instalmentNumber} is the OVERAGE instalment created, 0 if none is due. */
    public record OverageOutcome(OverageResult result, int instalmentNumber) {
    }

    private static final String COLUMNS = "number, kind, amount, currency, trigger, credit_days, triggered_on, due_on, quarter_label, "
            + "invoice_number, invoiced_on, paid_amount, paid_currency, paid_on, bank_reference";

    private static final RowMapper<InstalmentView> INSTALMENT = LicenceFeeService::instalment;

    private final JdbcTemplate jdbc;
    private final io.reelflow.webhook.Outbox outbox;
    /**
     * Instalments read or written in the current transaction, by deal and number: a clean deal's job schedules them, then
     * each instalment's steps, timers and task read theirs. Every write to {@code fee_instalment} is in this class and
     * forgets what it changes.
     */
    private final io.reelflow.platform.TransactionMemo<String, InstalmentView> kept =
            new io.reelflow.platform.TransactionMemo<>("fee-instalments");

    public LicenceFeeService(JdbcTemplate jdbc, io.reelflow.webhook.Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * Creates the deal's instalments from its fee terms, dating those whose trigger is already known. Running it
     * again (a retried job) answers the stored schedule and changes nothing.
     */
    @Transactional
    public List<InstalmentView> schedule(String dealRef, Kind kind, FeeTerms terms, List<String> triggerNames,
                                         LocalDate signedOn, LocalDate windowStart) {
        List<InstalmentView> existing = instalments(dealRef);
        if (!existing.isEmpty()) return existing;
        List<Instalment> schedule = InstalmentScheduler.schedule(terms, signedOn, windowStart);
        // one statement for the whole schedule, answering what it inserted
        List<InstalmentView> inserted = jdbc.query("""
                WITH inserted AS (
                    INSERT INTO fee_instalment (deal_ref, number, kind, amount, currency, trigger, credit_days, triggered_on, due_on)
                    SELECT ?, s.number, ?, s.amount::numeric, s.currency, s.trigger, s.credit_days, s.triggered_on::date, s.due_on::date
                    FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[])
                         AS s (number, amount, currency, trigger, credit_days, triggered_on, due_on)
                    ON CONFLICT (deal_ref, number) DO NOTHING
                    RETURNING\s""" + COLUMNS + """
                )
                SELECT * FROM inserted ORDER BY number""", INSTALMENT,
                dealRef, kind.name(),
                schedule.stream().map(Instalment::number).toArray(Integer[]::new),
                schedule.stream().map(i -> i.amount().amount().toPlainString()).toArray(String[]::new),
                schedule.stream().map(i -> i.amount().currency().getCurrencyCode()).toArray(String[]::new),
                schedule.stream().map(i -> triggerNames.get(i.number() - 1)).toArray(String[]::new),
                schedule.stream().map(Instalment::creditDays).toArray(Integer[]::new),
                schedule.stream().map(i -> i.triggeredOn() == null ? null : i.triggeredOn().toString()).toArray(String[]::new),
                schedule.stream().map(i -> i.dueDate() == null ? null : i.dueDate().toString()).toArray(String[]::new));
        // fewer: a concurrent run inserted some first; the stored schedule is the answer
        List<InstalmentView> stored = inserted.size() == schedule.size() ? inserted : instalments(dealRef);
        stored.forEach(i -> kept.put(key(dealRef, i.number()), i));
        return stored;
    }

    @Transactional(readOnly = true)
    public List<InstalmentView> instalments(String dealRef) {
        return jdbc.query("SELECT " + COLUMNS + " FROM fee_instalment WHERE deal_ref = ? ORDER BY number", INSTALMENT, dealRef);
    }

    @Transactional(readOnly = true)
    public InstalmentView instalment(String dealRef, int number) {
        InstalmentView found = kept.get(key(dealRef, number), k -> jdbc.query(
                "SELECT " + COLUMNS + " FROM fee_instalment WHERE deal_ref = ? AND number = ?", INSTALMENT, dealRef, number)
                .stream().findFirst().orElse(null));
        if (found == null) throw new NotFoundException("deal " + dealRef + " has no instalment " + number);
        return found;
    }

    private static String key(String dealRef, int number) {
        return dealRef + "#" + number;
    }

    /** Dates an instalment whose trigger happened on {@code occurredOn}; one already dated keeps its date. */
    @Transactional
    public InstalmentView trigger(String dealRef, int number, LocalDate occurredOn) {
        InstalmentView i = instalment(dealRef, number);
        if (!i.triggered()) {
            kept.forget(key(dealRef, number)); // its next read is from the database
            jdbc.update("UPDATE fee_instalment SET triggered_on = ?, due_on = ? WHERE deal_ref = ? AND number = ? AND triggered_on IS NULL",
                    occurredOn, InstalmentScheduler.dueDate(occurredOn, i.creditDays()), dealRef, number);
        }
        return instalment(dealRef, number);
    }

    /** Records the invoice sent for an instalment. Sending the same invoice number again changes nothing. */
    @Transactional
    public InstalmentView recordInvoice(String dealRef, int number, String invoiceNumber, LocalDate invoicedOn, String user) {
        List<FieldProblem> problems = new ArrayList<>();
        String invoice = invoiceNumber == null ? "" : invoiceNumber.strip();
        if (invoice.isEmpty()) problems.add(new FieldProblem("invoiceNumber", "required"));
        else if (invoice.length() > 64) problems.add(new FieldProblem("invoiceNumber", "at most 64 characters"));
        if (invoicedOn == null) problems.add(new FieldProblem("invoicedOn", "required (YYYY-MM-DD)"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        InstalmentView i = instalment(dealRef, number);
        if (i.invoiceNumber() != null && !i.invoiceNumber().equals(invoice)) {
            throw new ConflictException("instalment " + number + " of " + dealRef + " was already invoiced as " + i.invoiceNumber(),
                    List.of(new FieldProblem("invoiceNumber", "already invoiced as " + i.invoiceNumber())));
        }
        if (i.triggeredOn() != null && invoicedOn.isBefore(i.triggeredOn())) {
            throw new InvalidInputException("invoicedOn", "is before the instalment became payable (" + i.triggeredOn() + ")");
        }
        kept.forget(key(dealRef, number)); // its next read is from the database
        int changed = jdbc.update("UPDATE fee_instalment SET invoice_number = ?, invoiced_on = ?, invoiced_by = ? WHERE deal_ref = ? AND number = ? AND invoice_number IS NULL",
                invoice, invoicedOn, user, dealRef, number);
        InstalmentView invoiced = instalment(dealRef, number);
        if (changed == 1) tell(io.reelflow.webhook.WebhookEventKind.INSTALMENT_INVOICED, dealRef, invoiced);
        return invoiced;
    }

    /**
     * Records the payment received for an instalment (in any currency: royalties convert it at the day's rate).
     * A payment already recorded is answered as it is when the same bank reference comes again.
     */
    @Transactional
    public InstalmentView recordPayment(String dealRef, int number, BigDecimal amount, String currencyCode, LocalDate paidOn,
                                        String bankReference, LocalDate today, String user) {
        List<FieldProblem> problems = new ArrayList<>();
        Currency currency = null;
        if (currencyCode == null || currencyCode.isBlank()) problems.add(new FieldProblem("paidCurrency", "required (ISO 4217, e.g. EUR)"));
        else currency = Currencies.parse(currencyCode.strip(), "paidCurrency", problems);
        if (amount == null) problems.add(new FieldProblem("paidAmount", "required"));
        else if (amount.signum() <= 0) problems.add(new FieldProblem("paidAmount", "must be positive"));
        else if (amount.precision() - amount.scale() > 15) problems.add(new FieldProblem("paidAmount", "too large"));
        else Currencies.money(amount, currency, "paidAmount", problems);
        if (paidOn == null) problems.add(new FieldProblem("paidOn", "required (YYYY-MM-DD)"));
        else if (paidOn.isAfter(today)) problems.add(new FieldProblem("paidOn", paidOn + " is in the future"));
        String reference = bankReference == null ? "" : bankReference.strip();
        if (reference.isEmpty()) problems.add(new FieldProblem("bankReference", "required"));
        else if (reference.length() > 100) problems.add(new FieldProblem("bankReference", "at most 100 characters"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        InstalmentView i = instalment(dealRef, number);
        if (i.paidOn() != null) {
            if (i.bankReference().equals(reference)) return i;
            throw new ConflictException("instalment " + number + " of " + dealRef + " is already paid (bank reference " + i.bankReference() + ")",
                    List.of(new FieldProblem("bankReference", "payment already recorded as " + i.bankReference())));
        }
        kept.forget(key(dealRef, number)); // its next read is from the database
        int changed = jdbc.update("""
                UPDATE fee_instalment SET paid_amount = ?, paid_currency = ?, paid_on = ?, bank_reference = ?, recorded_by = ?
                WHERE deal_ref = ? AND number = ? AND paid_on IS NULL""",
                amount, currency.getCurrencyCode(), paidOn, reference, user, dealRef, number);
        InstalmentView paid = instalment(dealRef, number);
        if (changed == 1) tell(io.reelflow.webhook.WebhookEventKind.INSTALMENT_PAID, dealRef, paid);
        return paid;
    }

    /** Stores a quarter's revenue report; the same report again changes nothing, a different one is refused. */
    @Transactional
    public RevenueReportView recordRevenueReport(String dealRef, String quarter, BigDecimal revenue, String currencyCode,
                                                 String expectedCurrency, String reference, String user) {
        List<FieldProblem> problems = new ArrayList<>();
        if (revenue == null) problems.add(new FieldProblem("revenue", "required"));
        else if (revenue.signum() < 0) problems.add(new FieldProblem("revenue", "must not be negative"));
        else if (revenue.precision() - revenue.scale() > 15) problems.add(new FieldProblem("revenue", "too large"));
        if (currencyCode == null || !currencyCode.strip().equals(expectedCurrency)) {
            problems.add(new FieldProblem("revenueCurrency", "revenue is reported in the deal currency " + expectedCurrency));
        } else if (revenue != null) {
            Currencies.money(revenue, Currency.getInstance(expectedCurrency), "revenue", problems);
        }
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty()) problems.add(new FieldProblem("reportReference", "required (the licensee's report number)"));
        else if (ref.length() > 100) problems.add(new FieldProblem("reportReference", "at most 100 characters"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Optional<RevenueReportView> known = revenueReport(dealRef, quarter);
        if (known.isEmpty()) {
            jdbc.update("""
                    INSERT INTO revenue_report (deal_ref, quarter_label, revenue, currency, report_reference, entered_by)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (deal_ref, quarter_label) DO NOTHING""",
                    dealRef, quarter, revenue, expectedCurrency, ref, user);
            known = revenueReport(dealRef, quarter);
        }
        RevenueReportView stored = known.orElseThrow();
        if (stored.revenue().compareTo(revenue) != 0) {
            throw new ConflictException("the " + quarter + " revenue report of " + dealRef + " is already entered as "
                    + stored.revenue().toPlainString() + " " + stored.currency(),
                    List.of(new FieldProblem("revenue", "already entered as " + stored.revenue().toPlainString())));
        }
        return stored;
    }

    @Transactional(readOnly = true)
    public List<RevenueReportView> revenueReports(String dealRef) {
        return jdbc.query("SELECT quarter_label, revenue, currency, report_reference, entered_by FROM revenue_report WHERE deal_ref = ? ORDER BY quarter_label",
                (rs, n) -> new RevenueReportView(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4), rs.getString(5)), dealRef);
    }

    private Optional<RevenueReportView> revenueReport(String dealRef, String quarter) {
        return revenueReports(dealRef).stream().filter(r -> r.quarter().equals(quarter)).findFirst();
    }

    /**
     * The overage of a quarter against the MG, from every report entered so far and the overage already invoiced
     * for earlier quarters; when some is due an OVERAGE instalment is created, payable {@code creditDays} after
     * {@code today}. Idempotent: the quarter's overage instalment, once created, is answered again.
     */
    @Transactional
    public OverageOutcome computeOverage(String dealRef, String quarter, Money minimumGuarantee, BigDecimal sharePercent,
                                         int creditDays, LocalDate today) {
        Currency currency = minimumGuarantee.currency();
        // every report entered so far (oldest first), this quarter's last, as the calculator expects
        List<RevenueReport> reports = new ArrayList<>();
        RevenueReport current = null;
        for (RevenueReportView r : revenueReports(dealRef)) {
            if (r.quarter().compareTo(quarter) > 0) continue; // a later quarter reported early (over the API) counts from its own quarter on
            RevenueReport report = new RevenueReport(r.quarter(), Money.rounded(r.revenue(), currency));
            if (r.quarter().equals(quarter)) current = report;
            else reports.add(report);
        }
        if (current == null) throw new IllegalStateException("no revenue report for " + quarter + " of " + dealRef);
        reports.add(current);
        List<InstalmentView> overages = instalments(dealRef).stream().filter(i -> Kind.OVERAGE.name().equals(i.kind())).toList();
        Optional<InstalmentView> existing = overages.stream().filter(i -> quarter.equals(i.quarter())).findFirst();
        Money before = Money.sum(currency, overages.stream().filter(i -> !quarter.equals(i.quarter())).map(InstalmentView::money).toList());
        OverageResult result = OverageCalculator.overageDue(minimumGuarantee, sharePercent, reports, before);
        if (existing.isPresent()) return new OverageOutcome(result, existing.get().number());
        if (!result.overageDue().isPositive()) return new OverageOutcome(result, 0);
        jdbc.queryForObject("SELECT id FROM fee_instalment WHERE deal_ref = ? ORDER BY number LIMIT 1 FOR UPDATE", Long.class, dealRef);
        Integer next = jdbc.queryForObject("SELECT coalesce(max(number), 0) + 1 FROM fee_instalment WHERE deal_ref = ?", Integer.class, dealRef);
        jdbc.update("""
                INSERT INTO fee_instalment (deal_ref, number, kind, amount, currency, trigger, credit_days, triggered_on, due_on, quarter_label)
                VALUES (?, ?, 'OVERAGE', ?, ?, 'REVENUE_REPORT', ?, ?, ?, ?)""",
                dealRef, next, result.overageDue().amount(), currency.getCurrencyCode(), creditDays, today,
                InstalmentScheduler.dueDate(today, creditDays), quarter);
        return new OverageOutcome(result, next);
    }

    /** An instalment invoiced or paid, into the outbox in this transaction (the finance system hears of it). */
    private void tell(io.reelflow.webhook.WebhookEventKind kind, String dealRef, InstalmentView i) {
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("instalment", i.number());
        data.put("kind", i.kind());
        data.put("amount", i.amount());
        data.put("currency", i.currency());
        data.put("dueOn", i.dueOn() == null ? null : i.dueOn().toString());
        data.put("invoiceNumber", i.invoiceNumber());
        data.put("invoicedOn", i.invoicedOn() == null ? null : i.invoicedOn().toString());
        if (kind == io.reelflow.webhook.WebhookEventKind.INSTALMENT_PAID) {
            data.put("paidAmount", i.paidAmount());
            data.put("paidCurrency", i.paidCurrency());
            data.put("paidOn", i.paidOn().toString());
            data.put("bankReference", i.bankReference());
        }
        data.put("status", i.status());
        outbox.publish(kind, dealRef, data);
    }

    /**
     * The instalment of a renewal's new licence fee: the whole fee, payable from the first day of the renewed period
     * ({@code from}) with {@code creditDays} to pay. Refuses an amount that is not positive or has more decimals than the
     * deal's currency ({@code newFeeAmount}). Idempotent: the same renewal (its last day) answers its instalment again.
     */
    @Transactional
    public int renewalInstalment(String dealRef, BigDecimal amount, String currencyCode, LocalDate from, LocalDate until, int creditDays) {
        List<FieldProblem> problems = new ArrayList<>();
        Currency currency = Currency.getInstance(currencyCode);
        if (amount == null || amount.signum() <= 0) problems.add(new FieldProblem("newFeeAmount", "must be a positive amount"));
        else if (amount.precision() - amount.scale() > 15) problems.add(new FieldProblem("newFeeAmount", "too large"));
        else Currencies.money(amount, currency, "newFeeAmount", problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        jdbc.queryForList("SELECT id FROM fee_instalment WHERE deal_ref = ? ORDER BY number LIMIT 1 FOR UPDATE", Long.class, dealRef);
        List<Integer> known = jdbc.queryForList("SELECT number FROM fee_instalment WHERE deal_ref = ? AND renewal_until = ?", Integer.class,
                dealRef, until);
        if (!known.isEmpty()) return known.get(0);
        Integer next = jdbc.queryForObject("SELECT coalesce(max(number), 0) + 1 FROM fee_instalment WHERE deal_ref = ?", Integer.class, dealRef);
        jdbc.update("""
                INSERT INTO fee_instalment (deal_ref, number, kind, amount, currency, trigger, credit_days, triggered_on, due_on, renewal_until)
                VALUES (?, ?, 'LICENCE_FEE', ?, ?, 'DATE', ?, ?, ?, ?)""",
                dealRef, next, amount, currency.getCurrencyCode(), creditDays, from, InstalmentScheduler.dueDate(from, creditDays), until);
        return next;
    }

    private static InstalmentView instalment(ResultSet rs, int n) throws SQLException {
        LocalDate triggered = rs.getObject("triggered_on", LocalDate.class);
        LocalDate invoiced = rs.getObject("invoiced_on", LocalDate.class);
        LocalDate paid = rs.getObject("paid_on", LocalDate.class);
        String status = paid != null ? "PAID" : invoiced != null ? "INVOICED" : triggered != null ? "DATED" : "AWAITING_TRIGGER";
        String currency = rs.getString("currency");
        return new InstalmentView(rs.getInt("number"), rs.getString("kind"), scaled(rs.getBigDecimal("amount"), currency), currency,
                rs.getString("trigger"), rs.getInt("credit_days"), triggered, rs.getObject("due_on", LocalDate.class),
                rs.getString("quarter_label"), rs.getString("invoice_number"), invoiced,
                rs.getBigDecimal("paid_amount") == null ? null : scaled(rs.getBigDecimal("paid_amount"), rs.getString("paid_currency")),
                rs.getString("paid_currency"), paid, rs.getString("bank_reference"), status);
    }

    private static BigDecimal scaled(BigDecimal stored, String currency) {
        return stored.setScale(Money.minorUnitDigits(Currency.getInstance(currency)), java.math.RoundingMode.UNNECESSARY);
    }
}
