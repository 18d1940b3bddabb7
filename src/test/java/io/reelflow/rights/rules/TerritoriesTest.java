package io.reelflow.rights.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TerritoriesTest {

    private static Set<String> codes(String spaceSeparated) {
        return spaceSeparated == null || spaceSeparated.isBlank() ? Set.of() : Set.of(spaceSeparated.trim().split(" +"));
    }

    @ParameterizedTest(name = "{0} contains [{1}], not [{2}]")
    @CsvSource({
            "FR,  FR,                          DE",
            "fr,  FR,                          DE",       // lowercase input is normalised
            "' de ', DE,                       FR",
            "150, FR DE GB IT ES PL RU UA VA GG JE AX, US TR CY GL",   // Europe (CY and TR are Western Asia in M49)
            "155, FR DE AT BE CH LI LU MC NL,  GB IT ES",  // Western Europe
            "154, GB IE DK SE NO FI IS EE GG JE IM, FR",   // Northern Europe includes the Channel Islands
            "830, GG JE,                       GB",        // Channel Islands
            "419, BR MX AR CU PR CL CO,        US CA ES",  // Latin America and the Caribbean
            "013, MX BZ PA,                    US BR",
            "021, US CA GL BM PM,              MX",
            "019, US CA BR MX,                 ES",
            "002, ZA EG NG MA SD RE,           ES",
            "015, EG MA SD EH,                 ZA",
            "202, ZA NG KE IO TF,              EG MA",
            "142, JP CN IN TR CY IL SA TW HK,  RU EG",
            "030, CN JP KR KP TW HK MO MN,     IN",
            "145, TR CY IL AE AM GE,           EG IR",
            "034, IN IR PK,                    TR",
            "009, AU NZ FJ GU WS UM,           ID",
            "053, AU NZ NF CX CC HM,           FJ",
            "WW,  FR US AQ BV,                 ''",
            "ww,  FR US AQ,                    ''",
            "001, FR US AQ,                    ''",
    })
    void expand(String code, String contains, String notContains) {
        Set<String> expanded = Territories.expand(code);
        assertThat(expanded).containsAll(codes(contains));
        for (String other : codes(notContains)) {
            assertThat(expanded).doesNotContain(other);
        }
    }

    @ParameterizedTest(name = "{0} has {1} countries")
    @CsvSource({
            "FR, 1", "WW, 249", "001, 249",
            "002, 60", "015, 7", "202, 53", "014, 22", "017, 9", "018, 5", "011, 17",
            "019, 57", "419, 52", "029, 28", "013, 8", "005, 16", "021, 5",
            "142, 51", "143, 5", "030, 8", "035, 11", "034, 9", "145, 18",
            "150, 51", "151, 10", "154, 16", "039, 16", "155, 9", "830, 2",
            "009, 29", "053, 6", "054, 5", "057, 8", "061, 10",
    })
    void regionSizes(String code, int size) {
        assertThat(Territories.expand(code)).hasSize(size);
    }

    @ParameterizedTest(name = "unknown ''{0}''")
    @ValueSource(strings = {"XX", "UK", "EU", "XK", "AN", "1500", "999", "F", ""})
    void unknownCodes(String code) {
        assertThatThrownBy(() -> Territories.expand(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown territory '" + code
                        + "': expected an ISO 3166-1 alpha-2 code, a UN M49 region code or WW");
        assertThat(Territories.isCountry(code)).isFalse();
        assertThatThrownBy(() -> Territories.name(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownCodeMessageAsDocumented() {
        assertThatThrownBy(() -> Territories.expand("XX"))
                .hasMessage("unknown territory 'XX': expected an ISO 3166-1 alpha-2 code, a UN M49 region code or WW");
        assertThatThrownBy(() -> Territories.expand(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "FR, France", "fr, France", "GB, United Kingdom", "US, United States", "DE, Germany",
            "KR, South Korea", "CI, Côte d'Ivoire", "TR, Türkiye", "AX, Åland Islands",
            "150, Europe", "419, Latin America and the Caribbean", "202, Sub-Saharan Africa",
            "035, South-eastern Asia", "001, World", "WW, Worldwide", "830, Channel Islands",
    })
    void names(String code, String name) {
        assertThat(Territories.name(code)).isEqualTo(name);
    }

    @ParameterizedTest(name = "isCountry({0}) = {1}")
    @CsvSource({"FR, true", "fr, true", "SS, true", "BQ, true", "CW, true", "SX, true", "AQ, true",
            "150, false", "WW, false", "001, false", "XK, false", "UK, false", "AN, false", "CS, false"})
    void isCountry(String code, boolean expected) {
        assertThat(Territories.isCountry(code)).isEqualTo(expected);
    }

    @Test
    void allCountriesAreThe249IsoCodes() {
        Set<String> all = Territories.allCountries();
        assertThat(all).hasSize(249).allMatch(c -> c.matches("[A-Z]{2}"));
        assertThat(Territories.expand("WW")).isEqualTo(all);
        assertThat(new ArrayList<>(all)).isSorted();
        for (String c : all) {
            assertThat(Territories.isCountry(c)).isTrue();
            assertThat(Territories.name(c)).isNotBlank();
        }
    }

    @Test
    void expandAllIsASortedUnion() {
        Set<String> s = Territories.expandAll(List.of("de", "155", "BR", "013"));
        assertThat(s).isInstanceOf(TreeSet.class);
        assertThat(new ArrayList<>(s)).isSorted();
        Set<String> expected = new HashSet<>(Territories.expand("155"));
        expected.addAll(Territories.expand("013"));
        expected.add("BR");
        assertThat(s).isEqualTo(expected);
        assertThatThrownBy(() -> Territories.expandAll(List.of("FR", "XX")))
                .hasMessageStartingWith("unknown territory 'XX'");
    }

    @Test
    void expandedSetsAreImmutable() {
        assertThatThrownBy(() -> Territories.expand("150").add("US")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Territories.allCountries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void continentsPartitionEveryCountryButAntarctica() {
        List<String> continents = List.of("002", "019", "142", "150", "009");
        Set<String> seen = new HashSet<>();
        for (String c : continents) {
            for (String country : Territories.expand(c)) {
                assertThat(seen.add(country)).as("%s is in two continents", country).isTrue();
            }
        }
        Set<String> rest = new TreeSet<>(Territories.allCountries());
        rest.removeAll(seen);
        assertThat(rest).containsExactly("AQ");
    }

    @ParameterizedTest(name = "{0} = union of [{1}]")
    @CsvSource({
            "001, 002 019 142 150 009 AQ",
            "002, 015 202",
            "202, 014 017 018 011",
            "019, 419 021",
            "419, 029 013 005",
            "142, 143 030 035 034 145",
            "150, 151 154 039 155",
            "154, GB IE DK SE NO FI IS EE LV LT FO AX SJ IM 830",
            "009, 053 054 057 061",
    })
    void regionsAreTheDisjointUnionOfTheirParts(String region, String parts) {
        Set<String> union = new HashSet<>();
        int total = 0;
        for (String p : parts.split(" ")) {
            Set<String> e = Territories.expand(p);
            total += e.size();
            union.addAll(e);
        }
        assertThat(union).hasSize(total); // disjoint
        assertThat(Territories.expand(region)).isEqualTo(union);
    }

    @Test
    void resolveIsLenient() {
        assertThat(Territories.resolve("xk")).containsExactly("XK");
        assertThat(Territories.resolve("fr")).containsExactly("FR");
        assertThat(Territories.resolve("150")).isEqualTo(Territories.expand("150"));
        assertThat(Territories.isRegion("419")).isTrue();
        assertThat(Territories.isRegion("FR")).isFalse();
        assertThat(Territories.regions()).containsKeys("001", "WW", "150", "419", "202", "830");
    }
}
