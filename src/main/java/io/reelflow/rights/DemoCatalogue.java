package io.reelflow.rights;

import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.Territories;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A small catalogue for the default run, so that the README's examples show a clean deal and a
 * conflict: three titles, their rights-in, a holdback, and one exclusive grant already licensed
 * to another buyer. Created once, when the catalogue is empty.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = "reelflow.demo.enabled", havingValue = "true")
public class DemoCatalogue implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    private final TitleRepository titles;
    private final RightsInRepository rightsIn;
    private final HoldbackRepository holdbacks;
    private final GrantLedger grants;

    public DemoCatalogue(TitleRepository titles, RightsInRepository rightsIn, HoldbackRepository holdbacks, GrantLedger grants) {
        this.titles = titles;
        this.rightsIn = rightsIn;
        this.holdbacks = holdbacks;
        this.grants = grants;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (titles.count() > 0) return;
        Title lighthouse = titles.save(new Title("The Last Lighthouse", TitleKind.FEATURE, 104, "en", "10.5240/1F2A-3B4C-5D6E-7F80-91A2-X", false));
        Title saffron = titles.save(new Title("Salt and Saffron", TitleKind.FEATURE, 98, "fr", null, false));
        Title signal = titles.save(new Title("Signal Lost", TitleKind.SERIES, null, "es", null, false));

        rightsIn.save(new RightsIn(lighthouse.getId(), "Harbour Films Ltd", Territories.expand("WW"), EnumSet.of(Media.SVOD, Media.AVOD, Media.TVOD),
                LocalDate.of(2025, 1, 1), LocalDate.of(2032, 12, 31), true));
        RightsIn saffronRights = rightsIn.save(new RightsIn(saffron.getId(), "Maison Poivre Productions",
                Territories.expandAll(List.of("150", "419")), EnumSet.of(Media.SVOD, Media.PAY_TV), LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 31), true));
        holdbacks.save(new HoldbackRecord(saffronRights.getId(), saffron.getId(), Set.of("FR"), EnumSet.of(Media.SVOD),
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30), "French media chronology: pay-TV window first"));
        rightsIn.save(new RightsIn(signal.getId(), "Onda Norte Studios", Territories.expand("WW"), EnumSet.of(Media.SVOD),
                LocalDate.of(2026, 1, 1), LocalDate.of(2029, 12, 31), false));

        grants.recordActive("AMZ-2025-007", "Amazon Prime Video", new DateWindow(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31)), true,
                GrantLedger.lines(List.of(lighthouse.getId()), List.of("AT", "CH", "DE"), List.of(Media.SVOD)));
        log.info("Demo catalogue created: titles {} (The Last Lighthouse), {} (Salt and Saffron), {} (Signal Lost)",
                lighthouse.getId(), saffron.getId(), signal.getId());
    }
}
