package io.reelflow.rights.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rights-in, holdbacks and grants of ONE title, indexed by (country, media) once per call, so that
 * checking many territories does not rescan the input lists. Region codes in the input are expanded
 * ({@link Territories#resolve}); records of other titles and grants of the excluded deal are dropped.
 */
final class RightsIndex {

    /** everything known about one title x country x media; lists are created on first write */
    static final class Cell {
        private List<RightsHeld> held;
        private List<Holdback> holdbacks;
        private List<ExistingGrant> grants;
        private List<DateWindow> heldUnion;
        private List<DateWindow> exclusiveUnion;

        List<RightsHeld> held() {
            return held == null ? List.of() : held;
        }

        List<Holdback> holdbacks() {
            return holdbacks == null ? List.of() : holdbacks;
        }

        List<ExistingGrant> grants() {
            return grants == null ? List.of() : grants;
        }

        private void add(RightsHeld r) {
            held = addOnce(held, r);
        }

        private void add(Holdback h) {
            holdbacks = addOnce(holdbacks, h);
        }

        private void add(ExistingGrant g) {
            grants = addOnce(grants, g);
        }

        /** merged terms of all rights-in (cached) */
        List<DateWindow> heldUnion() {
            if (heldUnion == null) {
                List<DateWindow> terms = new ArrayList<>(held().size());
                for (RightsHeld r : held()) {
                    terms.add(r.term());
                }
                heldUnion = DateWindow.union(terms);
            }
            return heldUnion;
        }

        /** merged terms of the exclusive rights-in (cached) */
        List<DateWindow> exclusiveUnion() {
            if (exclusiveUnion == null) {
                List<DateWindow> terms = new ArrayList<>(held().size());
                for (RightsHeld r : held()) {
                    if (r.exclusive()) {
                        terms.add(r.term());
                    }
                }
                exclusiveUnion = DateWindow.union(terms);
            }
            return exclusiveUnion;
        }
    }

    private static final Cell EMPTY = new Cell();
    private static final int MEDIA_COUNT = Media.values().length;

    final long titleId;
    private final Map<String, Cell[]> cells = new HashMap<>(512);
    private final Set<String> heldCountries = new TreeSet<>();

    private RightsIndex(long titleId) {
        this.titleId = titleId;
    }

    /**
     * @param excludedDealRef grants with this (non-null) deal reference are ignored: they belong to the
     *                        deal being checked
     * @param onlyMedia     if not null, only these media are indexed
     * @param onlyCountries if not null, only these (normalised) countries are indexed; {@link #heldCountries()}
     *                      is then limited to them too
     */
    static RightsIndex build(long titleId, Collection<RightsHeld> held, Collection<Holdback> holdbacks,
                             Collection<ExistingGrant> grants, String excludedDealRef, Set<Media> onlyMedia,
                             Set<String> onlyCountries) {
        RightsIndex idx = new RightsIndex(titleId);
        if (held != null) {
            for (RightsHeld r : held) {
                if (r.titleId() != titleId) {
                    continue;
                }
                for (String code : r.territories()) {
                    for (String c : Territories.resolve(code)) {
                        if (onlyCountries != null && !onlyCountries.contains(c)) {
                            continue;
                        }
                        idx.heldCountries.add(c);
                        for (Media m : r.media()) {
                            if (onlyMedia != null && !onlyMedia.contains(m)) {
                                continue;
                            }
                            idx.cell(c, m).add(r);
                        }
                    }
                }
            }
        }
        if (holdbacks != null) {
            for (Holdback h : holdbacks) {
                if (h.titleId() != titleId) {
                    continue;
                }
                for (String code : h.territories()) {
                    for (String c : Territories.resolve(code)) {
                        if (onlyCountries != null && !onlyCountries.contains(c)) {
                            continue;
                        }
                        for (Media m : h.media()) {
                            if (onlyMedia != null && !onlyMedia.contains(m)) {
                                continue;
                            }
                            idx.cell(c, m).add(h);
                        }
                    }
                }
            }
        }
        if (grants != null) {
            for (ExistingGrant g : grants) {
                if (g.titleId() != titleId
                        || (excludedDealRef != null && excludedDealRef.equals(g.dealRef()))
                        || (onlyMedia != null && !onlyMedia.contains(g.media()))) {
                    continue;
                }
                for (String c : Territories.resolve(g.territory())) {
                    if (onlyCountries == null || onlyCountries.contains(c)) {
                        idx.cell(c, g.media()).add(g);
                    }
                }
            }
        }
        return idx;
    }

    /** the cell for a (normalised) country and media; an empty shared cell if nothing is recorded */
    Cell get(String country, Media media) {
        Cell[] row = cells.get(country);
        if (row == null) {
            return EMPTY;
        }
        Cell cell = row[media.ordinal()];
        return cell == null ? EMPTY : cell;
    }

    /** countries with any rights-in for the title (any media), sorted */
    Set<String> heldCountries() {
        return heldCountries;
    }

    /**
     * Adds a record unless it was just added: a record listing both a country and a region containing it
     * (e.g. FR and 150) must appear once per cell. Records are indexed one at a time, so a duplicate is
     * always the last element. Returns the (possibly new) list.
     */
    private static <T> List<T> addOnce(List<T> list, T item) {
        if (list == null) {
            list = new ArrayList<>(2);
        } else if (list.get(list.size() - 1) == item) {
            return list;
        }
        list.add(item);
        return list;
    }

    private Cell cell(String country, Media media) {
        Cell[] row = cells.computeIfAbsent(country, k -> new Cell[MEDIA_COUNT]);
        Cell cell = row[media.ordinal()];
        if (cell == null) {
            cell = new Cell();
            row[media.ordinal()] = cell;
        }
        return cell;
    }
}
