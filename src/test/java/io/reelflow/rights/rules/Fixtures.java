package io.reelflow.rights.rules;

import static io.reelflow.rights.rules.DateWindowTest.w;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A small rights database for title 1 (and a stray record of title 2 that must be ignored).
 *
 * <pre>
 * rights-in #1  FR DE  SVOD AVOD  2026-01-01..2028-12-31  exclusive      Studio A
 * rights-in #2  FR     SVOD       2029-01-01..2030-12-31  exclusive      Studio A (consecutive to #1)
 * rights-in #3  IT     SVOD       2026-01-01..2027-12-31  non-exclusive  Studio B
 * rights-in #4  ES     SVOD       2026-01-01..open        exclusive      Studio C (evergreen)
 * rights-in #5  GB     SVOD       2026-01-01..2026-12-31  exclusive      Studio D
 * rights-in #6  GB     SVOD       2026-07-01..2027-12-31  non-exclusive  Studio E
 * rights-in #9  US     SVOD       2026-01-01..2030-12-31  exclusive      (title 2!)
 * holdback  #10 DE     SVOD       2026-01-01..2026-06-30  theatrical window
 * holdback  #11 FR     SVOD       2026-01-01..2030-12-31  (title 2!)
 * grant     #42 FR SVOD 2027-07-01..2027-12-31 exclusive     Amazon  CRM-77
 * grant     #43 FR SVOD 2028-02-29..2028-03-31 non-exclusive Apple   CRM-78
 * grant     #44 ES SVOD 2030-01-01..open       exclusive     Netflix CRM-80
 * grant     #45 FR SVOD 2026-01-01..2030-12-31 exclusive     Other   CRM-99 (title 2!)
 * </pre>
 */
final class Fixtures {
    static final long TITLE = 1;

    static final List<RightsHeld> HELD = List.of(
            new RightsHeld(1, TITLE, "Studio A", Set.of("FR", "DE"), Set.of(Media.SVOD, Media.AVOD),
                    w("2026-01-01..2028-12-31"), true),
            new RightsHeld(2, TITLE, "Studio A", Set.of("FR"), Set.of(Media.SVOD), w("2029-01-01..2030-12-31"), true),
            new RightsHeld(3, TITLE, "Studio B", Set.of("IT"), Set.of(Media.SVOD), w("2026-01-01..2027-12-31"), false),
            new RightsHeld(4, TITLE, "Studio C", Set.of("ES"), Set.of(Media.SVOD), w("2026-01-01..open"), true),
            new RightsHeld(5, TITLE, "Studio D", Set.of("GB"), Set.of(Media.SVOD), w("2026-01-01..2026-12-31"), true),
            new RightsHeld(6, TITLE, "Studio E", Set.of("GB"), Set.of(Media.SVOD), w("2026-07-01..2027-12-31"), false),
            new RightsHeld(9, 2, "Studio X", Set.of("US"), Set.of(Media.SVOD), w("2026-01-01..2030-12-31"), true));

    static final List<Holdback> HOLDBACKS = List.of(
            new Holdback(10, TITLE, Set.of("DE"), Set.of(Media.SVOD), w("2026-01-01..2026-06-30"), "theatrical window"),
            new Holdback(11, 2, Set.of("FR"), Set.of(Media.SVOD), w("2026-01-01..2030-12-31"), "other title"));

    static final List<ExistingGrant> GRANTS = List.of(
            new ExistingGrant(42, TITLE, "FR", Media.SVOD, w("2027-07-01..2027-12-31"), true, "Amazon", "CRM-77"),
            new ExistingGrant(43, TITLE, "FR", Media.SVOD, w("2028-02-29..2028-03-31"), false, "Apple", "CRM-78"),
            new ExistingGrant(44, TITLE, "ES", Media.SVOD, w("2030-01-01..open"), true, "Netflix", "CRM-80"),
            new ExistingGrant(45, 2, "FR", Media.SVOD, w("2026-01-01..2030-12-31"), true, "Other", "CRM-99"));

    private Fixtures() {
    }

    /** "RULE from..to type#id" per conflict, e.g. "EXCLUSIVE_OVERLAP 2027-07-01..2027-07-01 grant#42" */
    static String render(Conflict c) {
        return c.rule() + " " + c.window().label() + (c.recordId() == null ? "" : " " + c.recordType() + "#" + c.recordId());
    }

    static String render(List<Conflict> conflicts) {
        return conflicts.stream().map(Fixtures::render).collect(Collectors.joining("; "));
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }
}
