package io.reelflow.deal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.rights.rules.Media;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The time rule of deal intake, on worked examples: which windows are refused on which day, and as history. */
class DealIntakeTimeRuleTest {

    private final DealIntakeValidator validator = new DealIntakeValidator();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a future window                         | 2027-01-01 | 2027-12-31 | false | false | 2026-12-05 | ''
            started, not ended: checked as asked    | 2026-01-01 | 2027-12-31 | false | false | 2026-12-05 | ''
            ends today: still a deal                | 2026-01-01 | 2026-12-05 | false | false | 2026-12-05 | ''
            ended yesterday: refused                | 2026-01-01 | 2026-12-04 | false | false | 2026-12-05 | windowEnd
            the issue's AT SVOD window              | 2025-03-01 | 2025-12-31 | false | false | 2026-12-05 | windowEnd
            the same posted as history              | 2025-03-01 | 2025-12-31 | false | true  | 2026-12-05 | ''
            history that has not ended              | 2025-03-01 | 2026-12-05 | false | true  | 2026-12-05 | historical
            evergreen history                       | 2025-03-01 | ''         | true  | true  | 2026-12-05 | evergreen
            evergreen started long ago              | 2020-01-01 | ''         | true  | false | 2026-12-05 | ''
            no clock: no time rule                  | 2025-03-01 | 2025-12-31 | false | false | ''         | ''
            """)
    void windowsAgainstToday(String example, String start, String end, boolean evergreen, boolean historical, String today,
                             String refusedField) {
        DealRequest r = new DealRequest("CRM-T", "Netflix", List.of(1L), List.of(Media.SVOD), true, List.of("AT"),
                LocalDate.parse(start), end.isEmpty() ? null : LocalDate.parse(end), evergreen ? true : null,
                new DealRequest.Fee(DealRequest.FeeType.FIXED, "EUR", new BigDecimal("1000"), null, null,
                        List.of(new DealRequest.Instalment(new BigDecimal("100"), DealRequest.Trigger.SIGNATURE, null, 30))),
                null, new DealRequest.Format(DealRequest.Resolution.HD, DealRequest.DynamicRange.SDR), null, historical ? true : null);
        List<FieldProblem> problems = validator.validate(r, today.isEmpty() ? null : LocalDate.parse(today)).problems();
        assertThat(problems.stream().map(FieldProblem::field).collect(Collectors.joining(" "))).as(example).isEqualTo(refusedField);
        if (refusedField.equals("windowEnd")) assertThat(problems.get(0).reason()).contains("historical");
    }
}
