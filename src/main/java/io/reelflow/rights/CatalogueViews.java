package io.reelflow.rights;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** What the catalogue API answers. */
public final class CatalogueViews {

    private CatalogueViews() {
    }

    public record TitleView(long id, String name, TitleKind kind, Integer runtimeMinutes, String originalLanguage, String eidrId, boolean kids) {
        static TitleView of(Title t) {
            return new TitleView(t.getId(), t.getName(), t.getKind(), t.getRuntimeMinutes(), t.getOriginalLanguage(), t.getEidrId(), t.isKids());
        }
    }

    public record HoldbackView(long id, Set<String> territories, Set<String> media, LocalDate periodStart, LocalDate periodEnd, String reason) {
        static HoldbackView of(HoldbackRecord h) {
            return new HoldbackView(h.getId(), h.getTerritories(), names(h.getMedia()), h.getPeriodStart(), h.getPeriodEnd(), h.getReason());
        }
    }

    public record RightsInView(long id, long titleId, String licensor, Set<String> territories, Set<String> media,
                               LocalDate termStart, LocalDate termEnd, boolean exclusive, List<HoldbackView> holdbacks) {
        static RightsInView of(RightsIn r, List<HoldbackRecord> holdbacks) {
            return new RightsInView(r.getId(), r.getTitleId(), r.getLicensor(), r.getTerritories(), names(r.getMedia()),
                    r.getTermStart(), r.getTermEnd(), r.isExclusive(), holdbacks.stream().map(HoldbackView::of).toList());
        }
    }

    public record ImportResult(int imported, List<Long> rightsInIds) {
    }

    private static Set<String> names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
