package io.reelflow.deal;

import io.reelflow.royalty.FeeDeals;
import io.reelflow.royalty.FeeInstalmentVariables;
import io.reelflow.royalty.rules.InstalmentTerm;
import io.reelflow.royalty.rules.InstalmentTrigger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The deal's answer to the fee processes ({@link FeeDeals}): its fee terms (the typed terms, {@link Deal#terms()}), its titles and window,
 * read by the business key once per transaction ({@link ProcessDeal}).
 */
@Component
class DealFees implements FeeDeals {

    private final ProcessDeal processDeal;
    private final DealFinanceService finance;
    private final DealChildProcesses children;

    DealFees(ProcessDeal processDeal, @Lazy DealFinanceService finance, DealChildProcesses children) {
        this.processDeal = processDeal;
        this.finance = finance;
        this.children = children;
    }

    @Override
    public FeeDeal feeDeal(String crmDealId) {
        Deal deal = processDeal.deal(crmDealId);
        DealRequest.Fee fee = deal.terms().fee();
        boolean revenueShare = fee.type() == DealRequest.FeeType.MG_REVENUE_SHARE;
        List<InstalmentTerm> lines = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        for (DealRequest.Instalment i : fee.instalments()) {
            int credit = i.creditDays() == null ? 0 : i.creditDays();
            lines.add(i.trigger() == DealRequest.Trigger.DATE
                    ? new InstalmentTerm(i.percent(), null, InstalmentTrigger.DATE, i.date(), credit)
                    : new InstalmentTerm(i.percent(), null, InstalmentTrigger.valueOf(i.trigger().name()), null, credit));
            triggers.add(i.trigger().name());
        }
        List<DealTitle> titles = processDeal.titles(deal.getId()).stream().map(t -> new DealTitle(t.titleId(), t.name())).toList();
        return new FeeDeal(deal.getCrmDealId(), deal.getLicensee(), titles, fee.currency(), revenueShare,
                revenueShare ? fee.minimumGuarantee() : fee.amount(), fee.revenueSharePercent(), lines, triggers,
                LocalDate.ofInstant(deal.getCreatedAt(), ZoneOffset.UTC), deal.getWindowStart(), deal.getWindowEnd());
    }

    @Override
    public void completeWhenAlreadyRecorded(String taskId, String taskKey, String crmDealId, Object which) {
        finance.completeWhenAlreadyRecorded(taskId, taskKey, crmDealId, which);
    }

    @Override
    public boolean feeInstalmentsRunning(String crmDealId) {
        return children.anyRunning(FeeInstalmentVariables.PROCESS, crmDealId);
    }
}
