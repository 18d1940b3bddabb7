package io.reelflow.deal;

import io.reelflow.delivery.DeliveryHistory;
import io.reelflow.delivery.QcCategory;
import io.reelflow.rights.Title;
import io.reelflow.rights.CatalogueService;
import io.reelflow.rights.rules.Media;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A year of past business for the demo, so the managers' dashboard shows something on a first start: fourteen past
 * deals (recorded as history: {@code CLOSED}, grants {@code EXPIRED}, no process) of one title, each delivered to
 * Netflix over the last twelve months, some accepted at the first QC and some after one or two rejections (subtitles,
 * audio sync, picture, HDR metadata, metadata), with their vendors. Idempotent: a deal or delivery already recorded is
 * left as it is, so a restart adds nothing.
 */
@Component
public class DemoDealHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoDealHistory.class);

    static final int DEALS = 14;
    /** rejections before acceptance, deal by deal (oldest first): fewer as the year goes on */
    private static final int[] REJECTIONS = {2, 1, 0, 1, 2, 0, 1, 0, 1, 0, 0, 1, 0, 0};
    private static final List<List<DeliveryHistory.Item>> ITEMS = List.of(
            List.of(new DeliveryHistory.Item(QcCategory.SUBTITLES, "TT-READING-SPEED", "reading speed above 20 cps", "SUBTITLE", "fr")),
            List.of(new DeliveryHistory.Item(QcCategory.AUDIO_SYNC, "AUD-SYNC", "dub drifts 3 frames from 00:41:10", "DUB", "es-419")),
            List.of(new DeliveryHistory.Item(QcCategory.VIDEO, "VID-ARTIFACT", "banding in the night sequence", null, null),
                    new DeliveryHistory.Item(QcCategory.COLOR_HDR_METADATA, "HDR-MAXCLL", "MaxCLL missing", null, null)),
            List.of(new DeliveryHistory.Item(QcCategory.SUBTITLES, "TT-OVERLAP", "events overlap at 01:02:03", "SUBTITLE", "es-419"),
                    new DeliveryHistory.Item(QcCategory.FORCED_NARRATIVES, "FN-MISSING", "sign at 00:12:40 not translated", "FORCED_NARRATIVE", "fr")),
            List.of(new DeliveryHistory.Item(QcCategory.METADATA, "META-SYNOPSIS", "synopsis over 150 characters", null, null)));
    private static final String[][] VENDORS = {{"Deluxe Subtitling", "VSI Madrid"}, {"SDI Media", "Iyuno Dubbing"}, {"Plint", "VSI Madrid"}};
    private static final String[] POST_HOUSES = {"Pixel Lab", "Soho Finishing"};

    private final DealService deals;
    private final DealRepository dealRecords;
    private final DeliveryHistory history;

    public DemoDealHistory(DealService deals, DealRepository dealRecords, DeliveryHistory history) {
        this.deals = deals;
        this.dealRecords = dealRecords;
        this.history = history;
    }

    /**
     * Records the past deals {@code <prefix>-01..14} of the title, non-exclusive SVOD in the territory, each window from
     * {@code windowStart} to yesterday, and their deliveries; answers how many deliveries were new.
     */
    public int seed(String prefix, Title title, String territory, LocalDate windowStart) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int added = 0;
        for (int i = 0; i < DEALS; i++) {
            String dealRef = String.format("%s-%02d", prefix, i + 1);
            if (dealRecords.findByCrmDealId(dealRef).isEmpty()) {
                deals.intake(new DealRequest(dealRef, "Netflix", List.of(title.getId()), List.of(Media.SVOD), false, List.of(territory),
                        windowStart, today.minusDays(1), null,
                        new DealRequest.Fee(DealRequest.FeeType.FIXED, "EUR", new BigDecimal("100000.00"), null, null,
                                List.of(new DealRequest.Instalment(new BigDecimal("100"), DealRequest.Trigger.SIGNATURE, null, 30))),
                        new DealRequest.Localization(List.of("fr", "es-419"), List.of("es-419"), null, List.of("fr")),
                        new DealRequest.Format(DealRequest.Resolution.UHD, DealRequest.DynamicRange.HDR10), null, true));
            }
            // spread over the last eleven months (the first verdict of each inside the last twelve), the newest a few days ago
            long monthsAgo = (long) (DEALS - 1 - i) * 12 / DEALS;
            Instant accepted = now.minus(Duration.ofDays(monthsAgo * 27 + 2 + i % 4));
            List<DeliveryHistory.Rejection> rejections = new ArrayList<>();
            for (int r = REJECTIONS[i]; r >= 1; r--) {
                rejections.add(new DeliveryHistory.Rejection(accepted.minus(Duration.ofDays(12L * r)), ITEMS.get((2 * i + r) % ITEMS.size())));
            }
            Instant setUp = (rejections.isEmpty() ? accepted : rejections.get(0).at()).minus(Duration.ofDays(35));
            String[] vendors = VENDORS[i % VENDORS.length];
            if (history.record(new DeliveryHistory.Past(dealRef, title.getId(), title.getName(), title.getOriginalLanguage(),
                    POST_HOUSES[i % POST_HOUSES.length], setUp,
                    List.of(new DeliveryHistory.Track("SUBTITLE", "fr", vendors[0]), new DeliveryHistory.Track("SUBTITLE", "es-419", vendors[0]),
                            new DeliveryHistory.Track("DUB", "es-419", vendors[1]), new DeliveryHistory.Track("FORCED_NARRATIVE", "fr", vendors[0])),
                    rejections, accepted))) {
                added++;
            }
        }
        return added;
    }

    /**
     * A current deal whose window ends in {@code daysLeft} days (non-exclusive SVOD in the territory, from {@code windowStart}):
     * it runs like any deal (grants, delivery, window watch), so the dashboard shows a window about to expire and an open
     * delivery. Posted once: false when a deal with that id is recorded already.
     */
    public boolean seedExpiring(String crmDealId, Title title, String territory, LocalDate windowStart, int daysLeft) {
        if (dealRecords.findByCrmDealId(crmDealId).isPresent()) return false;
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
        deals.intake(new DealRequest(crmDealId, "Netflix", List.of(title.getId()), List.of(Media.SVOD), false, List.of(territory),
                windowStart, today.plusDays(daysLeft), null,
                new DealRequest.Fee(DealRequest.FeeType.FIXED, "USD", new BigDecimal("80000.00"), null, null,
                        List.of(new DealRequest.Instalment(new BigDecimal("100"), DealRequest.Trigger.SIGNATURE, null, 30))),
                new DealRequest.Localization(List.of("en"), null, null, null),
                new DealRequest.Format(DealRequest.Resolution.HD, DealRequest.DynamicRange.SDR), today.plusDays(30)));
        return true;
    }

    /** The default run: a year of history for The Last Lighthouse in Japan (reelflow.demo.history, on unless set to false). */
    @Component
    @Order(10)
    @ConditionalOnProperty(prefix = "reelflow.demo", name = {"enabled", "history"}, havingValue = "true", matchIfMissing = true)
    static class OnDemoStart implements ApplicationRunner {

        private final DemoDealHistory seeder;
        private final CatalogueService titles;

        OnDemoStart(DemoDealHistory seeder, CatalogueService titles) {
            this.seeder = seeder;
            this.titles = titles;
        }

        @Override
        public void run(ApplicationArguments args) {
            Title title = titles.titleNamed("The Last Lighthouse").orElse(null);
            LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
            LocalDate start = today.minusMonths(13);
            if (start.isBefore(LocalDate.of(2025, 1, 1))) start = LocalDate.of(2025, 1, 1); // the demo's rights begin then
            if (title == null || !start.isBefore(today.minusDays(1))) return;
            int added = seeder.seed("HIST-DEMO", title, "JP", start);
            if (added > 0) log.info("Demo history: {} past deals of {} with their Netflix deliveries and QC outcomes", added, title.getName());
            // and a deal of Signal Lost (rights from 2026) whose window ends in four months: renewal ahead, delivery under way
            Title signal = titles.titleNamed("Signal Lost").orElse(null);
            LocalDate from = today.minusDays(90).isBefore(LocalDate.of(2026, 1, 1)) ? LocalDate.of(2026, 1, 1) : today.minusDays(90);
            if (signal != null && today.plusDays(120).isBefore(LocalDate.of(2029, 12, 31)) && seeder.seedExpiring("NFX-DEMO-0042", signal, "US", from, 120)) {
                log.info("Demo deal NFX-DEMO-0042: {} in the US, its window ends in 120 days", signal.getName());
            }
        }
    }
}
