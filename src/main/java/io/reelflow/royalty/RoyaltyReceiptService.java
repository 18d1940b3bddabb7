package io.reelflow.royalty;

import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import io.reelflow.royalty.RoyaltyLedger.Entry;
import io.reelflow.royalty.RoyaltyRequests.NewReceipt;
import io.reelflow.royalty.RoyaltyViews.FxRateView;
import io.reelflow.royalty.RoyaltyViews.ReceiptView;
import io.reelflow.royalty.rules.FxRate;
import io.reelflow.royalty.rules.LedgerState;
import io.reelflow.royalty.rules.Money;
import io.reelflow.royalty.rules.Posting;
import io.reelflow.royalty.rules.Receipt;
import io.reelflow.royalty.rules.StatementPeriod;
import io.reelflow.royalty.rules.Waterfall;
import io.reelflow.royalty.rules.WaterfallResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Posts receipts through the licensor waterfall into the ledger, and reverses them. */
@Service
public class RoyaltyReceiptService {

    private final JdbcTemplate jdbc;
    private final RoyaltyAgreementService agreements;
    private final FxRateService rates;
    private final RoyaltyLedger ledger;

    public RoyaltyReceiptService(JdbcTemplate jdbc, RoyaltyAgreementService agreements, FxRateService rates, RoyaltyLedger ledger) {
        this.jdbc = jdbc;
        this.agreements = agreements;
        this.rates = rates;
        this.ledger = ledger;
    }

    public record Posted(ReceiptView receipt, boolean created) {
    }

    /**
     * Applies the waterfall to a receipt and appends one ledger entry per posting. A repeated external
     * reference with the same content answers the first posting and posts nothing.
     */
    @Transactional
    public Posted post(NewReceipt req) {
        String reference = req.externalReference().strip();
        Optional<Long> known = receiptIdByReference(reference);
        if (known.isPresent()) return new Posted(replay(known.get(), req), false);

        // references to nothing are 404, each naming its field; then whether they belong together (400)
        List<FieldProblem> unknown = new ArrayList<>();
        if (count("SELECT count(*) FROM licensor_agreement WHERE id = ?", req.agreementId()) == 0) {
            unknown.add(new FieldProblem("agreementId", "no licensor agreement with id " + req.agreementId()));
        }
        if (count("SELECT count(*) FROM title WHERE id = ?", req.titleId()) == 0) {
            unknown.add(new FieldProblem("titleId", "no title with id " + req.titleId()));
        }
        List<Long> dealIds = jdbc.queryForList("SELECT id FROM deal WHERE crm_deal_id = ?", Long.class, req.dealRef().strip());
        if (dealIds.isEmpty()) unknown.add(new FieldProblem("dealRef", "no deal with CRM deal id " + req.dealRef().strip()));
        if (!unknown.isEmpty()) throw new NotFoundException(unknown);

        LicensorAgreement a = agreements.lock(req.agreementId());
        known = receiptIdByReference(reference); // a concurrent post of the same reference may have won while we waited
        if (known.isPresent()) return new Posted(replay(known.get(), req), false);

        List<FieldProblem> problems = new ArrayList<>();
        belongsToItsDealAndLicensor(dealIds.get(0), req.dealRef().strip(), req.titleId(), a, problems);
        Currency currency = Currencies.parse(req.currency(), "currency", problems);
        Money gross = Currencies.money(req.amount(), currency, "amount", problems);
        FxRate fx = null;
        if (currency != null && !currency.equals(a.currency())) {
            Optional<FxRateView> rate = rates.findForUse(currency.getCurrencyCode(), a.currencyCode(), req.receivedOn());
            if (rate.isEmpty()) {
                String reason = "no FX rate " + currency.getCurrencyCode() + "->" + a.currencyCode() + " entered for "
                        + req.receivedOn() + "; enter it under /api/fx-rates first";
                problems.add(new FieldProblem("currency", reason));
                problems.add(new FieldProblem("receivedOn", reason));
            } else {
                fx = new FxRate(currency, a.currency(), rate.get().rate());
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);

        String dealRef = req.dealRef().strip();
        Long receiptId;
        try {
            receiptId = jdbc.queryForObject("""
                    INSERT INTO royalty_receipt (agreement_id, deal_ref, title_id, received_on, gross_amount, gross_currency, external_reference)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, a.id(), dealRef, req.titleId(), req.receivedOn(),
                    gross.amount(), currency.getCurrencyCode(), reference);
        } catch (DuplicateKeyException e) { // the same reference posted concurrently for another agreement
            throw new ConflictException("receipt " + reference + " was posted concurrently",
                    List.of(new FieldProblem("externalReference", "already posted")));
        }
        LedgerState before = ledger.currentState(a);
        Receipt receipt = new Receipt(reference, dealRef, String.valueOf(req.titleId()), req.receivedOn(), gross, fx);
        WaterfallResult result = Waterfall.apply(a.terms(), before, receipt);
        StatementPeriod period = ledger.openPeriod(a, req.receivedOn());
        BigDecimal rateUsed = fx == null ? null : fx.rate();
        for (Posting p : result.postings()) {
            Long expenseId = p.expenseId() == null ? null : Long.valueOf(p.expenseId());
            ledger.append(a.id(), receiptId, expenseId, dealRef, req.titleId(), p.kind().name(), p.amount(), rateUsed, p.note(),
                    period, null);
        }
        return new Posted(receipt(receiptId), true);
    }

    public record Reversed(ReceiptView receipt, boolean created) {
    }

    /**
     * Appends a reversing entry for every entry of the receipt. The reversal lands in the receipt's period,
     * or in the next period not issued yet when that statement is frozen. Reversing twice does nothing more.
     */
    @Transactional
    public Reversed reverse(long receiptId) {
        Map<String, Object> row = jdbc.queryForList("SELECT agreement_id, received_on FROM royalty_receipt WHERE id = ?", receiptId)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("no royalty receipt with id " + receiptId));
        LicensorAgreement a = agreements.lock(((Number) row.get("agreement_id")).longValue());
        List<Entry> entries = ledger.entriesOfReceipt(receiptId);
        if (entries.stream().anyMatch(e -> e.reversesEntryId() != null)) return new Reversed(receipt(receiptId), false);
        LocalDate receivedOn = ((java.sql.Date) row.get("received_on")).toLocalDate();
        StatementPeriod period = ledger.openPeriod(a, receivedOn);
        for (Entry e : entries) {
            Money amount = Money.of(e.amount(), Currency.getInstance(e.currency())).negate();
            ledger.append(a.id(), receiptId, e.expenseId(), e.dealRef(), e.titleId(), e.kind(), amount, e.fxRateUsed(),
                    "reversal of entry " + e.id(), period, e.id());
        }
        return new Reversed(receipt(receiptId), true);
    }

    @Transactional(readOnly = true)
    public ReceiptView receipt(long id) {
        Map<String, Object> r = jdbc.queryForList("""
                SELECT r.id, r.external_reference, r.agreement_id, a.licensor, r.deal_ref, r.title_id, r.received_on, r.gross_amount,
                       r.gross_currency, a.currency AS agreement_currency
                  FROM royalty_receipt r JOIN licensor_agreement a ON a.id = r.agreement_id WHERE r.id = ?""", id)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("no royalty receipt with id " + id));
        List<Entry> entries = ledger.entriesOfReceipt(id);
        Currency grossCurrency = Currency.getInstance((String) r.get("gross_currency"));
        String agreementCurrency = (String) r.get("agreement_currency");
        BigDecimal rate = entries.stream().map(Entry::fxRateUsed).filter(x -> x != null).findFirst().map(BigDecimal::stripTrailingZeros)
                .orElse(null);
        BigDecimal converted = entries.stream().filter(e -> e.reversesEntryId() == null)
                .filter(e -> e.kind().equals("FX") || (e.kind().equals("RECEIPT") && e.currency().equals(agreementCurrency)))
                .map(Entry::amount).findFirst().orElse(null);
        return new ReceiptView(id, (String) r.get("external_reference"), ((Number) r.get("agreement_id")).longValue(),
                (String) r.get("licensor"), (String) r.get("deal_ref"), ((Number) r.get("title_id")).longValue(),
                ((java.sql.Date) r.get("received_on")).toLocalDate(), Money.of((BigDecimal) r.get("gross_amount"), grossCurrency).amount(),
                grossCurrency.getCurrencyCode(), rate, converted, agreementCurrency,
                entries.stream().anyMatch(e -> e.reversesEntryId() != null), entries.stream().map(Entry::view).toList());
    }

    private ReceiptView replay(long id, NewReceipt req) {
        ReceiptView stored = receipt(id);
        List<FieldProblem> differences = new ArrayList<>();
        if (stored.agreementId() != req.agreementId()) differences.add(new FieldProblem("agreementId", "was " + stored.agreementId()));
        if (!stored.dealRef().equals(req.dealRef().strip())) differences.add(new FieldProblem("dealRef", "was " + stored.dealRef()));
        if (stored.titleId() != req.titleId()) differences.add(new FieldProblem("titleId", "was " + stored.titleId()));
        if (!stored.receivedOn().equals(req.receivedOn())) differences.add(new FieldProblem("receivedOn", "was " + stored.receivedOn()));
        if (stored.amount().compareTo(req.amount()) != 0) differences.add(new FieldProblem("amount", "was " + stored.amount().toPlainString()));
        if (!stored.currency().equals(req.currency())) differences.add(new FieldProblem("currency", "was " + stored.currency()));
        if (!differences.isEmpty()) {
            throw new ConflictException("receipt " + stored.externalReference() + " was already posted with other values", differences);
        }
        return stored;
    }

    /**
     * A receipt belongs to a real deal and to the licensor the title is held from: the deal must list the title, and
     * the title's rights-in must name the agreement's licensor.
     */
    private void belongsToItsDealAndLicensor(long dealId, String dealRef, long titleId, LicensorAgreement a, List<FieldProblem> problems) {
        if (count("SELECT count(*) FROM deal_title WHERE deal_id = ? AND title_id = ?", dealId, titleId) == 0) {
            problems.add(new FieldProblem("dealRef", "deal " + dealRef + " does not include title " + titleId));
        }
        List<String> licensors = jdbc.queryForList("SELECT DISTINCT licensor FROM rights_in WHERE title_id = ? ORDER BY licensor",
                String.class, titleId);
        if (!licensors.contains(a.licensor())) {
            problems.add(new FieldProblem("agreementId", licensors.isEmpty()
                    ? "title " + titleId + " has no rights-in, so it is held from no licensor; agreement " + a.id() + " is with " + a.licensor()
                    : "title " + titleId + " is held from " + String.join(", ", licensors) + " (its rights-in), not from " + a.licensor()
                      + ", the licensor of agreement " + a.id()));
        }
    }

    private Optional<Long> receiptIdByReference(String reference) {
        return jdbc.queryForList("SELECT id FROM royalty_receipt WHERE external_reference = ?", Long.class, reference).stream().findFirst();
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
