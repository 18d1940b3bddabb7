package io.reelflow.deal;

import io.reelflow.delivery.DeliveryService.Required;
import io.reelflow.delivery.TitleDeliveryTerms;
import io.reelflow.inspection.TrackKind;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The deal's answer to delivery: what one title's delivery must be, from the deal's typed terms. */
@Service
class DealDeliveryTerms implements TitleDeliveryTerms.Source {

    private final DealRecords records;
    private final ProcessDeal processDeal;

    DealDeliveryTerms(DealRecords records, ProcessDeal processDeal) {
        this.records = records;
        this.processDeal = processDeal;
    }

    @Override
    @Transactional
    public TitleDeliveryTerms of(String crmDealId, long titleId) {
        Deal deal = processDeal.deal(crmDealId); // the transaction's copy: a query would also flush the deal's pending change
        String titleName = processDeal.titles(deal.getId()).stream().filter(t -> t.titleId() == titleId).findFirst()
                .orElseThrow(() -> new IllegalStateException("title " + titleId + " is not a title of deal " + crmDealId)).name();
        DealRequest terms = deal.terms();
        List<Required> tracks = new ArrayList<>();
        DealRequest.Localization loc = terms.localization();
        if (loc != null) {
            add(tracks, TrackKind.SUBTITLE, loc.subtitles());
            add(tracks, TrackKind.DUB, loc.dubs());
            add(tracks, TrackKind.AUDIO_DESCRIPTION, loc.audioDescription());
            add(tracks, TrackKind.FORCED_NARRATIVE, loc.forcedNarratives());
        }
        return new TitleDeliveryTerms(crmDealId, titleId, titleName, terms.format().resolution().name(), terms.format().dynamicRange().name(),
                records.originalLanguage(titleId), deal.getDeliveryDue(), List.copyOf(tracks));
    }

    private static void add(List<Required> tracks, TrackKind kind, List<String> languages) {
        if (languages != null) languages.forEach(l -> tracks.add(new Required(kind, l)));
    }
}
