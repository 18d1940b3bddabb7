package io.reelflow.royalty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import io.reelflow.royalty.RoyaltyLedger.Entry;
import io.reelflow.royalty.RoyaltyViews.Balances;
import io.reelflow.royalty.RoyaltyViews.DealAmount;
import io.reelflow.royalty.RoyaltyViews.StatementLine;
import io.reelflow.royalty.RoyaltyViews.StatementView;
import io.reelflow.royalty.RoyaltyViews.TitleAmount;
import io.reelflow.royalty.RoyaltyViews.Totals;
import io.reelflow.royalty.rules.Money;
import io.reelflow.royalty.rules.StatementFrequency;
import io.reelflow.royalty.rules.StatementPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Statements per licensor and period, summed from the ledger. An issued statement is a frozen snapshot:
 * entries posted later never land in its period (see {@link RoyaltyLedger#openPeriod}).
 */
@Service
public class RoyaltyStatementService {

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})-([QH])([1-4])");

    private final JdbcTemplate jdbc;
    private final RoyaltyAgreementService agreements;
    private final RoyaltyLedger ledger;
    private final ObjectMapper json;

    public RoyaltyStatementService(JdbcTemplate jdbc, RoyaltyAgreementService agreements, RoyaltyLedger ledger, ObjectMapper json) {
        this.jdbc = jdbc;
        this.agreements = agreements;
        this.ledger = ledger;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public StatementView statement(String licensor, String period) {
        LicensorAgreement a = agreement(licensor);
        StatementPeriod p = parse(a, period);
        return issued(a, p).orElseGet(() -> compute(a, p));
    }

    public record Issued(StatementView statement, boolean created) {
    }

    /** Freezes the statement of the period; issuing it again answers the statement as first issued. */
    @Transactional
    public Issued issue(String licensor, String period, String issuedBy) {
        LicensorAgreement found = agreement(licensor);
        LicensorAgreement a = agreements.lock(found.id());
        StatementPeriod p = parse(a, period);
        Optional<StatementView> existing = issued(a, p);
        if (existing.isPresent()) return new Issued(existing.get(), false);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StatementView statement = compute(a, p).issued(now, issuedBy);
        try {
            jdbc.update("INSERT INTO royalty_statement (agreement_id, period_label, period_start, period_end, issued_at, issued_by, snapshot) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)", a.id(), p.label(), p.start(), p.end(),
                    java.sql.Timestamp.from(now), issuedBy, json.writeValueAsString(statement));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("statement not serialisable", e);
        }
        return new Issued(statement, true);
    }

    private LicensorAgreement agreement(String licensor) {
        if (licensor == null || licensor.isBlank()) throw new InvalidInputException("licensor", "required");
        return agreements.findByLicensor(licensor.strip())
                .orElseThrow(() -> new NotFoundException("no licensor agreement for licensor '" + licensor.strip() + "'"));
    }

    static StatementPeriod parse(LicensorAgreement a, String period) {
        if (period == null || period.isBlank()) throw new InvalidInputException("period", "required");
        Matcher m = PERIOD.matcher(period.strip());
        String expected = a.statementFrequency() == StatementFrequency.QUARTERLY ? "YYYY-Q1..YYYY-Q4" : "YYYY-H1 or YYYY-H2";
        boolean quarter = m.matches() && m.group(2).equals("Q");
        if (!m.matches() || (quarter != (a.statementFrequency() == StatementFrequency.QUARTERLY)) || (!quarter && m.group(3).compareTo("2") > 0)) {
            throw new InvalidInputException("period", "'" + period + "' is not a statement period of " + a.licensor() + " ("
                    + a.statementFrequency() + "): expected " + expected);
        }
        int year = Integer.parseInt(m.group(1));
        int index = Integer.parseInt(m.group(3));
        if (year < 1900) throw new InvalidInputException("period", "year " + year + " is out of range");
        return StatementPeriod.containing(a.statementFrequency(),
                LocalDate.of(year, (index - 1) * a.statementFrequency().months() + 1, 1));
    }

    private Optional<StatementView> issued(LicensorAgreement a, StatementPeriod p) {
        return jdbc.queryForList("SELECT snapshot::text FROM royalty_statement WHERE agreement_id = ? AND period_label = ?", String.class,
                a.id(), p.label()).stream().findFirst().map(s -> {
                    try {
                        return json.readValue(s, StatementView.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored statement unreadable", e);
                    }
                });
    }

    /** Sums of entry kinds over a set of entries, in the agreement currency. */
    private static final class Sums {
        Money receipts, fees, expensesIncurred, expensesRecouped, advanceRecouped, royalty;

        Sums(LicensorAgreement a) {
            Money zero = a.zero();
            receipts = fees = expensesIncurred = expensesRecouped = advanceRecouped = royalty = zero;
        }

        void add(LicensorAgreement a, Entry e) {
            if (e.kind().equals("RECEIPT") && !e.currency().equals(a.currencyCode())) return; // counted by its FX entry
            Money m = a.money(e.amount());
            switch (e.kind()) {
                case "RECEIPT", "FX" -> receipts = receipts.plus(m);
                case "DISTRIBUTION_FEE" -> fees = fees.plus(m);
                case "EXPENSE" -> expensesIncurred = expensesIncurred.plus(m);
                case "EXPENSE_RECOUPMENT" -> expensesRecouped = expensesRecouped.plus(m);
                case "ADVANCE_RECOUPMENT" -> advanceRecouped = advanceRecouped.plus(m);
                case "ROYALTY_PAYABLE" -> royalty = royalty.plus(m);
                default -> {
                }
            }
        }

        Money allocated() {
            return fees.plus(expensesRecouped).plus(advanceRecouped).plus(royalty);
        }

        Balances balances(LicensorAgreement a) {
            return new Balances(a.money(a.advance()).minus(advanceRecouped).amount(), expensesIncurred.amount(),
                    expensesRecouped.amount(), expensesIncurred.minus(expensesRecouped).amount(),
                    a.expenseCap() == null ? null : a.money(a.expenseCap()).minus(expensesRecouped).amount(),
                    receipts.amount(), fees.amount(), royalty.amount());
        }
    }

    private StatementView compute(LicensorAgreement a, StatementPeriod p) {
        Sums opening = new Sums(a);
        Sums closing = new Sums(a);
        Sums period = new Sums(a);
        Map<String, Money> byDeal = new TreeMap<>();
        Map<String, Map<Long, Money>> byDealTitle = new TreeMap<>();
        Map<Long, Money> byTitle = new TreeMap<>();
        Map<String, List<Entry>> lines = new LinkedHashMap<>();
        for (Entry e : ledger.entriesUpTo(a.id(), p.start())) {
            closing.add(a, e);
            if (e.periodStart().isBefore(p.start())) {
                opening.add(a, e);
                continue;
            }
            period.add(a, e);
            if (e.receiptId() == null) continue;
            lines.computeIfAbsent(e.receiptId() + (e.reversesEntryId() == null ? "" : "R"), k -> new ArrayList<>()).add(e);
            boolean converted = e.kind().equals("FX") || (e.kind().equals("RECEIPT") && e.currency().equals(a.currencyCode()));
            if (converted) {
                Money m = a.money(e.amount());
                byDeal.merge(e.dealRef(), m, Money::plus);
                byDealTitle.computeIfAbsent(e.dealRef(), k -> new TreeMap<>()).merge(e.titleId(), m, Money::plus);
                byTitle.merge(e.titleId(), m, Money::plus);
            }
        }
        if (!period.allocated().equals(period.receipts)) {
            throw new IllegalStateException("ledger of " + a.licensor() + " does not balance in " + p.label() + ": receipts "
                    + period.receipts + ", allocated " + period.allocated());
        }
        Map<Long, String> titleNames = titleNames(byTitle.keySet());
        List<DealAmount> deals = byDeal.entrySet().stream().map(d -> new DealAmount(d.getKey(), d.getValue().amount(),
                byDealTitle.get(d.getKey()).entrySet().stream()
                        .map(t -> new TitleAmount(t.getKey(), titleNames.get(t.getKey()), t.getValue().amount())).toList())).toList();
        List<TitleAmount> titles = byTitle.entrySet().stream()
                .map(t -> new TitleAmount(t.getKey(), titleNames.get(t.getKey()), t.getValue().amount())).toList();
        Map<Long, Map<String, Object>> receiptRows = receipts(lines.values().stream().map(l -> l.get(0).receiptId()).distinct().toList());
        List<StatementLine> statementLines = lines.values().stream().map(l -> line(a, l, receiptRows.get(l.get(0).receiptId()))).toList();
        Totals totals = new Totals(period.receipts.amount(), period.fees.amount(), period.expensesIncurred.amount(),
                period.expensesRecouped.amount(), period.advanceRecouped.amount(), period.royalty.amount());
        return new StatementView(a.id(), a.licensor(), a.currencyCode(), p.label(), p.start(), p.end(), "OPEN", null, null,
                opening.balances(a), deals, titles, statementLines, totals, closing.balances(a));
    }

    /** The receipts of the statement lines, in one query. */
    private Map<Long, Map<String, Object>> receipts(List<Long> ids) {
        Map<Long, Map<String, Object>> rows = new HashMap<>();
        if (ids.isEmpty()) return rows;
        jdbc.query("SELECT id, external_reference, received_on, gross_currency FROM royalty_receipt WHERE id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())),
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> rows.put(rs.getLong("id"), Map.of("external_reference",
                        rs.getString("external_reference"), "received_on", rs.getDate("received_on"), "gross_currency",
                        rs.getString("gross_currency"))));
        return rows;
    }

    private StatementLine line(LicensorAgreement a, List<Entry> entries, Map<String, Object> r) {
        Entry first = entries.get(0);
        String grossCurrency = (String) r.get("gross_currency");
        Sums s = new Sums(a);
        Money gross = Money.zero(java.util.Currency.getInstance(grossCurrency));
        for (Entry e : entries) {
            s.add(a, e);
            if (e.kind().equals("RECEIPT")) gross = gross.plus(Money.of(e.amount(), gross.currency()));
        }
        return new StatementLine(first.receiptId(), (String) r.get("external_reference"), first.dealRef(), first.titleId(),
                ((java.sql.Date) r.get("received_on")).toLocalDate(), first.reversesEntryId() != null, gross.amount(), grossCurrency,
                first.fxRateUsed() == null ? null : first.fxRateUsed().stripTrailingZeros(), s.receipts.amount(), s.fees.amount(),
                s.expensesRecouped.amount(), s.advanceRecouped.amount(), s.royalty.amount());
    }

    private Map<Long, String> titleNames(java.util.Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (ids.isEmpty()) return names;
        jdbc.query("SELECT id, name FROM title WHERE id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())),
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> names.put(rs.getLong("id"), rs.getString("name")));
        return names;
    }
}
