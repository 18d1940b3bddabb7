package io.reelflow.rights.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Avails of one title x media x period: per territory, whether a licence for the whole period would be
 * clean, the conflicts it would meet (same rules as {@link ConflictChecker}) and the free sub-periods.
 * Every grant passed in counts (there is no "own deal" here). Stateless and thread-safe.
 */
public final class AvailsCalculator {

    private final ConflictChecker checker = new ConflictChecker();

    /**
     * @param territories countries to report (region codes are expanded); null = every country with any
     *                    rights-in for the title (any media)
     * @return one entry per country, sorted by territory
     */
    public List<TerritoryAvail> avails(long titleId, Media media, DateWindow period, boolean exclusive,
                                       Set<String> territories, Collection<RightsHeld> held,
                                       Collection<Holdback> holdbacks, Collection<ExistingGrant> grants) {
        if (media == null || period == null) {
            throw new IllegalArgumentException("avails need a media and a period (got " + media + ", " + period + ")");
        }
        Set<String> requested = territories == null ? null : ConflictChecker.countries(territories);
        RightsIndex index = RightsIndex.build(titleId, held, holdbacks, grants, null, EnumSet.of(media), requested);
        Set<String> countries = requested == null ? index.heldCountries() : requested;
        List<TerritoryAvail> out = new ArrayList<>(countries.size());
        for (String country : countries) {
            List<Conflict> conflicts = new ArrayList<>();
            checker.checkCell(index, country, media, period, exclusive, conflicts);
            conflicts.sort(ConflictChecker.ORDER);
            List<DateWindow> free = checker.freePeriods(index, country, media, period, exclusive);
            out.add(new TerritoryAvail(country, conflicts.isEmpty(), conflicts, free));
        }
        return out;
    }
}
