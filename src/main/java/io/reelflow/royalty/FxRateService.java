package io.reelflow.royalty;

import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.royalty.RoyaltyRequests.NewFxRate;
import io.reelflow.royalty.RoyaltyViews.FxRateView;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Daily exchange rates entered by finance; a receipt in a foreign currency is converted at the rate of its day. */
@Service
public class FxRateService {

    private static final RowMapper<FxRateView> RATE = (rs, i) -> new FxRateView(rs.getLong("id"), rs.getString("from_currency"),
            rs.getString("to_currency"), rs.getObject("rate_date", LocalDate.class), rs.getBigDecimal("rate").stripTrailingZeros(),
            rs.getString("entered_by"));
    private static final String COLUMNS = "id, from_currency, to_currency, rate_date, rate, entered_by";

    private final JdbcTemplate jdbc;

    public FxRateService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a rate; entering the same rate again answers the stored one, another rate for the same day is a conflict. */
    @Transactional
    public Entered enter(NewFxRate req, String enteredBy) {
        List<FieldProblem> problems = new ArrayList<>();
        Currencies.parse(req.fromCurrency(), "fromCurrency", problems);
        Currencies.parse(req.toCurrency(), "toCurrency", problems);
        if (problems.isEmpty() && req.fromCurrency().equals(req.toCurrency())) {
            problems.add(new FieldProblem("toCurrency", "must differ from fromCurrency"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Optional<FxRateView> existing = find(req.fromCurrency(), req.toCurrency(), req.rateDate());
        if (existing.isEmpty()) {
            try {
                jdbc.update("INSERT INTO fx_rate (from_currency, to_currency, rate_date, rate, entered_by) VALUES (?, ?, ?, ?, ?)",
                        req.fromCurrency(), req.toCurrency(), req.rateDate(), req.rate(), enteredBy);
                return new Entered(find(req.fromCurrency(), req.toCurrency(), req.rateDate()).orElseThrow(), true);
            } catch (DuplicateKeyException e) {
                existing = find(req.fromCurrency(), req.toCurrency(), req.rateDate());
            }
        }
        FxRateView stored = existing.orElseThrow();
        if (stored.rate().compareTo(req.rate()) != 0) {
            throw new ConflictException("a rate " + stored.fromCurrency() + "->" + stored.toCurrency() + " for " + stored.rateDate()
                    + " is already entered (" + stored.rate().toPlainString() + "); rates used by the ledger are never changed",
                    List.of(new FieldProblem("rate", "already entered as " + stored.rate().toPlainString())));
        }
        return new Entered(stored, false);
    }

    record Entered(FxRateView rate, boolean created) {
    }

    @Transactional(readOnly = true)
    public List<FxRateView> list(String from, String to, LocalDate date) {
        return jdbc.query("SELECT " + COLUMNS + " FROM fx_rate WHERE (?::text IS NULL OR from_currency = ?) AND (?::text IS NULL OR to_currency = ?)"
                        + " AND (?::date IS NULL OR rate_date = ?) ORDER BY rate_date DESC, from_currency, to_currency LIMIT 1000",
                RATE, from, from, to, to, date, date);
    }

    /** True when finance has entered the rate from -> to for that day. */
    @Transactional(readOnly = true)
    public boolean hasRate(String from, String to, LocalDate date) {
        return find(from, to, date).isPresent();
    }

    /**
     * Corrects a rate that no receipt has been converted at, recording who, when, why and the old value
     * ({@code fx_rate_correction}); PostgreSQL refuses any other change to a rate. A rate in use is a conflict.
     */
    @Transactional
    public FxRateView correct(long id, java.math.BigDecimal rate, String reason, String correctedBy) {
        FxRateView stored = jdbc.query("SELECT " + COLUMNS + " FROM fx_rate WHERE id = ? FOR UPDATE", RATE, id).stream().findFirst()
                .orElseThrow(() -> new io.reelflow.platform.web.NotFoundException("no FX rate with id " + id));
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) throw new InvalidInputException("reason", "say why the rate is corrected");
        if (stored.rate().compareTo(rate) == 0) throw new InvalidInputException("rate", "is already " + stored.rate().toPlainString());
        Integer used = jdbc.queryForObject("SELECT count(*) FROM royalty_receipt r JOIN licensor_agreement a ON a.id = r.agreement_id"
                + " WHERE r.gross_currency = ? AND a.currency = ? AND r.received_on = ?", Integer.class,
                stored.fromCurrency(), stored.toCurrency(), stored.rateDate());
        if (used != null && used > 0) {
            throw new ConflictException("the rate " + stored.fromCurrency() + "->" + stored.toCurrency() + " of " + stored.rateDate()
                    + " has converted " + used + " receipt(s): it is fixed for good",
                    List.of(new FieldProblem("rate", "used by " + used + " receipt(s); reverse them and post them again to use another rate")));
        }
        jdbc.update("INSERT INTO fx_rate_correction (fx_rate_id, old_rate, new_rate, reason, corrected_by) VALUES (?, ?, ?, ?, ?)",
                id, stored.rate(), rate, why, correctedBy);
        jdbc.update("UPDATE fx_rate SET rate = ? WHERE id = ?", rate, id);
        return jdbc.query("SELECT " + COLUMNS + " FROM fx_rate WHERE id = ?", RATE, id).get(0);
    }

    /** The corrections of a rate, oldest first. */
    @Transactional(readOnly = true)
    public List<java.util.Map<String, Object>> corrections(long id) {
        if (jdbc.queryForObject("SELECT count(*) FROM fx_rate WHERE id = ?", Integer.class, id) == 0) {
            throw new io.reelflow.platform.web.NotFoundException("no FX rate with id " + id);
        }
        return jdbc.query("SELECT old_rate, new_rate, reason, corrected_by, corrected_at FROM fx_rate_correction WHERE fx_rate_id = ? ORDER BY id",
                (rs, i) -> java.util.Map.<String, Object>of("oldRate", rs.getBigDecimal("old_rate").stripTrailingZeros(),
                        "newRate", rs.getBigDecimal("new_rate").stripTrailingZeros(), "reason", rs.getString("reason"),
                        "correctedBy", rs.getString("corrected_by"), "correctedAt", rs.getTimestamp("corrected_at").toInstant()), id);
    }

    /** The rate of a day, locked against a correction until the receipt converted at it commits. */
    Optional<FxRateView> findForUse(String from, String to, LocalDate date) {
        return jdbc.query("SELECT " + COLUMNS + " FROM fx_rate WHERE from_currency = ? AND to_currency = ? AND rate_date = ? FOR SHARE",
                RATE, from, to, date).stream().findFirst();
    }

    Optional<FxRateView> find(String from, String to, LocalDate date) {
        return jdbc.query("SELECT " + COLUMNS + " FROM fx_rate WHERE from_currency = ? AND to_currency = ? AND rate_date = ?",
                RATE, from, to, date).stream().findFirst();
    }
}
