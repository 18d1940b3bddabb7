package io.reelflow.rights.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateWindowTest {

    /** "2027-01-01..2027-06-30" or "2027-01-01..open" */
    static DateWindow w(String s) {
        String[] p = s.trim().split("\\.\\.");
        return new DateWindow(LocalDate.parse(p[0]), p[1].equals("open") ? null : LocalDate.parse(p[1]));
    }

    /** "a; b; c" -> windows, "" or null -> empty */
    static List<DateWindow> ws(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(";")).map(DateWindowTest::w).collect(Collectors.toList());
    }

    static String labels(List<DateWindow> windows) {
        return windows.stream().map(DateWindow::label).collect(Collectors.joining("; "));
    }

    @Test
    void rejectsMissingStartAndEndBeforeStart() {
        assertThatThrownBy(() -> new DateWindow(null, LocalDate.of(2027, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start must not be null");
        assertThatThrownBy(() -> DateWindow.of("2027-06-30", "2027-06-29"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("date window end 2027-06-29 is before its start 2027-06-30");
    }

    @Test
    void singleDayAndEvergreenAreValid() {
        assertThat(DateWindow.of("2028-02-29", "2028-02-29").days()).contains(1L);
        assertThat(DateWindow.from(LocalDate.of(2027, 1, 1)).isOpenEnded()).isTrue();
        assertThat(DateWindow.from(LocalDate.of(2027, 1, 1)).days()).isEmpty();
        assertThat(w("2028-01-01..2028-12-31").days()).contains(366L); // leap year
    }

    @ParameterizedTest(name = "{0} overlaps {1}: {2}")
    @CsvSource({
            "2027-01-01..2027-06-30, 2027-07-01..2027-12-31, false", // ends the day before the other starts
            "2027-01-01..2027-07-01, 2027-07-01..2027-12-31, true",  // ends on its start day: one day
            "2027-01-01..2027-12-31, 2027-03-01..2027-03-31, true",  // contains
            "2027-03-01..2027-03-31, 2027-01-01..2027-12-31, true",  // contained
            "2028-02-29..2028-02-29, 2028-02-01..2028-02-29, true",  // leap day
            "2028-03-01..2028-03-31, 2028-02-01..2028-02-29, false",
            "2027-01-01..open,       2090-01-01..2090-01-31, true",  // evergreen overlaps everything after its start
            "2027-01-01..open,       2026-01-01..2026-12-31, false", // ... but nothing before it
            "2027-01-01..open,       2030-01-01..open,       true",
            "2026-12-31..2026-12-31, 2027-01-01..open,       false",
    })
    void overlaps(String a, String b, boolean expected) {
        assertThat(w(a).overlaps(w(b))).isEqualTo(expected);
        assertThat(w(b).overlaps(w(a))).isEqualTo(expected);
        assertThat(w(a).intersection(w(b)).isPresent()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "2027-01-01..2027-12-31, 2027-01-01..2027-12-31, true",
            "2027-01-01..2027-12-31, 2027-02-01..2027-02-28, true",
            "2027-01-01..2027-12-31, 2026-12-31..2027-02-28, false",
            "2027-01-01..2027-12-31, 2027-06-01..2028-01-01, false",
            "2027-01-01..2027-12-31, 2027-06-01..open,       false",
            "2027-01-01..open,       2027-06-01..open,       true",
            "2027-01-01..open,       2099-06-01..2099-06-30, true",
            "2027-01-01..open,       2026-06-01..open,       false",
    })
    void containsWindow(String a, String b, boolean expected) {
        assertThat(w(a).contains(w(b))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "2027-01-01..2027-12-31, 2027-01-01, true",
            "2027-01-01..2027-12-31, 2027-12-31, true",
            "2027-01-01..2027-12-31, 2026-12-31, false",
            "2027-01-01..2027-12-31, 2028-01-01, false",
            "2028-02-01..2028-02-29, 2028-02-29, true",
            "2027-01-01..open,       2999-12-31, true",
            "2027-01-01..open,       2026-12-31, false",
    })
    void containsDate(String a, String day, boolean expected) {
        assertThat(w(a).contains(LocalDate.parse(day))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ∩ {1} = {2}")
    @CsvSource({
            "2027-01-01..2027-07-01, 2027-07-01..2027-12-31, 2027-07-01..2027-07-01",
            "2027-01-01..2027-12-31, 2027-03-01..2027-03-31, 2027-03-01..2027-03-31",
            "2027-01-01..open,       2026-01-01..2027-06-30, 2027-01-01..2027-06-30",
            "2027-01-01..open,       2029-01-01..open,       2029-01-01..open",
            "2027-01-01..2027-06-30, 2027-07-01..2027-12-31, ''",
    })
    void intersection(String a, String b, String expected) {
        assertThat(w(a).intersection(w(b)).map(DateWindow::label).orElse("")).isEqualTo(expected);
        assertThat(w(b).intersection(w(a)).map(DateWindow::label).orElse("")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} minus {1} = [{2}]")
    @CsvSource({
            "2027-01-01..2027-12-31, 2027-04-01..2027-06-30, 2027-01-01..2027-03-31; 2027-07-01..2027-12-31",
            "2027-01-01..2027-12-31, 2026-01-01..2027-06-30, 2027-07-01..2027-12-31",
            "2027-01-01..2027-12-31, 2027-07-01..open,       2027-01-01..2027-06-30",
            "2027-01-01..2027-12-31, 2026-01-01..2028-12-31, ''",
            "2027-01-01..2027-12-31, 2027-01-01..2027-12-31, ''",
            "2027-01-01..2027-12-31, 2028-01-01..2028-12-31, 2027-01-01..2027-12-31",
            "2027-01-01..2027-12-31, 2027-12-31..2027-12-31, 2027-01-01..2027-12-30",
            "2027-01-01..open,       2027-03-01..2027-03-31, 2027-01-01..2027-02-28; 2027-04-01..open",
            "2028-02-01..2028-03-31, 2028-02-29..2028-02-29, 2028-02-01..2028-02-28; 2028-03-01..2028-03-31",
    })
    void minus(String a, String b, String expected) {
        assertThat(labels(w(a).minus(w(b)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "union [{0}] = [{1}]")
    @CsvSource({
            "2027-01-01..2027-01-05; 2027-01-06..2027-01-09, 2027-01-01..2027-01-09",   // adjacent days merge
            "2027-01-06..2027-01-09; 2027-01-01..2027-01-05, 2027-01-01..2027-01-09",   // any input order
            "2027-01-01..2027-01-05; 2027-01-07..2027-01-09, 2027-01-01..2027-01-05; 2027-01-07..2027-01-09",
            "2027-01-01..2027-06-30; 2027-03-01..2027-12-31, 2027-01-01..2027-12-31",
            "2027-01-01..2027-12-31; 2027-03-01..2027-03-31, 2027-01-01..2027-12-31",
            "2027-01-01..open; 2030-01-01..2030-12-31; 2020-01-01..2020-12-31, 2020-01-01..2020-12-31; 2027-01-01..open",
            "2026-01-01..2026-12-31; 2027-01-01..open, 2026-01-01..open",
            "2028-02-01..2028-02-28; 2028-02-29..2028-03-31, 2028-02-01..2028-03-31",
            "'', ''",
    })
    void union(String in, String expected) {
        assertThat(labels(DateWindow.union(ws(in)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} minus all [{1}] = [{2}]")
    @CsvSource({
            "2027-01-01..2027-12-31, 2027-03-01..2027-03-31; 2027-06-01..2027-06-30, 2027-01-01..2027-02-28; 2027-04-01..2027-05-31; 2027-07-01..2027-12-31",
            "2027-01-01..2027-12-31, 2026-01-01..2027-06-30; 2027-07-01..2028-01-01, ''",
            "2027-01-01..2027-12-31, '', 2027-01-01..2027-12-31",
    })
    void minusAll(String a, String others, String expected) {
        assertThat(labels(w(a).minusAll(ws(others)))).isEqualTo(expected);
    }

    @Test
    void extremeDatesDoNotOverflow() {
        DateWindow max = new DateWindow(LocalDate.MIN, LocalDate.MAX);
        assertThat(DateWindow.union(List.of(max, w("2027-01-01..2027-12-31")))).containsExactly(max);
        assertThat(max.minus(new DateWindow(LocalDate.MIN, LocalDate.MAX))).isEmpty();
        assertThat(labels(w("2027-01-01..open").minus(new DateWindow(LocalDate.MIN, LocalDate.MAX))))
                .isEqualTo("");
    }

    @Test
    void labels() {
        assertThat(w("2027-01-01..2027-06-30").label()).isEqualTo("2027-01-01..2027-06-30");
        assertThat(w("2027-01-01..open").label()).isEqualTo("2027-01-01..open");
    }
}
