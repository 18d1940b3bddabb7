package io.reelflow.deal;

import static io.reelflow.delivery.NetflixDeliveryVariables.BACKLOT_DUE;
import static io.reelflow.delivery.NetflixDeliveryVariables.BACKLOT_ESCALATION;
import static io.reelflow.delivery.NetflixDeliveryVariables.DELIVERY_DUE;
import static io.reelflow.delivery.NetflixDeliveryVariables.TITLE_ID;
import static io.reelflow.delivery.NetflixDeliveryVariables.TITLE_NAME;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.delivery.DeliveryService;
import io.reelflow.delivery.NetflixDeliveryVariables;
import io.reelflow.delivery.DeliveryService.Required;
import io.reelflow.inspection.TrackKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The deal's side of its deliveries: {@code ${startTitleDeliveries}} starts one netflix-delivery per title of the
 * business key's deal, and
 * {@code ${createDelivery}} turns the deal's format and localization requirements into one delivery per title.
 */
@Component("dealDeliveries")
public class DealDeliveries {

    private final DealRecords records;
    private final ProcessDeal processDeal;

    public DealDeliveries(DealRecords records, ProcessDeal processDeal) {
        this.records = records;
        this.processDeal = processDeal;
    }

    /** The titles of the instance's deal (its business key). */
    public List<Long> titleIds(DelegateExecution execution) {
        return records.titles(processDeal.dealId(execution)).stream().map(DealRecords.DealTitle::titleId).toList();
    }

    /**
     * {@code ${startTitleDeliveries}}: one netflix-delivery per title of the deal, with the deal's business key, beside
     * the deal's instance; "Titles delivered" waits for the last of them ({@link DealChildProcesses}).
     */
    @Component("startTitleDeliveries")
    static class StartTitleDeliveriesDelegate implements JavaDelegate {
        private final DealDeliveries dealDeliveries;
        private final RuntimeService runtime;

        StartTitleDeliveriesDelegate(DealDeliveries dealDeliveries, RuntimeService runtime) {
            this.dealDeliveries = dealDeliveries;
            this.runtime = runtime;
        }

        @Override
        public void execute(DelegateExecution e) {
            for (long titleId : dealDeliveries.titleIds(e)) {
                runtime.createProcessInstanceByKey(NetflixDeliveryVariables.PROCESS).businessKey(ProcessDeal.businessKey(e))
                        .setVariable(TITLE_ID.name(), titleId)
                        .execute();
            }
        }
    }

    /** {@code ${createDelivery}} */
    @Component("createDelivery")
    static class CreateDeliveryDelegate implements JavaDelegate {
        private final ProcessDeal processDeal;
        private final DealRecords records;
        private final DeliveryService deliveries;
        private final ObjectMapper json;
        private final int backlotDays;
        private final String backlotEscalation;

        CreateDeliveryDelegate(ProcessDeal processDeal, DealRecords records, DeliveryService deliveries, ObjectMapper json,
                               @Value("${reelflow.delivery.backlot-setup-days:3}") int backlotDays,
                               @Value("${reelflow.delivery.backlot-escalation:P5D}") String backlotEscalation) {
            this.processDeal = processDeal;
            this.records = records;
            this.deliveries = deliveries;
            this.json = json;
            this.backlotDays = backlotDays;
            this.backlotEscalation = backlotEscalation;
        }

        @Override
        public void execute(DelegateExecution e) throws Exception {
            Deal deal = processDeal.deal(e);
            long dealId = deal.getId();
            // the title the delivery was started with: it must be one of this deal's titles
            long titleId = TITLE_ID.required(e);
            DealRequest terms = json.readValue(deal.getTermsJson(), DealRequest.class);
            String titleName = records.titles(dealId).stream().filter(t -> t.titleId() == titleId).findFirst()
                    .orElseThrow(() -> new IllegalStateException("title " + titleId + " is not a title of deal " + deal.getCrmDealId())).name();
            String language = records.originalLanguage(titleId);
            List<Required> tracks = new ArrayList<>();
            DealRequest.Localization loc = terms.localization();
            if (loc != null) {
                add(tracks, TrackKind.SUBTITLE, loc.subtitles());
                add(tracks, TrackKind.DUB, loc.dubs());
                add(tracks, TrackKind.AUDIO_DESCRIPTION, loc.audioDescription());
                add(tracks, TrackKind.FORCED_NARRATIVE, loc.forcedNarratives());
            }
            deliveries.create(deal.getCrmDealId(), titleId, titleName, terms.format().resolution().name(),
                    terms.format().dynamicRange().name(), language, deal.getDeliveryDue(), tracks);
            Instant now = ClockUtil.getCurrentTime().toInstant();
            Date due = deal.getDeliveryDue() == null ? Date.from(now.plus(30, ChronoUnit.DAYS))
                    : Date.from(deal.getDeliveryDue().atStartOfDay().toInstant(ZoneOffset.UTC));
            // the name and the due day every later task of the delivery shows; the rest is the delivery's record
            TITLE_NAME.set(e, titleName);
            DELIVERY_DUE.set(e, due);
            // the Backlot task and its escalation timer are created in this transaction: nothing to keep
            BACKLOT_DUE.setTransient(e, Date.from(now.plus(backlotDays, ChronoUnit.DAYS)));
            BACKLOT_ESCALATION.setTransient(e, backlotEscalation);
        }

        private static void add(List<Required> tracks, TrackKind kind, List<String> languages) {
            if (languages != null) languages.forEach(l -> tracks.add(new Required(kind, l)));
        }
    }
}
