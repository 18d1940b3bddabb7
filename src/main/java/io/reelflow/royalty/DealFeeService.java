package io.reelflow.royalty;

import io.reelflow.delivery.DeliveryService;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.CatalogueService;
import io.reelflow.rights.CatalogueViews.RightsInView;
import io.reelflow.royalty.FeeDeals.DealTitle;
import io.reelflow.royalty.FeeDeals.FeeDeal;
import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import io.reelflow.royalty.LicenceFeeService.Kind;
import io.reelflow.royalty.LicenceFeeService.OverageOutcome;
import io.reelflow.royalty.RoyaltyRequests.NewReceipt;
import io.reelflow.royalty.RoyaltyViews.AgreementView;
import io.reelflow.royalty.rules.FeeTerms;
import io.reelflow.royalty.rules.Money;
import io.reelflow.royalty.rules.ReceiptSplit;
import io.reelflow.royalty.rules.RevenueQuarters;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The money of a deal: turns the deal's fee terms (asked once per step of the deal side, {@link FeeDeals}) into the
 * royalty schedule, decides when an instalment's trigger has happened, and posts what the licensee paid to the
 * licensors of the deal's titles. Every method takes the deal by its CRM deal id (the business key of the fee
 * processes).
 */
@Service
public class DealFeeService {

    private final FeeDeals deals;
    private final DeliveryService deliveries;
    private final LicenceFeeService fees;
    private final RoyaltyAgreementService agreements;
    private final RoyaltyReceiptService receipts;
    private final FxRateService rates;
    private final CatalogueService catalogue;

    public DealFeeService(FeeDeals deals, DeliveryService deliveries, LicenceFeeService fees, RoyaltyAgreementService agreements,
                          RoyaltyReceiptService receipts, FxRateService rates, CatalogueService catalogue) {
        this.deals = deals;
        this.deliveries = deliveries;
        this.fees = fees;
        this.agreements = agreements;
        this.receipts = receipts;
        this.rates = rates;
        this.catalogue = catalogue;
    }

    /** The first revenue quarter of a revenue-share deal, or null for a fixed fee. */
    public record Schedule(List<InstalmentView> instalments, String firstQuarter, LocalDate firstQuarterEnd) {
    }

    /** A payment that needs an exchange rate finance has not entered yet. */
    public record MissingRate(String from, String to, LocalDate on) {
    }

    /** Creates the instalments (idempotent) and, for a revenue-share deal, names the first quarter to report. */
    @Transactional
    public Schedule schedule(String crmDealId) {
        FeeDeal deal = deals.feeDeal(crmDealId);
        Money total = Money.of(deal.total(), java.util.Currency.getInstance(deal.currency()));
        // signature: the day the signed deal reached us from the CRM
        List<InstalmentView> instalments = fees.schedule(crmDealId, deal.revenueShare() ? Kind.MINIMUM_GUARANTEE : Kind.LICENCE_FEE,
                new FeeTerms(total, deal.instalments()), deal.triggers(), deal.signedOn(), deal.windowStart());
        if (!deal.revenueShare()) return new Schedule(instalments, null, null);
        LocalDate start = deal.windowStart();
        var first = RevenueQuarters.of(start, start).get(0);
        return new Schedule(instalments, first.label(), first.end());
    }

    public List<Integer> instalmentNumbers(String crmDealId) {
        return fees.instalments(crmDealId).stream()
                .filter(i -> !LicenceFeeService.Kind.OVERAGE.name().equals(i.kind()))
                .map(InstalmentView::number).toList();
    }

    /**
     * The instalment, dated now if its trigger has happened: for DELIVERY_ACCEPTED, once Netflix has accepted
     * every title of the deal (dated the day the last one was accepted).
     */
    @Transactional
    public InstalmentView checkTrigger(String crmDealId, int number) {
        InstalmentView i = fees.instalment(crmDealId, number);
        if (i.triggered() || !"DELIVERY_ACCEPTED".equals(i.trigger())) return i;
        Optional<LocalDate> acceptedOn = allAcceptedOn(deals.feeDeal(crmDealId));
        return acceptedOn.map(day -> fees.trigger(crmDealId, number, day)).orElse(i);
    }

    private Optional<LocalDate> allAcceptedOn(FeeDeal deal) {
        int titles = deal.titles().size();
        List<LocalDate> accepted = deliveries.acceptedDays(deal.crmDealId());
        if (titles == 0 || accepted.size() < titles) return Optional.empty();
        return accepted.stream().max(Comparator.naturalOrder());
    }

    /** The receipts posted for a payment, or the exchange rate their posting still needs (then nothing is posted). */
    public record Posting(List<Long> receiptIds, MissingRate missingRate) {
    }

    /**
     * Posts the payment of an instalment through the waterfall of each title's licensor: one receipt per title,
     * the payment split equally. Each receipt carries a reference made of deal, instalment and title, so a retried
     * job posts nothing twice. When a licensor keeps its accounts in another currency and finance has not entered
     * that day's rate, nothing is posted and the missing rate is answered.
     */
    @Transactional
    public Posting postRoyalties(String crmDealId, int number) {
        FeeDeal deal = deals.feeDeal(crmDealId);
        InstalmentView paid = fees.instalment(crmDealId, number);
        if (paid.paidOn() == null) throw new IllegalStateException("instalment " + number + " of " + crmDealId + " is not paid");
        List<DealTitle> titles = deal.titles();
        List<AgreementView> agreementsOfTitles = new ArrayList<>(titles.size());
        for (DealTitle title : titles) {
            AgreementView a = agreementOf(title.titleId(), title.name(), deal.windowStart());
            if (!a.currency().equals(paid.paidCurrency()) && !rates.hasRate(paid.paidCurrency(), a.currency(), paid.paidOn())) {
                return new Posting(List.of(), new MissingRate(paid.paidCurrency(), a.currency(), paid.paidOn()));
            }
            agreementsOfTitles.add(a);
        }
        List<Money> shares = ReceiptSplit.equally(Money.of(paid.paidAmount(), java.util.Currency.getInstance(paid.paidCurrency())), titles.size());
        List<Long> receiptIds = new ArrayList<>();
        for (int t = 0; t < titles.size(); t++) {
            long titleId = titles.get(t).titleId();
            String reference = crmDealId + "/instalment-" + number + "/title-" + titleId;
            try {
                receiptIds.add(receipts.post(new NewReceipt(agreementsOfTitles.get(t).id(), crmDealId, titleId, paid.paidOn(),
                        shares.get(t).amount(), paid.paidCurrency(), reference)).receipt().id());
            } catch (InvalidInputException e) {
                throw new IllegalStateException("receipt " + reference + " refused: " + e.getMessage(), e);
            }
        }
        return new Posting(receiptIds, null);
    }

    /** The exchange rate the posting of a paid instalment still needs, from the records; null when none is missing. */
    @Transactional(readOnly = true)
    public MissingRate missingRate(String crmDealId, int number) {
        InstalmentView paid = fees.instalment(crmDealId, number);
        if (paid.paidOn() == null) return null;
        FeeDeal deal = deals.feeDeal(crmDealId);
        for (DealTitle title : deal.titles()) {
            AgreementView a = agreementOf(title.titleId(), title.name(), deal.windowStart());
            if (!a.currency().equals(paid.paidCurrency()) && !rates.hasRate(paid.paidCurrency(), a.currency(), paid.paidOn())) {
                return new MissingRate(paid.paidCurrency(), a.currency(), paid.paidOn());
            }
        }
        return null;
    }

    /** The currency of the deal's fee. */
    @Transactional(readOnly = true)
    public String currency(String crmDealId) {
        return deals.feeDeal(crmDealId).currency();
    }

    /** The instalment of the deal as recorded. */
    @Transactional(readOnly = true)
    public InstalmentView instalment(String crmDealId, int number) {
        return fees.instalment(crmDealId, number);
    }

    /** The licensor agreement of a title: that of the licensor whose rights-in covers the window's first day (else the first rights-in). */
    private AgreementView agreementOf(long titleId, String titleName, LocalDate windowStart) {
        List<RightsInView> held = catalogue.rightsInForTitle(titleId);
        String licensor = held.stream()
                .filter(r -> !r.termStart().isAfter(windowStart) && (r.termEnd() == null || !r.termEnd().isBefore(windowStart)))
                .findFirst().or(() -> held.stream().findFirst()).map(RightsInView::licensor)
                .orElseThrow(() -> new IllegalStateException("title " + titleId + " '" + titleName + "' has no rights-in record"));
        return agreements.byLicensor(licensor).orElseThrow(() -> new IllegalStateException("no licensor agreement for '" + licensor
                + "' (title " + titleId + " '" + titleName + "'): record it with POST /api/licensor-agreements, then retry this job"));
    }

    /** The revenue of a quarter as reported; the currency must be the deal's. */
    @Transactional
    public void recordRevenueReport(String crmDealId, String quarter, BigDecimal revenue, String currency, String reference, String user) {
        fees.recordRevenueReport(crmDealId, quarter, revenue, currency, deals.feeDeal(crmDealId).currency(), reference, user);
    }

    /** Overage of the quarter against the MG (an OVERAGE instalment when some is due) and the next quarter to report. */
    @Transactional
    public OverageStep computeOverage(String crmDealId, String quarter, int creditDays, LocalDate today) {
        FeeDeal deal = deals.feeDeal(crmDealId);
        Money mg = Money.of(deal.total(), java.util.Currency.getInstance(deal.currency()));
        OverageOutcome outcome = fees.computeOverage(crmDealId, quarter, mg, deal.revenueSharePercent(), creditDays, today);
        LocalDate nextStart = RevenueQuarters.startOf(quarter).plusMonths(3);
        boolean more = deal.windowEnd() == null || !nextStart.isAfter(deal.windowEnd());
        return new OverageStep(outcome, more ? RevenueQuarters.labelOf(nextStart) : null, more ? nextStart.plusMonths(3).minusDays(1) : null);
    }

    public record OverageStep(OverageOutcome outcome, String nextQuarter, LocalDate nextQuarterEnd) {
    }
}
