package io.reelflow.rights.rules;

import static io.reelflow.rights.rules.DateWindowTest.labels;
import static io.reelflow.rights.rules.DateWindowTest.w;
import static io.reelflow.rights.rules.Fixtures.GRANTS;
import static io.reelflow.rights.rules.Fixtures.HELD;
import static io.reelflow.rights.rules.Fixtures.HOLDBACKS;
import static io.reelflow.rights.rules.Fixtures.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Worked examples of time in the rights rules: what has elapsed, what a release frees, what the avails offer. */
class ElapsedTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            window in the future                 | 2027-01-01..2027-12-31 | 2026-12-05 | ''                     | 2027-01-01..2027-12-31 | false
            starts today: nothing has passed     | 2026-12-05..2027-12-31 | 2026-12-05 | ''                     | 2026-12-05..2027-12-31 | false
            started yesterday                    | 2026-12-04..2027-12-31 | 2026-12-05 | 2026-12-04..2026-12-04 | 2026-12-05..2027-12-31 | false
            started in March, ends next year     | 2026-03-01..2027-02-28 | 2026-12-05 | 2026-03-01..2026-12-04 | 2026-12-05..2027-02-28 | false
            ends today: today is still to come   | 2026-03-01..2026-12-05 | 2026-12-05 | 2026-03-01..2026-12-04 | 2026-12-05..2026-12-05 | false
            ended yesterday                      | 2026-03-01..2026-12-04 | 2026-12-05 | 2026-03-01..2026-12-04 | ''                     | true
            the issue's AT SVOD window           | 2025-03-01..2025-12-31 | 2026-12-05 | 2025-03-01..2025-12-31 | ''                     | true
            evergreen, started                   | 2020-01-01..open       | 2026-12-05 | 2020-01-01..2026-12-04 | 2026-12-05..open       | false
            leap day passed                      | 2028-02-28..2028-03-31 | 2028-03-01 | 2028-02-28..2028-02-29 | 2028-03-01..2028-03-31 | false
            """)
    void elapsedAndRemaining(String example, String window, String today, String elapsed, String remaining, boolean ended) {
        DateWindow wdw = w(window);
        LocalDate day = LocalDate.parse(today);
        assertThat(Elapsed.part(wdw, day).map(DateWindow::label).orElse("")).as(example).isEqualTo(elapsed);
        assertThat(Elapsed.remaining(wdw, day).map(DateWindow::label).orElse("")).as(example).isEqualTo(remaining);
        assertThat(Elapsed.ended(wdw, day)).as(example).isEqualTo(ended);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            reversion the day after the window ends  | 2025-03-01..2025-12-31 | 2026-01-01 | 2026-01-01 | 2026-01-01 | 2025-03-01..2025-12-31
            reversion run late (the issue)           | 2025-03-01..2025-12-31 | 2026-01-01 | 2026-12-05 | 2026-12-05 | 2025-03-01..2025-12-31
            withdrawn mid-window: the past stays     | 2026-03-01..2027-02-28 | 2026-12-05 | 2026-12-05 | 2026-12-05 | 2026-03-01..2026-12-04
            withdrawn, asked for a past day          | 2026-03-01..2027-02-28 | 2026-06-01 | 2026-12-05 | 2026-12-05 | 2026-03-01..2026-12-04
            withdrawn before its first day           | 2027-01-01..2027-12-31 | 2026-12-05 | 2026-12-05 | 2026-12-05 | ''
            released from a future day               | 2026-03-01..2027-02-28 | 2027-01-01 | 2026-12-05 | 2027-01-01 | 2026-03-01..2026-12-31
            evergreen withdrawn                      | 2020-01-01..open       | 2026-12-05 | 2026-12-05 | 2026-12-05 | 2020-01-01..2026-12-04
            """)
    void aReleaseFreesTheFutureOnly(String example, String grant, String askedOn, String today, String effective, String consumed) {
        LocalDate day = Elapsed.releaseDay(LocalDate.parse(askedOn), LocalDate.parse(today));
        assertThat(day).as(example).isEqualTo(LocalDate.parse(effective));
        assertThat(Elapsed.consumed(w(grant), day).map(DateWindow::label).orElse("")).as(example).isEqualTo(consumed);
    }

    /** the fixtures' avails seen on a given day: nothing before today is free, the rest as before */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            all in the future: unchanged          | FR | 2027-01-01..2027-06-30 | 2026-12-05 | true  | 2027-01-01..2027-06-30 | ''
            started: the past is elapsed          | FR | 2026-06-01..2026-12-31 | 2026-12-05 | false | 2026-12-05..2026-12-31 | ELAPSED
            all in the past: nothing free         | FR | 2026-01-01..2026-06-30 | 2026-12-05 | false | ''                     | ELAPSED
            past and an exclusive grant           | FR | 2027-06-01..2027-08-31 | 2027-07-15 | false | ''                     | EXCLUSIVE_OVERLAP ELAPSED
            after the grant ends                  | FR | 2027-06-01..2028-01-31 | 2027-07-15 | false | 2028-01-01..2028-01-31 | EXCLUSIVE_OVERLAP ELAPSED
            open period on the evergreen rights   | ES | 2026-01-01..open       | 2026-12-05 | false | 2026-12-05..2029-12-31 | EXCLUSIVE_OVERLAP ELAPSED
            """)
    void availsNeverOfferADayBeforeToday(String example, String territory, String period, String today, boolean available,
                                         String free, String rules) {
        List<TerritoryAvail> result = new AvailsCalculator().avails(TITLE, Media.SVOD, w(period), true, Set.of(territory),
                HELD, HOLDBACKS, GRANTS, LocalDate.parse(today));
        TerritoryAvail a = result.get(0);
        assertThat(a.available()).as(example).isEqualTo(available);
        assertThat(labels(a.freePeriods())).as(example).isEqualTo(free);
        assertThat(a.conflicts().stream().map(c -> c.rule().name()).collect(Collectors.joining(" "))).as(example).isEqualTo(rules);
        for (DateWindow p : a.freePeriods()) assertThat(p.start()).as(example).isAfterOrEqualTo(LocalDate.parse(today));
    }
}
