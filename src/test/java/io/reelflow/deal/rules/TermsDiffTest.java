package io.reelflow.deal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.deal.rules.TermsDiff.Difference;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the CRM is told differs when it posts a recorded deal again with other terms. */
class TermsDiffTest {

    private static Map<String, Object> terms(String windowEnd, String amount, String territories, String percents, String licensee) {
        Map<String, Object> fee = new LinkedHashMap<>();
        fee.put("type", "FIXED");
        fee.put("amount", amount.isEmpty() ? null : new BigDecimal(amount));
        fee.put("instalments", Arrays.stream(percents.split(" ")).map(p -> {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("percent", new BigDecimal(p));
            i.put("trigger", "SIGNATURE");
            i.put("date", null);
            return (Object) i;
        }).toList());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("crmDealId", "CRM-1");
        t.put("licensee", licensee);
        t.put("territories", List.of(territories.split(" ")));
        t.put("windowEnd", windowEnd.isEmpty() ? null : windowEnd);
        t.put("exclusive", true);
        t.put("fee", fee);
        return t;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            the same terms                    | 2027-12-31 | 1000   | DE FR | 100     | Netflix     | ''
            the same amount, other scale      | 2027-12-31 | 1000.00| DE FR | 100.0   | Netflix     | ''
            a later end                       | 2028-06-30 | 1000   | DE FR | 100     | Netflix     | windowEnd=recorded 2027-12-31, posted 2028-06-30
            an end no longer given            | ''         | 1000   | DE FR | 100     | Netflix     | windowEnd=recorded 2027-12-31, posted nothing
            fewer territories: the list whole | 2027-12-31 | 1000   | FR    | 100     | Netflix     | territories=recorded ["DE","FR"], posted ["FR"]
            a nested field by its path        | 2027-12-31 | 1200.5 | DE FR | 100     | Netflix     | fee.amount=recorded 1000, posted 1200.5
            a list of objects, as JSON        | 2027-12-31 | 1000   | DE FR | 50 50   | Netflix     | fee.instalments=recorded [{"percent":100,"trigger":"SIGNATURE","date":null}], posted [{"percent":50,"trigger":"SIGNATURE","date":null},{"percent":50,"trigger":"SIGNATURE","date":null}]
            quotes in a list stay JSON        | 2027-12-31 | 1000   | "X" FR | 100    | Netflix     | territories=recorded ["DE","FR"], posted ["\\"X\\"","FR"]
            two fields, in name order         | 2028-06-30 | 1000   | DE FR | 100     | Netflix Inc | licensee=recorded Netflix, posted Netflix Inc;windowEnd=recorded 2027-12-31, posted 2028-06-30
            """)
    void differences(String example, String end, String amount, String territories, String percents, String licensee, String expected) {
        List<Difference> diffs = TermsDiff.between(terms("2027-12-31", "1000", "DE FR", "100", "Netflix"),
                terms(end, amount, territories, percents, licensee));
        assertThat(diffs.stream().map(d -> d.field() + "=" + d.reason()).collect(Collectors.joining(";"))).as(example).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a field only posted now        | recorded nothing, posted true
            """)
    void aFieldOnOneSideOnly(String example, String reason) {
        Map<String, Object> recorded = new HashMap<>(Map.of("crmDealId", "CRM-1"));
        Map<String, Object> posted = new HashMap<>(Map.of("crmDealId", "CRM-1", "evergreen", true));
        assertThat(TermsDiff.between(recorded, posted)).as(example).containsExactly(new Difference("evergreen", reason));
    }
}
