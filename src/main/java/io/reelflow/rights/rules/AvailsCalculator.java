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
        return avails(titleId, media, period, exclusive, territories, held, holdbacks, grants, null);
    }

    /**
     * The same, on {@code today}: the days of the period before today are never free (an {@link ConflictRule#ELAPSED}
     * conflict names them), so only the part from today on can be offered.
     *
     * @param today the current day; null = no day has passed (the period is judged as a whole)
     */
    public List<TerritoryAvail> avails(long titleId, Media media, DateWindow period, boolean exclusive,
                                       Set<String> territories, Collection<RightsHeld> held,
                                       Collection<Holdback> holdbacks, Collection<ExistingGrant> grants, java.time.LocalDate today) {
        if (media == null || period == null) {
            throw new IllegalArgumentException("avails need a media and a period (got " + media + ", " + period + ")");
        }
        Set<String> requested = territories == null ? null : ConflictChecker.countries(territories);
        RightsIndex index = RightsIndex.build(titleId, held, holdbacks, grants, null, EnumSet.of(media), requested);
        Set<String> countries = requested == null ? index.heldCountries() : requested;
        List<TerritoryAvail> out = new ArrayList<>(countries.size());
        for (String country : countries) {
            List<Conflict> conflicts = new ArrayList<>();
            java.util.Optional<DateWindow> open = today == null ? java.util.Optional.of(period) : Elapsed.remaining(period, today);
            if (today != null) {
                Elapsed.part(period, today).ifPresent(p -> conflicts.add(new Conflict(ConflictRule.ELAPSED, titleId, country, media,
                        p.start(), p.end(), null, null, "the days " + p.label() + " have passed: only days from " + today + " can be licensed")));
            }
            open.ifPresent(o -> checker.checkCell(index, country, media, o, exclusive, conflicts));
            conflicts.sort(ConflictChecker.ORDER);
            List<DateWindow> free = open.map(o -> checker.freePeriods(index, country, media, o, exclusive)).orElse(List.of());
            out.add(new TerritoryAvail(country, conflicts.isEmpty(), conflicts, free));
        }
        return out;
    }
}
