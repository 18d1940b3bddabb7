package io.reelflow.rights.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A benchmark, not a test: prints the in-memory check time (mvn test -Pbench). */
@org.junit.jupiter.api.Tag("benchmark")
class ConflictCheckerPerformanceTest {

    @Test
    void checkOf190TerritoriesWith200GrantsIsWellUnder5ms() {
        Random random = new Random(42);
        long title = 7;
        List<String> countries = new ArrayList<>(Territories.allCountries()).subList(0, 190);
        List<RightsHeld> held = List.of(
                new RightsHeld(1, title, "Studio", Set.of("WW"), Set.of(Media.SVOD, Media.AVOD),
                        DateWindow.of("2026-01-01", "2029-12-31"), true),
                new RightsHeld(2, title, "Studio", Set.of("150", "419"), Set.of(Media.SVOD),
                        DateWindow.of("2030-01-01", "2032-12-31"), true),
                new RightsHeld(3, title, "Other", Set.of("US", "CA"), Set.of(Media.SVOD, Media.TVOD),
                        DateWindow.of("2026-01-01", null), false),
                new RightsHeld(4, title, "Other", Set.of("142"), Set.of(Media.PAY_TV),
                        DateWindow.of("2026-01-01", "2028-12-31"), true));
        List<Holdback> holdbacks = List.of(
                new Holdback(1, title, Set.of("FR"), Set.of(Media.SVOD), DateWindow.of("2026-01-01", "2027-03-31"), "theatrical"),
                new Holdback(2, title, Set.of("002"), EnumSet.allOf(Media.class), DateWindow.of("2026-01-01", "2026-06-30"), "festival"));
        List<ExistingGrant> grants = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            LocalDate start = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(2000));
            grants.add(new ExistingGrant(100 + i, title, countries.get(random.nextInt(countries.size())),
                    Media.values()[random.nextInt(3)], new DateWindow(start, start.plusDays(90 + random.nextInt(700))),
                    random.nextBoolean(), "Licensee " + i, "DEAL-" + (i % 40)));
        }
        LicenceRequest req = new LicenceRequest("DEAL-NEW", title, new TreeSet<>(countries),
                Set.of(Media.SVOD), DateWindow.of("2027-01-01", "2028-12-31"), true);
        ConflictChecker checker = new ConflictChecker();

        List<Conflict> conflicts = checker.check(req, held, holdbacks, grants);
        assertThat(conflicts).isNotEmpty();
        for (int i = 0; i < 500; i++) { // warm-up (JIT)
            checker.check(req, held, holdbacks, grants);
        }
        long[] nanos = new long[300];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            checker.check(req, held, holdbacks, grants);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double medianMs = nanos[nanos.length / 2] / 1e6;
        double p90Ms = nanos[nanos.length * 9 / 10] / 1e6;
        System.out.printf("check(): 190 territories, 200 grants, %d conflicts: median %.3f ms, p90 %.3f ms%n",
                conflicts.size(), medianMs, p90Ms);
        assertThat(medianMs).as("median check() time in ms").isLessThan(5.0);
    }
}
