package io.reelflow.deal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.delivery.DeliveryService;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.rights.CatalogueService;
import io.reelflow.rights.CatalogueViews.RightsInView;
import io.reelflow.royalty.FxRateService;
import io.reelflow.royalty.LicenceFeeService;
import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import io.reelflow.royalty.LicenceFeeService.Kind;
import io.reelflow.royalty.LicenceFeeService.OverageOutcome;
import io.reelflow.royalty.RoyaltyAgreementService;
import io.reelflow.royalty.RoyaltyReceiptService;
import io.reelflow.royalty.RoyaltyRequests.NewReceipt;
import io.reelflow.royalty.RoyaltyViews.AgreementView;
import io.reelflow.royalty.rules.FeeTerms;
import io.reelflow.royalty.rules.InstalmentTerm;
import io.reelflow.royalty.rules.InstalmentTrigger;
import io.reelflow.royalty.rules.Money;
import io.reelflow.royalty.rules.ReceiptSplit;
import io.reelflow.royalty.rules.RevenueQuarters;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deal's side of the money: turns the fee terms the CRM sent into the royalty schedule, decides when an
 * instalment's trigger has happened, and posts what the licensee paid to the licensors of the deal's titles.
 */
/** The bean is {@code dealFees} in BPMN expressions ({@code ${dealFees.instalmentNumbers(crmDealId)}}). */
@Service("dealFees")
public class DealFeeService {

    private final DealRepository deals;
    private final DealRecords records;
    private final DeliveryService deliveries;
    private final LicenceFeeService fees;
    private final RoyaltyAgreementService agreements;
    private final RoyaltyReceiptService receipts;
    private final FxRateService rates;
    private final CatalogueService catalogue;
    private final ObjectMapper json;

    public DealFeeService(DealRepository deals, DealRecords records, DeliveryService deliveries, LicenceFeeService fees,
                          RoyaltyAgreementService agreements, RoyaltyReceiptService receipts, FxRateService rates, CatalogueService catalogue,
                          ObjectMapper json) {
        this.deals = deals;
        this.records = records;
        this.deliveries = deliveries;
        this.fees = fees;
        this.agreements = agreements;
        this.receipts = receipts;
        this.rates = rates;
        this.catalogue = catalogue;
        this.json = json;
    }

    /** The first revenue quarter of a revenue-share deal, or null for a fixed fee. */
    public record Schedule(List<InstalmentView> instalments, String firstQuarter, LocalDate firstQuarterEnd) {
    }

    /** A payment that needs an exchange rate finance has not entered yet. */
    public record MissingRate(String from, String to, LocalDate on) {
    }

    Deal deal(long dealId) {
        return deals.findById(dealId).orElseThrow(() -> new IllegalStateException("no deal with id " + dealId));
    }

    DealRequest.Fee fee(Deal deal) {
        return deal.terms().fee();
    }

    /** Creates the instalments (idempotent) and, for a revenue-share deal, names the first quarter to report. */
    @Transactional
    public Schedule schedule(long dealId) {
        Deal deal = deal(dealId);
        DealRequest.Fee fee = fee(deal);
        boolean revenueShare = fee.type() == DealRequest.FeeType.MG_REVENUE_SHARE;
        Money total = Money.of(revenueShare ? fee.minimumGuarantee() : fee.amount(), java.util.Currency.getInstance(fee.currency()));
        List<InstalmentTerm> lines = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        for (DealRequest.Instalment i : fee.instalments()) {
            int credit = i.creditDays() == null ? 0 : i.creditDays();
            lines.add(i.trigger() == DealRequest.Trigger.DATE
                    ? new InstalmentTerm(i.percent(), null, InstalmentTrigger.DATE, i.date(), credit)
                    : new InstalmentTerm(i.percent(), null, InstalmentTrigger.valueOf(i.trigger().name()), null, credit));
            triggers.add(i.trigger().name());
        }
        // signature: the day the signed deal reached us from the CRM
        LocalDate signedOn = LocalDate.ofInstant(deal.getCreatedAt(), ZoneOffset.UTC);
        List<InstalmentView> instalments = fees.schedule(deal.getCrmDealId(), revenueShare ? Kind.MINIMUM_GUARANTEE : Kind.LICENCE_FEE,
                new FeeTerms(total, lines), triggers, signedOn, deal.getWindowStart());
        if (!revenueShare) return new Schedule(instalments, null, null);
        LocalDate start = deal.getWindowStart();
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
    public InstalmentView checkTrigger(long dealId, int number) {
        Deal deal = deal(dealId);
        InstalmentView i = fees.instalment(deal.getCrmDealId(), number);
        if (i.triggered() || !"DELIVERY_ACCEPTED".equals(i.trigger())) return i;
        Optional<LocalDate> acceptedOn = allAcceptedOn(deal);
        return acceptedOn.map(day -> fees.trigger(deal.getCrmDealId(), number, day)).orElse(i);
    }

    private Optional<LocalDate> allAcceptedOn(Deal deal) {
        int titles = records.titles(deal.getId()).size();
        List<LocalDate> accepted = deliveries.acceptedDays(deal.getCrmDealId());
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
    public Posting postRoyalties(long dealId, int number) {
        Deal deal = deal(dealId);
        InstalmentView paid = fees.instalment(deal.getCrmDealId(), number);
        if (paid.paidOn() == null) throw new IllegalStateException("instalment " + number + " of " + deal.getCrmDealId() + " is not paid");
        var titles = records.titles(dealId);
        List<AgreementView> agreementsOfTitles = new ArrayList<>(titles.size());
        for (var title : titles) {
            AgreementView a = agreementOf(title.titleId(), title.name(), deal.getWindowStart());
            if (!a.currency().equals(paid.paidCurrency()) && !rates.hasRate(paid.paidCurrency(), a.currency(), paid.paidOn())) {
                return new Posting(List.of(), new MissingRate(paid.paidCurrency(), a.currency(), paid.paidOn()));
            }
            agreementsOfTitles.add(a);
        }
        List<Money> shares = ReceiptSplit.equally(Money.of(paid.paidAmount(), java.util.Currency.getInstance(paid.paidCurrency())), titles.size());
        List<Long> receiptIds = new ArrayList<>();
        for (int t = 0; t < titles.size(); t++) {
            long titleId = titles.get(t).titleId();
            String reference = deal.getCrmDealId() + "/instalment-" + number + "/title-" + titleId;
            try {
                receiptIds.add(receipts.post(new NewReceipt(agreementsOfTitles.get(t).id(), deal.getCrmDealId(), titleId, paid.paidOn(),
                        shares.get(t).amount(), paid.paidCurrency(), reference)).receipt().id());
            } catch (InvalidInputException e) {
                throw new IllegalStateException("receipt " + reference + " refused: " + e.getMessage(), e);
            }
        }
        return new Posting(receiptIds, null);
    }

    /** The exchange rate the posting of a paid instalment still needs, from the records; null when none is missing. */
    @Transactional(readOnly = true)
    public MissingRate missingRate(long dealId, int number) {
        Deal deal = deal(dealId);
        InstalmentView paid = fees.instalment(deal.getCrmDealId(), number);
        if (paid.paidOn() == null) return null;
        for (var title : records.titles(dealId)) {
            AgreementView a = agreementOf(title.titleId(), title.name(), deal.getWindowStart());
            if (!a.currency().equals(paid.paidCurrency()) && !rates.hasRate(paid.paidCurrency(), a.currency(), paid.paidOn())) {
                return new MissingRate(paid.paidCurrency(), a.currency(), paid.paidOn());
            }
        }
        return null;
    }

    /** The currency of the deal's fee. */
    @Transactional(readOnly = true)
    public String currency(long dealId) {
        return fee(deal(dealId)).currency();
    }

    /** The instalment of the deal as recorded. */
    @Transactional(readOnly = true)
    public InstalmentView instalment(long dealId, int number) {
        return fees.instalment(deal(dealId).getCrmDealId(), number);
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
    public void recordRevenueReport(long dealId, String quarter, BigDecimal revenue, String currency, String reference, String user) {
        Deal deal = deal(dealId);
        fees.recordRevenueReport(deal.getCrmDealId(), quarter, revenue, currency, fee(deal).currency(), reference, user);
    }

    /** Overage of the quarter against the MG (an OVERAGE instalment when some is due) and the next quarter to report. */
    @Transactional
    public OverageStep computeOverage(long dealId, String quarter, int creditDays, LocalDate today) {
        Deal deal = deal(dealId);
        DealRequest.Fee fee = fee(deal);
        Money mg = Money.of(fee.minimumGuarantee(), java.util.Currency.getInstance(fee.currency()));
        OverageOutcome outcome = fees.computeOverage(deal.getCrmDealId(), quarter, mg, fee.revenueSharePercent(), creditDays, today);
        LocalDate nextStart = RevenueQuarters.startOf(quarter).plusMonths(3);
        boolean more = deal.getWindowEnd() == null || !nextStart.isAfter(deal.getWindowEnd());
        return new OverageStep(outcome, more ? RevenueQuarters.labelOf(nextStart) : null, more ? nextStart.plusMonths(3).minusDays(1) : null);
    }

    public record OverageStep(OverageOutcome outcome, String nextQuarter, LocalDate nextQuarterEnd) {
    }
}
