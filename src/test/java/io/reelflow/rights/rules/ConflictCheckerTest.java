package io.reelflow.rights.rules;

import static io.reelflow.rights.rules.DateWindowTest.w;
import static io.reelflow.rights.rules.Fixtures.GRANTS;
import static io.reelflow.rights.rules.Fixtures.HELD;
import static io.reelflow.rights.rules.Fixtures.HOLDBACKS;
import static io.reelflow.rights.rules.Fixtures.TITLE;
import static io.reelflow.rights.rules.Fixtures.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConflictCheckerTest {

    private final ConflictChecker checker = new ConflictChecker();

    private List<Conflict> check(String dealRef, String territories, String media, String window, boolean exclusive) {
        Set<String> t = Set.of(territories.trim().split(" +"));
        Set<Media> m = Arrays.stream(media.trim().split(" +")).map(Media::valueOf)
                .collect(java.util.stream.Collectors.toSet());
        return checker.check(new LicenceRequest(dealRef, TITLE, t, m, w(window), exclusive), HELD, HOLDBACKS, GRANTS);
    }

    /** worked examples against {@link Fixtures}; expected = rendered conflicts, '' = clean */
    @ParameterizedTest(name = "[{index}] {0}: {1} {2} {3} excl={4}")
    @CsvSource(delimiter = '|', textBlock = """
            # --- grants (EXCLUSIVE_OVERLAP / EXCLUSIVITY_BLOCKED) and edge dates ---
            ends the day before grant #42 starts   | FR | SVOD | 2026-01-01..2027-06-30 | false | ''
            ends on grant #42's start day          | FR | SVOD | 2026-01-01..2027-07-01 | false | EXCLUSIVE_OVERLAP 2027-07-01..2027-07-01 grant#42
            overlaps exclusive grant               | FR | SVOD | 2027-01-01..2027-09-30 | false | EXCLUSIVE_OVERLAP 2027-07-01..2027-09-30 grant#42
            exclusive grant blocks exclusive ask   | FR | SVOD | 2027-10-01..2028-01-31 | true  | EXCLUSIVE_OVERLAP 2027-10-01..2027-12-31 grant#42
            starts the day after grant #42 ends    | FR | SVOD | 2028-01-01..2028-02-28 | true  | ''
            non-exclusive grant, non-excl ask      | FR | SVOD | 2028-01-01..2028-06-30 | false | ''
            non-exclusive grant, exclusive ask     | FR | SVOD | 2028-01-01..2028-06-30 | true  | EXCLUSIVITY_BLOCKED 2028-02-29..2028-03-31 grant#43
            leap day: ends on 2028-02-29           | FR | SVOD | 2028-01-01..2028-02-29 | true  | EXCLUSIVITY_BLOCKED 2028-02-29..2028-02-29 grant#43
            leap day: ends on 2028-02-28           | FR | SVOD | 2028-01-01..2028-02-28 | true  | ''
            evergreen grant overlaps far future    | ES | SVOD | 2040-01-01..2040-12-31 | false | EXCLUSIVE_OVERLAP 2040-01-01..2040-12-31 grant#44
            evergreen ask vs evergreen grant       | ES | SVOD | 2029-06-01..open       | false | EXCLUSIVE_OVERLAP 2030-01-01..open grant#44
            evergreen rights, before the grant     | ES | SVOD | 2026-01-01..2029-12-31 | true  | ''
            # --- rights-in (NO_RIGHTS_IN / BEYOND_TERM / NOT_EXCLUSIVE_HELD) ---
            no rights-in for the territory         | US | SVOD | 2027-01-01..2027-12-31 | false | NO_RIGHTS_IN 2027-01-01..2027-12-31
            no rights-in for the media             | FR | TVOD | 2027-01-01..2027-12-31 | false | NO_RIGHTS_IN 2027-01-01..2027-12-31
            union of consecutive terms #1 + #2     | FR | SVOD | 2028-04-01..2030-12-31 | true  | ''
            starts before the term                 | FR | SVOD | 2025-07-01..2026-06-30 | false | BEYOND_TERM 2025-07-01..2025-12-31 rights-in#1
            runs past the term                     | FR | SVOD | 2030-07-01..2031-06-30 | false | BEYOND_TERM 2031-01-01..2031-06-30 rights-in#2
            both ends beyond, grant in the middle  | FR | SVOD | 2025-12-01..2031-01-31 | false | BEYOND_TERM 2025-12-01..2025-12-31 rights-in#1 ; BEYOND_TERM 2031-01-01..2031-01-31 rights-in#2 ; EXCLUSIVE_OVERLAP 2027-07-01..2027-12-31 grant#42
            evergreen ask on a fixed term          | FR | SVOD | 2029-01-01..open       | false | BEYOND_TERM 2031-01-01..open rights-in#2
            AVOD is only held until 2028           | FR | AVOD | 2028-07-01..2029-06-30 | false | BEYOND_TERM 2029-01-01..2029-06-30 rights-in#1
            non-exclusive rights, non-excl ask     | IT | SVOD | 2026-06-01..2026-12-31 | false | ''
            non-exclusive rights, exclusive ask    | IT | SVOD | 2026-06-01..2026-12-31 | true  | NOT_EXCLUSIVE_HELD 2026-06-01..2026-12-31 rights-in#3
            non-exclusive and beyond term          | IT | SVOD | 2027-06-01..2028-06-30 | true  | BEYOND_TERM 2028-01-01..2028-06-30 rights-in#3 ; NOT_EXCLUSIVE_HELD 2027-06-01..2027-12-31 rights-in#3
            exclusive only for part of the window  | GB | SVOD | 2026-01-01..2027-06-30 | true  | NOT_EXCLUSIVE_HELD 2027-01-01..2027-06-30 rights-in#6
            exclusive + non-exclusive same dates   | GB | SVOD | 2026-07-01..2026-12-31 | true  | ''
            # --- holdbacks ---
            starts on the holdback's last day      | DE | SVOD | 2026-06-30..2026-12-31 | false | HOLDBACK 2026-06-30..2026-06-30 holdback#10
            starts the day after the holdback      | DE | SVOD | 2026-07-01..2026-12-31 | false | ''
            holdback covers the whole window       | DE | SVOD | 2026-02-01..2026-03-31 | true  | HOLDBACK 2026-02-01..2026-03-31 holdback#10
            holdback is for SVOD only              | DE | AVOD | 2026-01-01..2026-12-31 | true  | ''
            # --- several territories and media: sorted by territory, media, rule ---
            many cells                             | US FR DE | SVOD AVOD | 2026-06-01..2027-07-01 | false | DE SVOD HOLDBACK 2026-06-01..2026-06-30 holdback#10 ; FR SVOD EXCLUSIVE_OVERLAP 2027-07-01..2027-07-01 grant#42 ; US SVOD NO_RIGHTS_IN 2026-06-01..2027-07-01 ; US AVOD NO_RIGHTS_IN 2026-06-01..2027-07-01
            lowercase codes                        | fr de     | SVOD      | 2027-07-01..2027-07-01 | false | FR SVOD EXCLUSIVE_OVERLAP 2027-07-01..2027-07-01 grant#42
            """)
    void rules(String example, String territories, String media, String window, boolean exclusive, String expected) {
        List<Conflict> conflicts = check("NEW-1", territories, media, window, exclusive);
        boolean multi = territories.trim().contains(" ") || media.trim().contains(" ");
        List<String> rendered = new ArrayList<>();
        for (Conflict c : conflicts) {
            rendered.add((multi ? c.territory() + " " + c.media() + " " : "") + render(c));
            assertThat(c.titleId()).isEqualTo(TITLE);
        }
        assertThat(String.join("; ", rendered)).as(example).isEqualTo(expected.trim().replaceAll("\\s*;\\s*", "; "));
    }

    @ParameterizedTest(name = "deal {0}: {1} conflicts")
    @CsvSource({
            "CRM-77, 0",  // the grant belongs to the deal being re-checked
            "CRM-78, 1",
            "crm-77, 1",  // deal references are compared exactly
            ",       1",  // a new deal without a reference never owns a grant
    })
    void grantsOfTheSameDealAreIgnored(String dealRef, int expected) {
        assertThat(check(dealRef, "FR", "SVOD", "2027-01-01..2027-09-30", false)).hasSize(expected);
    }

    @Test
    void messagesForARightsManager() {
        assertThat(check("NEW", "FR", "SVOD", "2027-01-01..2027-06-30", false)).isEmpty();
        assertThat(check("NEW", "FR", "SVOD", "2027-01-01..2027-09-30", false)).singleElement()
                .satisfies(c -> {
                    assertThat(c.message()).isEqualTo("FR SVOD 2027-07-01..2027-09-30 overlaps exclusive grant #42 to Amazon (deal CRM-77)");
                    assertThat(c.recordType()).isEqualTo("grant");
                    assertThat(c.recordId()).isEqualTo(42L);
                    assertThat(c.from()).isEqualTo(Fixtures.d("2027-07-01"));
                    assertThat(c.to()).isEqualTo(Fixtures.d("2027-09-30"));
                });
        assertThat(check("NEW", "FR", "SVOD", "2028-03-01..2028-03-10", true)).singleElement()
                .extracting(Conflict::message)
                .isEqualTo("FR SVOD 2028-03-01..2028-03-10 overlaps non-exclusive grant #43 to Apple (deal CRM-78): an exclusive licence cannot be granted");
        assertThat(check("NEW", "US", "SVOD", "2027-01-01..2027-12-31", false)).singleElement()
                .satisfies(c -> {
                    assertThat(c.message()).isEqualTo("US SVOD 2027-01-01..2027-12-31: no rights-in for title #1 in United States for SVOD");
                    assertThat(c.recordType()).isNull();
                    assertThat(c.recordId()).isNull();
                });
        assertThat(check("NEW", "FR", "SVOD", "2030-07-01..2031-06-30", false)).singleElement()
                .extracting(Conflict::message)
                .isEqualTo("FR SVOD 2031-01-01..2031-06-30 is beyond the rights-in term (held 2026-01-01..2030-12-31; nearest is rights-in #2 from Studio A)");
        assertThat(check("NEW", "IT", "SVOD", "2026-01-01..2026-12-31", true)).singleElement()
                .extracting(Conflict::message)
                .isEqualTo("IT SVOD 2026-01-01..2026-12-31 is held only non-exclusively (rights-in #3 from Studio B): an exclusive licence cannot be granted");
        assertThat(check("NEW", "DE", "SVOD", "2026-06-01..2026-12-31", false)).singleElement()
                .extracting(Conflict::message)
                .isEqualTo("DE SVOD 2026-06-01..2026-06-30 overlaps holdback #10 (theatrical window) 2026-01-01..2026-06-30");
    }

    @Test
    void regionCodesInTheRequestAndInRecordsAreExpanded() {
        List<RightsHeld> held = List.of(new RightsHeld(1, TITLE, "Studio", Set.of("WW"), Set.of(Media.SVOD),
                w("2026-01-01..2030-12-31"), true));
        List<Holdback> holdbacks = List.of(new Holdback(7, TITLE, Set.of("FR", "150"), Set.of(Media.SVOD),
                w("2026-01-01..2026-12-31"), "festival"));
        List<ExistingGrant> grants = List.of(new ExistingGrant(8, TITLE, "419", Media.SVOD,
                w("2027-01-01..2027-12-31"), true, "Netflix", "LATAM-1"));

        LicenceRequest latam = new LicenceRequest("X", TITLE, Set.of("419"), Set.of(Media.SVOD),
                w("2027-06-01..2027-06-30"), false);
        List<Conflict> conflicts = checker.check(latam, held, holdbacks, grants);
        assertThat(conflicts).hasSize(Territories.expand("419").size())
                .allMatch(c -> c.rule() == ConflictRule.EXCLUSIVE_OVERLAP && c.recordId() == 8L);
        assertThat(conflicts).extracting(Conflict::territory).isSorted().contains("BR", "MX").doesNotContain("US");

        // FR is listed both directly and through 150: still one holdback conflict
        LicenceRequest fr = new LicenceRequest("X", TITLE, Set.of("FR", "US"), Set.of(Media.SVOD),
                w("2026-06-01..2026-06-30"), true);
        assertThat(Fixtures.render(checker.check(fr, held, holdbacks, grants)))
                .isEqualTo("HOLDBACK 2026-06-01..2026-06-30 holdback#7");
    }

    @Test
    void recordsOfOtherTitlesAreIgnored() {
        // title 2 has US rights, a FR holdback and an exclusive FR grant: none of them count for title 1
        assertThat(render(check("NEW", "US", "SVOD", "2027-01-01..2027-01-31", false)))
                .isEqualTo("NO_RIGHTS_IN 2027-01-01..2027-01-31");
        assertThat(check("NEW", "FR", "SVOD", "2026-01-01..2026-12-31", true)).isEmpty();
    }

    @Test
    void emptyRequestOrEmptyDatabase() {
        assertThat(checker.check(new LicenceRequest("X", TITLE, Set.of(), Set.of(Media.SVOD), w("2027-01-01..2027-12-31"), false),
                HELD, HOLDBACKS, GRANTS)).isEmpty();
        assertThat(render(checker.check(new LicenceRequest("X", TITLE, Set.of("FR"), Set.of(Media.SVOD),
                w("2027-01-01..2027-12-31"), false), List.of(), List.of(), List.of())))
                .isEqualTo("NO_RIGHTS_IN 2027-01-01..2027-12-31");
    }

    @Test
    void codesUnknownToTerritoriesAreMatchedLiterallyButBlankIsRejected() {
        List<RightsHeld> held = List.of(new RightsHeld(1, TITLE, "Studio", Set.of("xk"), Set.of(Media.SVOD),
                w("2026-01-01..2030-12-31"), true));
        LicenceRequest kosovo = new LicenceRequest("X", TITLE, Set.of("XK"), Set.of(Media.SVOD),
                w("2027-01-01..2027-12-31"), true);
        assertThat(checker.check(kosovo, held, List.of(), List.of())).isEmpty();
        LicenceRequest blank = new LicenceRequest("X", TITLE, Set.of(" "), Set.of(Media.SVOD),
                w("2027-01-01..2027-12-31"), true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> checker.check(blank, held, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown territory ' '");
    }
}
