package io.reelflow.rights.rules;

import static io.reelflow.rights.rules.DateWindowTest.labels;
import static io.reelflow.rights.rules.DateWindowTest.w;
import static io.reelflow.rights.rules.Fixtures.GRANTS;
import static io.reelflow.rights.rules.Fixtures.HELD;
import static io.reelflow.rights.rules.Fixtures.HOLDBACKS;
import static io.reelflow.rights.rules.Fixtures.TITLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvailsCalculatorTest {

    private final AvailsCalculator calculator = new AvailsCalculator();

    private TerritoryAvail avail(String territory, Media media, String period, boolean exclusive) {
        List<TerritoryAvail> result = calculator.avails(TITLE, media, w(period), exclusive, Set.of(territory),
                HELD, HOLDBACKS, GRANTS);
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    /** worked examples against {@link Fixtures}: free periods ('' = none) and the rules met */
    @ParameterizedTest(name = "[{index}] {0}: {1} {2} {3} excl={4}")
    @CsvSource(delimiter = '|', textBlock = """
            grant #42 in the middle: two pieces | FR | SVOD | 2027-01-01..2028-01-31 | false | 2027-01-01..2027-06-30; 2028-01-01..2028-01-31 | EXCLUSIVE_OVERLAP
            exclusive: #43 also blocks         | FR | SVOD | 2027-01-01..2028-06-30 | true  | 2027-01-01..2027-06-30; 2028-01-01..2028-02-28; 2028-04-01..2028-06-30 | EXCLUSIVE_OVERLAP EXCLUSIVITY_BLOCKED
            clean across consecutive terms     | FR | SVOD | 2028-06-01..2030-12-31 | true  | 2028-06-01..2030-12-31 | ''
            beyond the term at both ends       | FR | AVOD | 2025-07-01..2029-06-30 | false | 2026-01-01..2028-12-31 | BEYOND_TERM BEYOND_TERM
            no rights-in                       | US | SVOD | 2027-01-01..2027-12-31 | false | ''                     | NO_RIGHTS_IN
            only non-exclusive rights          | IT | SVOD | 2027-01-01..2028-06-30 | true  | ''                     | BEYOND_TERM NOT_EXCLUSIVE_HELD
            non-exclusive ask on them          | IT | SVOD | 2027-01-01..2028-06-30 | false | 2027-01-01..2027-12-31 | BEYOND_TERM
            partly exclusive                   | GB | SVOD | 2026-01-01..2027-12-31 | true  | 2026-01-01..2026-12-31 | NOT_EXCLUSIVE_HELD
            holdback at the start              | DE | SVOD | 2026-01-01..2026-12-31 | false | 2026-07-01..2026-12-31 | HOLDBACK
            evergreen period, evergreen grant  | ES | SVOD | 2029-01-01..open       | false | 2029-01-01..2029-12-31 | EXCLUSIVE_OVERLAP
            evergreen rights, fixed period     | ES | SVOD | 2026-01-01..2029-12-31 | true  | 2026-01-01..2029-12-31 | ''
            """)
    void freePeriods(String example, String territory, Media media, String period, boolean exclusive,
                     String expectedFree, String expectedRules) {
        TerritoryAvail a = avail(territory, media, period, exclusive);
        assertThat(a.territory()).isEqualTo(territory);
        assertThat(labels(a.freePeriods())).as(example).isEqualTo(expectedFree.trim());
        assertThat(a.conflicts().stream().map(c -> c.rule().name()).collect(Collectors.joining(" ")))
                .as(example).isEqualTo(expectedRules.trim());
        // available <=> no conflicts <=> the whole period is free
        assertThat(a.available()).isEqualTo(a.conflicts().isEmpty())
                .isEqualTo(a.freePeriods().equals(List.of(w(period))));
    }

    @Test
    void nullTerritoriesMeansEveryTerritoryWithRightsInForTheTitle() {
        List<TerritoryAvail> avails = calculator.avails(TITLE, Media.SVOD, w("2027-01-01..2027-06-30"), false, null,
                HELD, HOLDBACKS, GRANTS);
        // US only has rights-in for title 2
        assertThat(avails).extracting(TerritoryAvail::territory).containsExactly("DE", "ES", "FR", "GB", "IT");
        assertThat(avails).allMatch(TerritoryAvail::available);
        // any media counts: only FR and DE hold AVOD, the others are listed with NO_RIGHTS_IN
        List<TerritoryAvail> avod = calculator.avails(TITLE, Media.AVOD, w("2027-01-01..2027-06-30"), false, null,
                HELD, HOLDBACKS, GRANTS);
        assertThat(avod).extracting(TerritoryAvail::territory).containsExactly("DE", "ES", "FR", "GB", "IT");
        assertThat(avod).filteredOn(TerritoryAvail::available).extracting(TerritoryAvail::territory)
                .containsExactly("DE", "FR");
    }

    @Test
    void territoriesAreExpandedAndSortedAndAvailsMatchTheChecker() {
        List<TerritoryAvail> avails = calculator.avails(TITLE, Media.SVOD, w("2027-01-01..2027-09-30"), true,
                Set.of("155", "it", "GB"), HELD, HOLDBACKS, GRANTS);
        assertThat(avails).extracting(TerritoryAvail::territory).isSorted()
                .contains("AT", "DE", "FR", "GB", "IT", "NL").doesNotContain("ES");
        ConflictChecker checker = new ConflictChecker();
        for (TerritoryAvail a : avails) {
            List<Conflict> fromChecker = checker.check(new LicenceRequest(null, TITLE, Set.of(a.territory()),
                    Set.of(Media.SVOD), w("2027-01-01..2027-09-30"), true), HELD, HOLDBACKS, GRANTS);
            assertThat(a.conflicts()).isEqualTo(fromChecker);
        }
    }

    @Test
    void avoidsNullMediaOrPeriod() {
        assertThatThrownBy(() -> calculator.avails(TITLE, null, w("2027-01-01..2027-12-31"), false, null,
                HELD, HOLDBACKS, GRANTS)).isInstanceOf(IllegalArgumentException.class);
    }
}
