package io.reelflow.deal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.deal.rules.IntakeRules.Fee;
import io.reelflow.deal.rules.IntakeRules.FeeType;
import io.reelflow.deal.rules.IntakeRules.Instalment;
import io.reelflow.deal.rules.IntakeRules.Problem;
import io.reelflow.deal.rules.IntakeRules.Terms;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The meaning of a deal's terms at intake, on worked examples. */
class IntakeRulesTest {

    /** Two regions and a few countries are enough to read the examples; anything else is unknown. */
    private static Set<String> expand(String code) {
        return switch (code) {
            case "FR", "DE", "AT", "BR", "PT" -> Set.of(code);
            case "150" -> Set.of("FR", "DE", "AT", "PT");
            case "WW" -> Set.of("FR", "DE", "AT", "PT", "BR");
            default -> throw new IllegalArgumentException("unknown territory '" + code + "'");
        };
    }

    /** A stand-in for the BCP 47 check: letters and dashes, no underscore. */
    private static String tagProblem(String tag) {
        return tag.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*") ? null : "'" + tag + "' is not a well-formed BCP 47 language tag";
    }

    private final IntakeRules rules = new IntakeRules(IntakeRulesTest::expand, IntakeRulesTest::tagProblem);

    private static Fee fixed(String amount, String... percents) {
        List<Instalment> instalments = Arrays.stream(percents).map(p -> new Instalment(new BigDecimal(p), false, null)).toList();
        return new Fee(FeeType.FIXED, "EUR", amount == null ? null : new BigDecimal(amount), null, null, instalments);
    }

    private static Terms terms(String start, String end, boolean evergreen, boolean historical, Fee fee) {
        return new Terms(LocalDate.parse(start), end.isEmpty() ? null : LocalDate.parse(end), evergreen, null, historical,
                List.of("AT"), fee, null);
    }

    private static String fields(List<Problem> problems) {
        return problems.stream().map(Problem::field).collect(Collectors.joining(" "));
    }

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
        List<Problem> problems = rules.check(terms(start, end, evergreen, historical, fixed("1000", "100")),
                today.isEmpty() ? null : LocalDate.parse(today)).problems();
        assertThat(fields(problems)).as(example).isEqualTo(refusedField);
        if (refusedField.equals("windowEnd")) assertThat(problems.get(0).reason()).contains("historical");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a window in order                    | 2027-01-01 | 2027-12-31 | false | ''                       | ''
            end before start                     | 2027-06-01 | 2027-05-31 | false | windowEnd                | window end 2027-05-31 is before window start 2027-06-01
            no end, not evergreen                | 2027-01-01 | ''         | false | windowEnd                | required unless the deal is evergreen ("evergreen": true)
            an evergreen deal with an end        | 2027-01-01 | 2027-12-31 | true  | windowEnd                | an evergreen deal has no end date
            a start in the year 1899             | 1899-12-31 | 2027-12-31 | false | windowStart              | 1899-12-31 is not a plausible contract date (expected 1900-01-01 to 2999-12-31)
            an end in the year 3000              | 2027-01-01 | 3000-01-01 | false | windowEnd                | 3000-01-01 is not a plausible contract date (expected 1900-01-01 to 2999-12-31)
            """)
    void windows(String example, String start, String end, boolean evergreen, String field, String reason) {
        List<Problem> problems = rules.check(terms(start, end, evergreen, false, fixed("1000", "100")), null).problems();
        assertThat(fields(problems)).as(example).isEqualTo(field);
        if (!field.isEmpty()) assertThat(problems.get(0).reason()).as(example).isEqualTo(reason);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            one instalment of 100          | FIXED            | EUR | 1000 | ''   | ''  | 100        | fee.instalments=
            two that add up to 100         | FIXED            | EUR | 1000 | ''   | ''  | 40.5 59.5  | fee.instalments=
            two that add up to 90          | FIXED            | EUR | 1000 | ''   | ''  | 40 50      | fee.instalments=percentages must add up to 100, they add up to 90
            a currency that is none        | FIXED            | EUX | 1000 | ''   | ''  | 100        | fee.currency='EUX' is not an ISO 4217 currency code
            a fixed fee without amount     | FIXED            | EUR | ''   | ''   | ''  | 100        | fee.amount=required for a FIXED fee
            a fixed fee with an MG         | FIXED            | EUR | 1000 | 500  | ''  | 100        | fee.minimumGuarantee=only for MG_REVENUE_SHARE
            a fixed fee with a share       | FIXED            | EUR | 1000 | ''   | 20  | 100        | fee.revenueSharePercent=only for MG_REVENUE_SHARE
            MG and share                   | MG_REVENUE_SHARE | USD | ''   | 500  | 20  | 100        | fee.instalments=
            MG without share               | MG_REVENUE_SHARE | USD | ''   | 500  | ''  | 100        | fee.revenueSharePercent=required for MG_REVENUE_SHARE
            share without MG               | MG_REVENUE_SHARE | USD | ''   | ''   | 20  | 100        | fee.minimumGuarantee=required for MG_REVENUE_SHARE
            MG with an amount              | MG_REVENUE_SHARE | USD | 1000 | 500  | 20  | 100        | fee.amount=only for a FIXED fee (use minimumGuarantee)
            """)
    void fees(String example, FeeType type, String currency, String amount, String mg, String share, String percents, String expected) {
        List<Instalment> instalments = Arrays.stream(percents.split(" ")).map(p -> new Instalment(new BigDecimal(p), false, null)).toList();
        Fee fee = new Fee(type, currency, decimal(amount), decimal(mg), decimal(share), instalments);
        List<Problem> problems = rules.check(terms("2027-01-01", "2027-12-31", false, false, fee), null).problems();
        String[] want = expected.split("=", 2);
        if (want[1].isEmpty()) {
            assertThat(problems).as(example).isEmpty();
        } else {
            assertThat(problems).as(example).containsExactly(new Problem(want[0], want[1]));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a DATE instalment with its date     | true  | 2027-03-01 | ''
            a DATE instalment without a date    | true  | ''         | required when the trigger is DATE
            a SIGNATURE instalment with a date  | false | 2027-03-01 | only for the DATE trigger
            a date out of any contract          | true  | 3100-03-01 | 3100-03-01 is not a plausible contract date (expected 1900-01-01 to 2999-12-31)
            """)
    void instalmentDates(String example, boolean dateTrigger, String date, String reason) {
        Fee fee = new Fee(FeeType.FIXED, "EUR", BigDecimal.TEN, null, null,
                List.of(new Instalment(BigDecimal.valueOf(100), dateTrigger, date.isEmpty() ? null : LocalDate.parse(date))));
        List<Problem> problems = rules.check(terms("2027-01-01", "2027-12-31", false, false, fee), null).problems();
        if (reason.isEmpty()) {
            assertThat(problems).as(example).isEmpty();
        } else {
            assertThat(problems).as(example).containsExactly(new Problem("fee.instalments[0].date", reason));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            countries, upper-cased and kept once        | fr de FR      | DE FR       | FR DE         | ''
            a region expands                            | 150 BR        | AT BR DE FR PT | 150 BR     | ''
            an unknown code names its place             | FR XX         | FR          | FR            | territories[1]=unknown territory 'XX'
            """)
    void territories(String example, String given, String countries, String kept, String problem) {
        Terms t = new Terms(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"), false, null, false,
                List.of(given.split(" ")), fixed("1000", "100"), null);
        IntakeRules.Result r = rules.check(t, null);
        assertThat(String.join(" ", r.countries())).as(example).isEqualTo(countries);
        assertThat(String.join(" ", r.territories())).as(example).isEqualTo(kept);
        assertThat(r.problems().stream().map(p -> p.field() + "=" + p.reason()).collect(Collectors.joining(";"))).as(example).isEqualTo(problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            kept exactly, pt-BR is not pt           | pt-BR;pt;en        | pt-BR pt en | ''
            stripped of spaces                      | ' de ;fr'          | de fr       | ''
            listed twice: refused, not merged       | de;fr;de           | de fr       | localization.subtitles[2]='de' is listed twice
            not a tag                               | pt_BR              | ''          | localization.subtitles[0]='pt_BR' is not a well-formed BCP 47 language tag
            """)
    void languageTags(String example, String given, String kept, String problem) {
        Map<String, List<String>> loc = new LinkedHashMap<>();
        loc.put("subtitles", new ArrayList<>(List.of(given.split(";"))));
        loc.put("dubs", null);
        Terms t = new Terms(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"), false, null, false, List.of("FR"),
                fixed("1000", "100"), loc);
        IntakeRules.Result r = rules.check(t, null);
        assertThat(String.join(" ", r.localization().get("subtitles"))).as(example).isEqualTo(kept);
        assertThat(r.localization().get("dubs")).as("a list not given is empty").isEmpty();
        assertThat(r.problems().stream().map(p -> p.field() + "=" + p.reason()).collect(Collectors.joining(";"))).as(example).isEqualTo(problem);
    }

    @Test
    void everyProblemIsAnsweredAtOnce() {
        Fee fee = new Fee(FeeType.FIXED, "EUX", null, null, null, List.of(new Instalment(BigDecimal.valueOf(50), false, null)));
        Terms t = new Terms(LocalDate.parse("2027-06-01"), LocalDate.parse("2027-05-31"), false, null, false, List.of("XX"), fee, null);
        assertThat(fields(rules.check(t, null).problems())).isEqualTo("windowEnd territories[0] fee.currency fee.amount fee.instalments");
    }

    private static BigDecimal decimal(String s) {
        return s.isEmpty() ? null : new BigDecimal(s);
    }
}
