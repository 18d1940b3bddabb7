package io.reelflow.deal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.delivery.Deliveries;
import io.reelflow.delivery.DeliveryService;
import io.reelflow.delivery.DeliveryService.Required;
import io.reelflow.inspection.TrackKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The deal's side of its deliveries: {@code ${dealDeliveries.titleIds(dealId)}} feeds the
 * multi-instance call of netflix-delivery, and {@code ${createDelivery}} turns the deal's format and
 * localization requirements into one delivery per title.
 */
@Component("dealDeliveries")
public class DealDeliveries {

    private final DealRecords records;

    public DealDeliveries(DealRecords records) {
        this.records = records;
    }

    public List<Long> titleIds(Object dealId) {
        return records.titles(((Number) dealId).longValue()).stream().map(DealRecords.DealTitle::titleId).toList();
    }

    /** {@code ${createDelivery}} */
    @Component("createDelivery")
    static class CreateDeliveryDelegate implements JavaDelegate {
        private final DealRepository deals;
        private final DealRecords records;
        private final DeliveryService deliveries;
        private final ObjectMapper json;
        private final int backlotDays;
        private final String backlotEscalation;
        private final String qcEscalation;

        CreateDeliveryDelegate(DealRepository deals, DealRecords records, DeliveryService deliveries, ObjectMapper json,
                               @Value("${reelflow.delivery.backlot-setup-days:3}") int backlotDays,
                               @Value("${reelflow.delivery.backlot-escalation:P5D}") String backlotEscalation,
                               @Value("${reelflow.delivery.qc-escalation:P10D}") String qcEscalation) {
            this.deals = deals;
            this.records = records;
            this.deliveries = deliveries;
            this.json = json;
            this.backlotDays = backlotDays;
            this.backlotEscalation = backlotEscalation;
            this.qcEscalation = qcEscalation;
        }

        @Override
        public void execute(DelegateExecution e) throws Exception {
            long dealId = ((Number) e.getVariable("dealId")).longValue();
            long titleId = ((Number) e.getVariable("titleId")).longValue();
            Deal deal = deals.findById(dealId).orElseThrow();
            DealRequest terms = json.readValue(deal.getTermsJson(), DealRequest.class);
            String titleName = records.titles(dealId).stream().filter(t -> t.titleId() == titleId).findFirst().orElseThrow().name();
            String language = records.originalLanguage(titleId);
            List<Required> tracks = new ArrayList<>();
            DealRequest.Localization loc = terms.localization();
            if (loc != null) {
                add(tracks, TrackKind.SUBTITLE, loc.subtitles());
                add(tracks, TrackKind.DUB, loc.dubs());
                add(tracks, TrackKind.AUDIO_DESCRIPTION, loc.audioDescription());
                add(tracks, TrackKind.FORCED_NARRATIVE, loc.forcedNarratives());
            }
            long deliveryId = deliveries.create(deal.getCrmDealId(), titleId, titleName, terms.format().resolution().name(),
                    terms.format().dynamicRange().name(), language, deal.getDeliveryDue(), tracks);
            Instant now = ClockUtil.getCurrentTime().toInstant();
            Date due = deal.getDeliveryDue() == null ? Date.from(now.plus(30, ChronoUnit.DAYS))
                    : Date.from(deal.getDeliveryDue().atStartOfDay().toInstant(ZoneOffset.UTC));
            StringBuilder summary = new StringBuilder();
            StringBuilder requests = new StringBuilder("IMF package: \n");
            for (Required r : tracks) {
                summary.append(Deliveries.label(r.kind())).append(' ').append(r.language()).append('\n');
                requests.append(Deliveries.label(r.kind())).append(' ').append(r.language()).append(": \n");
            }
            e.setVariable("deliveryId", deliveryId);
            e.setVariable("titleName", titleName);
            e.setVariable("formatLabel", terms.format().resolution() + " " + terms.format().dynamicRange());
            e.setVariable("deliveryDue", due);
            e.setVariable("deliveryDueLabel", deal.getDeliveryDue() == null ? "not set" : deal.getDeliveryDue().toString());
            e.setVariable("backlotDue", Date.from(now.plus(backlotDays, ChronoUnit.DAYS)));
            e.setVariable("backlotEscalation", backlotEscalation);
            e.setVariable("qcEscalation", qcEscalation);
            e.setVariable("trackSummary", summary.isEmpty() ? "no localization required" : summary.toString().strip());
            e.setVariable("sourceRequests", requests.toString().strip());
            e.setVariable("packageNeeded", true);
            e.setVariable("tracksPending", !tracks.isEmpty());
            e.setVariable("metadataFixNeeded", false);
        }

        private static void add(List<Required> tracks, TrackKind kind, List<String> languages) {
            if (languages != null) languages.forEach(l -> tracks.add(new Required(kind, l)));
        }
    }
}
