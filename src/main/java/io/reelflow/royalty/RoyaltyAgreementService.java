package io.reelflow.royalty;

import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import io.reelflow.royalty.RoyaltyRequests.NewAgreement;
import io.reelflow.royalty.RoyaltyRequests.NewExpense;
import io.reelflow.royalty.RoyaltyViews.AgreementCorrectionView;
import io.reelflow.royalty.RoyaltyViews.AgreementCorrectionView.Terms;
import io.reelflow.royalty.RoyaltyViews.AgreementView;
import io.reelflow.royalty.RoyaltyViews.ExpenseView;
import io.reelflow.royalty.rules.LicensorTerms;
import io.reelflow.royalty.rules.Money;
import io.reelflow.royalty.rules.StatementFrequency;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Licensor agreements and their recoupable expenses. */
@Service
public class RoyaltyAgreementService {

    /**
     * An agreement with the terms in force: those of its latest correction, if any (corrections form one chain per
     * agreement, so the latest is the one with the highest id), else those first recorded.
     */
    private static final String IN_FORCE = """
            SELECT a.id, a.licensor, a.currency, a.statement_frequency, c.id AS correction_id,
                   CASE WHEN c.id IS NULL THEN a.distribution_fee_percent ELSE c.distribution_fee_percent END AS distribution_fee_percent,
                   CASE WHEN c.id IS NULL THEN a.expense_cap ELSE c.expense_cap END AS expense_cap,
                   CASE WHEN c.id IS NULL THEN a.advance ELSE c.advance END AS advance
              FROM licensor_agreement a
              LEFT JOIN LATERAL (SELECT x.* FROM licensor_agreement_correction x WHERE x.agreement_id = a.id ORDER BY x.id DESC LIMIT 1) c
                ON true
            """;
    static final RowMapper<LicensorAgreement> AGREEMENT = (rs, i) -> new LicensorAgreement(rs.getLong("id"),
            rs.getString("licensor"), Currency.getInstance(rs.getString("currency")), rs.getBigDecimal("distribution_fee_percent"),
            rs.getBigDecimal("expense_cap"), rs.getBigDecimal("advance"),
            StatementFrequency.valueOf(rs.getString("statement_frequency")), rs.getObject("correction_id", Long.class));

    private final JdbcTemplate jdbc;
    private final RoyaltyLedger ledger;
    private final RoyaltyStatementDelegates.StatementCycle statementCycle;

    public RoyaltyAgreementService(JdbcTemplate jdbc, RoyaltyLedger ledger, RoyaltyStatementDelegates.StatementCycle statementCycle) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.statementCycle = statementCycle;
    }

    @Transactional
    public AgreementView create(NewAgreement req) {
        List<FieldProblem> problems = new ArrayList<>();
        Currency currency = Currencies.parse(req.currency(), "currency", problems);
        String licensor = req.licensor().strip();
        if (currency != null) {
            BigDecimal advance = req.advance() == null ? BigDecimal.ZERO : req.advance();
            Money cap = Currencies.money(req.expenseCap(), currency, "expenseCap", problems);
            Money adv = Currencies.money(advance, currency, "advance", problems);
            if (problems.isEmpty()) {
                try {
                    new LicensorTerms(currency, req.distributionFeePercent(), cap, adv, req.statementFrequency());
                } catch (IllegalArgumentException e) {
                    problems.add(new FieldProblem("body", e.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        if (findByLicensor(licensor).isPresent()) throw duplicate(licensor);
        Long id;
        try {
            id = jdbc.queryForObject("""
                INSERT INTO licensor_agreement (licensor, currency, distribution_fee_percent, expense_cap, advance, statement_frequency)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, licensor, currency.getCurrencyCode(),
                req.distributionFeePercent(), req.expenseCap(), req.advance() == null ? BigDecimal.ZERO : req.advance(),
                req.statementFrequency().name());
        } catch (DuplicateKeyException e) { // a concurrent creation won
            throw duplicate(licensor);
        }
        // the statement cycle starts with the agreement, in the same transaction: both or neither
        statementCycle.start(id, licensor, req.statementFrequency());
        return view(load(id));
    }

    private static ConflictException duplicate(String licensor) {
        return new ConflictException("an agreement with licensor '" + licensor + "' already exists",
                List.of(new FieldProblem("licensor", "already has an agreement")));
    }

    @Transactional(readOnly = true)
    public List<AgreementView> list(String licensor) {
        List<LicensorAgreement> rows = licensor == null || licensor.isBlank()
                ? jdbc.query(IN_FORCE + " ORDER BY a.licensor LIMIT 500", AGREEMENT)
                : jdbc.query(IN_FORCE + " WHERE a.licensor ILIKE '%' || ? || '%' ORDER BY a.licensor LIMIT 500",
                        AGREEMENT, licensor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        return rows.stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public AgreementView agreement(long id) {
        return view(load(id));
    }

    @Transactional
    public ExpenseView addExpense(long agreementId, NewExpense req) {
        LicensorAgreement a = lock(agreementId);
        List<FieldProblem> problems = new ArrayList<>();
        if (req.currency() != null && !req.currency().equals(a.currencyCode())) {
            problems.add(new FieldProblem("currency", "expenses are recorded in the agreement currency " + a.currencyCode()
                    + "; convert before recording"));
        }
        Money amount = Currencies.money(req.amount(), a.currency(), "amount", problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        String description = req.description() == null ? "" : req.description().strip();
        Long id = jdbc.queryForObject("""
                INSERT INTO recoupable_expense (agreement_id, incurred_on, amount, description) VALUES (?, ?, ?, ?) RETURNING id""",
                Long.class, a.id(), req.incurredOn(), amount.amount(), description);
        ledger.appendExpense(a, id, req.incurredOn(), amount, description);
        return new ExpenseView(id, a.id(), req.incurredOn(), amount.amount(), a.currencyCode(), description, null);
    }

    /**
     * Corrects a recoupable expense by the book: a new record pointing to it replaces it in the waterfall, its EXPENSE
     * entry is reversed and the correction's posted. Refused (409) once the expense has been recouped from a receipt, or
     * when it was corrected already (correct the correction); bad input is 400 naming the field. Nothing changes then.
     */
    @Transactional
    public ExpenseView correctExpense(long agreementId, long expenseId, RoyaltyRequests.ExpenseCorrection req, String user) {
        LicensorAgreement a = lock(agreementId);
        ExpenseView original = jdbc.query("SELECT e.id, e.agreement_id, e.incurred_on, e.amount, a.currency, e.description, e.corrects_id "
                        + "FROM recoupable_expense e JOIN licensor_agreement a ON a.id = e.agreement_id WHERE e.id = ? AND e.agreement_id = ?",
                RoyaltyAgreementService::expense, expenseId, a.id()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no expense " + expenseId + " of licensor agreement " + agreementId));
        List<Long> correctedBy = jdbc.queryForList("SELECT id FROM recoupable_expense WHERE corrects_id = ?", Long.class, expenseId);
        if (!correctedBy.isEmpty()) {
            throw new ConflictException("expense " + expenseId + " was corrected already by expense " + correctedBy.get(0) + "; correct that one",
                    List.of(new FieldProblem("expenseId", "corrected already by expense " + correctedBy.get(0))));
        }
        Integer recouped = jdbc.queryForObject("SELECT count(*) FROM royalty_ledger_entry WHERE expense_id = ? AND kind = 'EXPENSE_RECOUPMENT'",
                Integer.class, expenseId);
        if (recouped != null && recouped > 0) {
            throw new ConflictException("expense " + expenseId + " has been recouped from receipts: it stays as recorded; record the difference "
                    + "as a new expense", List.of(new FieldProblem("amount", "expense " + expenseId + " is recouped already")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (req.currency() != null && !req.currency().equals(a.currencyCode())) {
            problems.add(new FieldProblem("currency", "expenses are recorded in the agreement currency " + a.currencyCode()
                    + "; convert before recording"));
        }
        Money amount = Currencies.money(req.amount(), a.currency(), "amount", problems);
        String reason = req.reason() == null ? "" : req.reason().strip();
        if (reason.isEmpty()) problems.add(new FieldProblem("reason", "required: why the expense is corrected"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        String description = req.description() == null ? original.description() : req.description().strip();
        Long id = jdbc.queryForObject("INSERT INTO recoupable_expense (agreement_id, incurred_on, amount, description, corrects_id, "
                        + "correction_reason, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                Long.class, a.id(), req.incurredOn(), amount.amount(), description, expenseId, reason, user);
        ledger.reverseExpense(a, expenseId, "corrected by expense " + id + ": " + reason);
        ledger.appendExpense(a, id, req.incurredOn(), amount, description);
        return new ExpenseView(id, a.id(), req.incurredOn(), amount.amount(), a.currencyCode(), description, expenseId);
    }

    /**
     * Corrects the money terms of an agreement by the book: a new record of the terms as they should be, pointing to the
     * correction it supersedes, with who and why; the agreement as first recorded and every earlier correction stay. From
     * its commit on, receipts are posted at the corrected terms and statements' balances use them; what the ledger holds
     * stays as posted. Refused (409) when the advance or the expense cap would fall below what receipts have already
     * recouped; 400 naming the field for bad input, a change of currency or statement frequency, or no change at all.
     */
    @Transactional
    public AgreementCorrectionView correct(long agreementId, RoyaltyRequests.AgreementCorrection req, String user) {
        LicensorAgreement a = lock(agreementId);
        List<FieldProblem> problems = new ArrayList<>();
        if (req.currency() != null && !req.currency().equals(a.currencyCode())) {
            problems.add(new FieldProblem("currency", "is not corrected: the agreement's receipts, expenses and ledger are in "
                    + a.currencyCode()));
        }
        if (req.statementFrequency() != null && req.statementFrequency() != a.statementFrequency()) {
            problems.add(new FieldProblem("statementFrequency", "is not corrected: the statement cycle runs " + a.statementFrequency()));
        }
        BigDecimal advance = req.advance() == null ? BigDecimal.ZERO : req.advance();
        Money cap = Currencies.money(req.expenseCap(), a.currency(), "expenseCap", problems);
        Money adv = Currencies.money(advance, a.currency(), "advance", problems);
        String reason = req.reason() == null ? "" : req.reason().strip();
        if (reason.isEmpty()) problems.add(new FieldProblem("reason", "required: why the terms are corrected"));
        if (problems.isEmpty() && req.distributionFeePercent().compareTo(a.distributionFeePercent()) == 0
                && sameAmount(req.expenseCap(), a.expenseCap()) && advance.compareTo(a.advance()) == 0) {
            problems.add(new FieldProblem("body", "the terms in force are already these: nothing to correct"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        var state = ledger.currentState(a);
        List<FieldProblem> conflicts = new ArrayList<>();
        if (adv.compareTo(state.advanceRecoupedToDate()) < 0) {
            conflicts.add(new FieldProblem("advance", "receipts have already recouped " + state.advanceRecoupedToDate().amount().toPlainString()
                    + " of the advance; reverse them first to correct it below that"));
        }
        Money recouped = state.expensesRecouped();
        if (cap != null && cap.compareTo(recouped) < 0) {
            conflicts.add(new FieldProblem("expenseCap", "receipts have already recouped " + recouped.amount().toPlainString()
                    + " of expenses; reverse them first to cap below that"));
        }
        if (!conflicts.isEmpty()) {
            throw new ConflictException("the correction would undo what receipts of agreement " + a.id() + " have already recouped", conflicts);
        }
        Long id = jdbc.queryForObject("""
                INSERT INTO licensor_agreement_correction (agreement_id, corrects_id, distribution_fee_percent, expense_cap, advance, reason,
                                                           corrected_by)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, a.id(), a.correctionId(), req.distributionFeePercent(),
                cap == null ? null : cap.amount(), adv.amount(), reason, user);
        return corrections(a.id()).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    private static boolean sameAmount(BigDecimal x, BigDecimal y) {
        return x == null ? y == null : y != null && x.compareTo(y) == 0;
    }

    /** The corrections of an agreement's terms, oldest first, each with the terms it replaced. */
    @Transactional(readOnly = true)
    public List<AgreementCorrectionView> corrections(long agreementId) {
        Map<String, Object> first = jdbc.queryForList("SELECT currency, distribution_fee_percent, expense_cap, advance FROM licensor_agreement "
                + "WHERE id = ?", agreementId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no licensor agreement with id " + agreementId));
        Currency currency = Currency.getInstance((String) first.get("currency"));
        Terms before = terms(currency, (BigDecimal) first.get("distribution_fee_percent"), (BigDecimal) first.get("expense_cap"),
                (BigDecimal) first.get("advance"));
        List<AgreementCorrectionView> out = new ArrayList<>();
        for (Map<String, Object> r : jdbc.queryForList("SELECT id, corrects_id, distribution_fee_percent, expense_cap, advance, reason, "
                + "corrected_by, corrected_at FROM licensor_agreement_correction WHERE agreement_id = ? ORDER BY id", agreementId)) {
            Terms after = terms(currency, (BigDecimal) r.get("distribution_fee_percent"), (BigDecimal) r.get("expense_cap"),
                    (BigDecimal) r.get("advance"));
            out.add(new AgreementCorrectionView(((Number) r.get("id")).longValue(), agreementId,
                    r.get("corrects_id") == null ? null : ((Number) r.get("corrects_id")).longValue(), currency.getCurrencyCode(), before, after,
                    (String) r.get("reason"), (String) r.get("corrected_by"), ((java.sql.Timestamp) r.get("corrected_at")).toInstant()));
            before = after;
        }
        return out;
    }

    private static Terms terms(Currency c, BigDecimal fee, BigDecimal cap, BigDecimal advance) {
        return new Terms(fee.stripTrailingZeros(), cap == null ? null : Money.of(cap, c).amount(), Money.of(advance, c).amount());
    }

    LicensorAgreement load(long id) {
        return jdbc.query(IN_FORCE + " WHERE a.id = ?", AGREEMENT, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no licensor agreement with id " + id));
    }

    /**
     * The agreement, locked until the end of the transaction: postings to one agreement, and corrections of its terms,
     * happen one at a time, so a receipt is posted at the terms in force when it commits.
     */
    LicensorAgreement lock(long id) {
        return jdbc.query(IN_FORCE + " WHERE a.id = ? FOR UPDATE OF a", AGREEMENT, id).stream()
                .findFirst().orElseThrow(() -> new NotFoundException("no licensor agreement with id " + id));
    }

    /** The agreement of a licensor (exact name), if finance has recorded one. */
    @Transactional(readOnly = true)
    public Optional<AgreementView> byLicensor(String licensor) {
        return findByLicensor(licensor).map(this::view);
    }

    Optional<LicensorAgreement> findByLicensor(String licensor) {
        return jdbc.query(IN_FORCE + " WHERE a.licensor = ?", AGREEMENT, licensor).stream()
                .findFirst();
    }

    List<ExpenseView> expenses(long agreementId) {
        return jdbc.query("""
                SELECT e.id, e.agreement_id, e.incurred_on, e.amount, a.currency, e.description, e.corrects_id
                  FROM recoupable_expense e JOIN licensor_agreement a ON a.id = e.agreement_id
                 WHERE e.agreement_id = ? AND NOT EXISTS (SELECT 1 FROM recoupable_expense c WHERE c.corrects_id = e.id)
                 ORDER BY e.incurred_on, e.id""", RoyaltyAgreementService::expense, agreementId);
    }

    private AgreementView view(LicensorAgreement a) {
        return new AgreementView(a.id(), a.licensor(), a.currencyCode(), a.distributionFeePercent().stripTrailingZeros(),
                a.expenseCap() == null ? null : a.money(a.expenseCap()).amount(), a.money(a.advance()).amount(),
                a.statementFrequency().name(), a.correctionId(), expenses(a.id()));
    }

    private static ExpenseView expense(ResultSet rs, int i) throws SQLException {
        Currency c = Currency.getInstance(rs.getString("currency"));
        return new ExpenseView(rs.getLong("id"), rs.getLong("agreement_id"), rs.getObject("incurred_on", java.time.LocalDate.class),
                Money.of(rs.getBigDecimal("amount"), c).amount(), c.getCurrencyCode(), rs.getString("description"),
                rs.getObject("corrects_id", Long.class));
    }
}
