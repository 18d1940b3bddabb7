package io.reelflow.royalty;

import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import io.reelflow.royalty.RoyaltyRequests.NewAgreement;
import io.reelflow.royalty.RoyaltyRequests.NewExpense;
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
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Licensor agreements and their recoupable expenses. */
@Service
public class RoyaltyAgreementService {

    private static final String COLUMNS = "id, licensor, currency, distribution_fee_percent, expense_cap, advance, statement_frequency";
    static final RowMapper<LicensorAgreement> AGREEMENT = (rs, i) -> new LicensorAgreement(rs.getLong("id"),
            rs.getString("licensor"), Currency.getInstance(rs.getString("currency")), rs.getBigDecimal("distribution_fee_percent"),
            rs.getBigDecimal("expense_cap"), rs.getBigDecimal("advance"),
            StatementFrequency.valueOf(rs.getString("statement_frequency")));

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
                ? jdbc.query("SELECT " + COLUMNS + " FROM licensor_agreement ORDER BY licensor LIMIT 500", AGREEMENT)
                : jdbc.query("SELECT " + COLUMNS + " FROM licensor_agreement WHERE licensor ILIKE '%' || ? || '%' ORDER BY licensor LIMIT 500",
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

    LicensorAgreement load(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM licensor_agreement WHERE id = ?", AGREEMENT, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no licensor agreement with id " + id));
    }

    /** The agreement, locked until the end of the transaction: postings to one agreement happen one at a time. */
    LicensorAgreement lock(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM licensor_agreement WHERE id = ? FOR UPDATE", AGREEMENT, id).stream()
                .findFirst().orElseThrow(() -> new NotFoundException("no licensor agreement with id " + id));
    }

    /** The agreement of a licensor (exact name), if finance has recorded one. */
    @Transactional(readOnly = true)
    public Optional<AgreementView> byLicensor(String licensor) {
        return findByLicensor(licensor).map(this::view);
    }

    Optional<LicensorAgreement> findByLicensor(String licensor) {
        return jdbc.query("SELECT " + COLUMNS + " FROM licensor_agreement WHERE licensor = ?", AGREEMENT, licensor).stream()
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
                a.statementFrequency().name(), expenses(a.id()));
    }

    private static ExpenseView expense(ResultSet rs, int i) throws SQLException {
        Currency c = Currency.getInstance(rs.getString("currency"));
        return new ExpenseView(rs.getLong("id"), rs.getLong("agreement_id"), rs.getObject("incurred_on", java.time.LocalDate.class),
                Money.of(rs.getBigDecimal("amount"), c).amount(), c.getCurrencyCode(), rs.getString("description"),
                rs.getObject("corrects_id", Long.class));
    }
}
