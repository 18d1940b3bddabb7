package io.reelflow.rights.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a licence request against the rights-in, holdbacks and blocking grants of its title.
 * For every requested country x media it reports, as {@link Conflict}s:
 * <ul>
 *   <li>{@link ConflictRule#NO_RIGHTS_IN}: no rights-in at all (dates = the whole window);</li>
 *   <li>{@link ConflictRule#BEYOND_TERM}: one conflict per part of the window outside the union of the
 *       rights-in terms;</li>
 *   <li>{@link ConflictRule#NOT_EXCLUSIVE_HELD} (exclusive requests only): one per part of the window
 *       that is held, but only non-exclusively;</li>
 *   <li>{@link ConflictRule#HOLDBACK}: one per overlapping holdback (dates = the overlap);</li>
 *   <li>{@link ConflictRule#EXCLUSIVE_OVERLAP}: one per overlapping exclusive grant of another deal;</li>
 *   <li>{@link ConflictRule#EXCLUSIVITY_BLOCKED} (exclusive requests only): one per overlapping
 *       non-exclusive grant of another deal.</li>
 * </ul>
 * Grants with the request's (non-null) deal reference are ignored. Records of other titles are ignored.
 * Results are sorted by territory, media, rule, start date and record id. Stateless and thread-safe.
 */
public final class ConflictChecker {

    /** the order of {@link #check} results */
    public static final Comparator<Conflict> ORDER = Comparator.comparing(Conflict::territory)
            .thenComparing(Conflict::media)
            .thenComparing(Conflict::rule)
            .thenComparing(Conflict::from)
            .thenComparing(Conflict::recordId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private static final Comparator<RightsHeld> BY_TERM = Comparator.comparing(RightsHeld::term, DateWindow.ORDER)
            .thenComparingLong(RightsHeld::id);

    public List<Conflict> check(LicenceRequest req, Collection<RightsHeld> held, Collection<Holdback> holdbacks,
                                Collection<ExistingGrant> grants) {
        Set<Media> media = req.media().isEmpty() ? EnumSet.noneOf(Media.class) : EnumSet.copyOf(req.media());
        Set<String> countries = countries(req.territories());
        List<Conflict> out = new ArrayList<>();
        if (media.isEmpty() || countries.isEmpty()) {
            return out;
        }
        // index only what the request can touch
        RightsIndex index = RightsIndex.build(req.titleId(), held, holdbacks, grants, req.dealRef(), media, countries);
        for (String country : countries) {
            for (Media m : media) {
                checkCell(index, country, m, req.window(), req.exclusive(), out);
            }
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * The countries a request's territory codes stand for, sorted: region codes expand, other codes are
     * taken as they are (upper-cased), so a code unknown to {@link Territories} simply finds no rights-in.
     */
    static Set<String> countries(Collection<String> codes) {
        Set<String> out = new TreeSet<>();
        for (String code : codes) {
            out.addAll(Territories.resolve(code));
        }
        return out;
    }

    /** appends the conflicts of one country x media to {@code out} (unsorted) */
    void checkCell(RightsIndex index, String country, Media media, DateWindow window, boolean exclusive,
                   List<Conflict> out) {
        RightsIndex.Cell cell = index.get(country, media);
        long titleId = index.titleId;
        String prefix = country + " " + media + " ";

        if (cell.held().isEmpty()) {
            out.add(new Conflict(ConflictRule.NO_RIGHTS_IN, titleId, country, media, window.start(), window.end(),
                    null, null, prefix + window.label() + ": no rights-in for title #" + titleId + " in "
                    + countryName(country) + " for " + media));
        } else {
            List<DateWindow> heldUnion = cell.heldUnion();
            for (DateWindow piece : window.minusAll(heldUnion)) {
                RightsHeld nearest = nearest(cell.held(), piece);
                out.add(new Conflict(ConflictRule.BEYOND_TERM, titleId, country, media, piece.start(), piece.end(),
                        Conflict.RIGHTS_IN, nearest.id(), prefix + piece.label()
                        + " is beyond the rights-in term (held " + labels(heldUnion) + "; nearest is rights-in #"
                        + nearest.id() + from(nearest.licensor()) + ")"));
            }
            if (exclusive) {
                List<DateWindow> exclusiveUnion = cell.exclusiveUnion();
                for (DateWindow heldPart : window.intersectAll(heldUnion)) {
                    for (DateWindow piece : heldPart.minusAll(exclusiveUnion)) {
                        List<RightsHeld> nonExclusive = nonExclusiveOverlapping(cell.held(), piece);
                        StringBuilder ids = new StringBuilder();
                        for (RightsHeld r : nonExclusive) {
                            ids.append(ids.length() == 0 ? "#" : ", #").append(r.id()).append(from(r.licensor()));
                        }
                        out.add(new Conflict(ConflictRule.NOT_EXCLUSIVE_HELD, titleId, country, media,
                                piece.start(), piece.end(), Conflict.RIGHTS_IN, nonExclusive.get(0).id(),
                                prefix + piece.label() + " is held only non-exclusively (rights-in " + ids
                                        + "): an exclusive licence cannot be granted"));
                    }
                }
            }
        }

        for (Holdback h : cell.holdbacks()) {
            window.intersection(h.period()).ifPresent(o -> out.add(new Conflict(ConflictRule.HOLDBACK, titleId,
                    country, media, o.start(), o.end(), Conflict.HOLDBACK, h.id(), prefix + o.label()
                    + " overlaps holdback #" + h.id() + reason(h.reason()) + " " + h.period().label())));
        }

        for (ExistingGrant g : cell.grants()) {
            if (!g.exclusive() && !exclusive) {
                continue;
            }
            window.intersection(g.window()).ifPresent(o -> {
                if (g.exclusive()) {
                    out.add(new Conflict(ConflictRule.EXCLUSIVE_OVERLAP, titleId, country, media, o.start(), o.end(),
                            Conflict.GRANT, g.id(), prefix + o.label() + " overlaps exclusive grant #" + g.id()
                            + to(g.licensee()) + deal(g.dealRef())));
                } else {
                    out.add(new Conflict(ConflictRule.EXCLUSIVITY_BLOCKED, titleId, country, media, o.start(),
                            o.end(), Conflict.GRANT, g.id(), prefix + o.label() + " overlaps non-exclusive grant #"
                            + g.id() + to(g.licensee()) + deal(g.dealRef())
                            + ": an exclusive licence cannot be granted"));
                }
            });
        }
    }

    /**
     * The parts of {@code window} where a request for country x media would be clean: held (exclusively if
     * {@code exclusive}), not held back, not overlapping an exclusive grant (or, if {@code exclusive}, any
     * grant). Merged and in date order.
     */
    List<DateWindow> freePeriods(RightsIndex index, String country, Media media, DateWindow window,
                                 boolean exclusive) {
        RightsIndex.Cell cell = index.get(country, media);
        List<DateWindow> covered = window.intersectAll(exclusive ? cell.exclusiveUnion() : cell.heldUnion());
        if (covered.isEmpty()) {
            return covered;
        }
        List<DateWindow> blocked = new ArrayList<>();
        for (Holdback h : cell.holdbacks()) {
            blocked.add(h.period());
        }
        for (ExistingGrant g : cell.grants()) {
            if (g.exclusive() || exclusive) {
                blocked.add(g.window());
            }
        }
        if (blocked.isEmpty()) {
            return covered;
        }
        List<DateWindow> blockedUnion = DateWindow.union(blocked);
        List<DateWindow> free = new ArrayList<>();
        for (DateWindow c : covered) {
            free.addAll(c.minusAll(blockedUnion));
        }
        return free;
    }

    /** the rights-in whose term is closest to an uncovered piece (ties: earlier term, lower id) */
    private static RightsHeld nearest(List<RightsHeld> held, DateWindow piece) {
        RightsHeld best = null;
        long bestDistance = Long.MAX_VALUE;
        for (RightsHeld r : held) {
            long d = distance(r.term(), piece);
            if (best == null || d < bestDistance || (d == bestDistance && BY_TERM.compare(r, best) < 0)) {
                best = r;
                bestDistance = d;
            }
        }
        return best;
    }

    /** days between two windows; 0 if they overlap or touch */
    private static long distance(DateWindow a, DateWindow b) {
        if (a.end() != null && a.end().isBefore(b.start())) {
            return b.start().toEpochDay() - a.end().toEpochDay();
        }
        if (b.end() != null && b.end().isBefore(a.start())) {
            return a.start().toEpochDay() - b.end().toEpochDay();
        }
        return 0;
    }

    private static List<RightsHeld> nonExclusiveOverlapping(List<RightsHeld> held, DateWindow piece) {
        List<RightsHeld> out = new ArrayList<>();
        for (RightsHeld r : held) {
            if (!r.exclusive() && r.term().overlaps(piece)) {
                out.add(r);
            }
        }
        out.sort(BY_TERM);
        return out;
    }

    private static String labels(List<DateWindow> windows) {
        StringBuilder sb = new StringBuilder();
        for (DateWindow w : windows) {
            sb.append(sb.length() == 0 ? "" : ", ").append(w.label());
        }
        return sb.toString();
    }

    private static String countryName(String code) {
        return Territories.isKnown(code) ? Territories.name(code) : code;
    }

    private static String from(String licensor) {
        return isBlank(licensor) ? "" : " from " + licensor;
    }

    private static String to(String licensee) {
        return isBlank(licensee) ? "" : " to " + licensee;
    }

    private static String deal(String dealRef) {
        return isBlank(dealRef) ? "" : " (deal " + dealRef + ")";
    }

    private static String reason(String reason) {
        return isBlank(reason) ? "" : " (" + reason + ")";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
