package io.reelflow.rights.rules;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Territory codes: ISO 3166-1 alpha-2 countries (all 249 officially assigned codes, embedded so the
 * result does not depend on the JDK's locale data), UN M49 regions (three-digit codes, composition as
 * published by the UN Statistics Division, countries given by alpha-2) and {@code WW} (worldwide,
 * same as M49 {@code 001}). Input is trimmed and upper-cased, so {@code "fr"} is {@code "FR"}.
 *
 * <p>Notes on the M49 data: Taiwan (TW) is not listed separately by the UN (it is counted under
 * China); it is placed in Eastern Asia (030) here, with China. Antarctica (AQ) belongs to no M49
 * region other than World, so it is only reached through {@code 001}/{@code WW}. Sark has no ISO
 * code and is therefore absent from the Channel Islands (830).
 */
public final class Territories {

    /** ISO 3166-1 alpha-2 code -> English short name (249 entries). */
    private static final String[] COUNTRY_TABLE = {
            "AD", "Andorra", "AE", "United Arab Emirates", "AF", "Afghanistan", "AG", "Antigua and Barbuda",
            "AI", "Anguilla", "AL", "Albania", "AM", "Armenia", "AO", "Angola", "AQ", "Antarctica", "AR", "Argentina",
            "AS", "American Samoa", "AT", "Austria", "AU", "Australia", "AW", "Aruba", "AX", "Åland Islands",
            "AZ", "Azerbaijan", "BA", "Bosnia and Herzegovina", "BB", "Barbados", "BD", "Bangladesh", "BE", "Belgium",
            "BF", "Burkina Faso", "BG", "Bulgaria", "BH", "Bahrain", "BI", "Burundi", "BJ", "Benin",
            "BL", "Saint Barthélemy", "BM", "Bermuda", "BN", "Brunei", "BO", "Bolivia",
            "BQ", "Bonaire, Sint Eustatius and Saba", "BR", "Brazil", "BS", "Bahamas", "BT", "Bhutan",
            "BV", "Bouvet Island", "BW", "Botswana", "BY", "Belarus", "BZ", "Belize", "CA", "Canada",
            "CC", "Cocos (Keeling) Islands", "CD", "Congo (Democratic Republic)", "CF", "Central African Republic",
            "CG", "Congo", "CH", "Switzerland", "CI", "Côte d'Ivoire", "CK", "Cook Islands", "CL", "Chile",
            "CM", "Cameroon", "CN", "China", "CO", "Colombia", "CR", "Costa Rica", "CU", "Cuba", "CV", "Cabo Verde",
            "CW", "Curaçao", "CX", "Christmas Island", "CY", "Cyprus", "CZ", "Czechia", "DE", "Germany", "DJ", "Djibouti",
            "DK", "Denmark", "DM", "Dominica", "DO", "Dominican Republic", "DZ", "Algeria", "EC", "Ecuador",
            "EE", "Estonia", "EG", "Egypt", "EH", "Western Sahara", "ER", "Eritrea", "ES", "Spain", "ET", "Ethiopia",
            "FI", "Finland", "FJ", "Fiji", "FK", "Falkland Islands (Malvinas)", "FM", "Micronesia (Federated States of)",
            "FO", "Faroe Islands", "FR", "France", "GA", "Gabon", "GB", "United Kingdom", "GD", "Grenada", "GE", "Georgia",
            "GF", "French Guiana", "GG", "Guernsey", "GH", "Ghana", "GI", "Gibraltar", "GL", "Greenland", "GM", "Gambia",
            "GN", "Guinea", "GP", "Guadeloupe", "GQ", "Equatorial Guinea", "GR", "Greece",
            "GS", "South Georgia and the South Sandwich Islands", "GT", "Guatemala", "GU", "Guam", "GW", "Guinea-Bissau",
            "GY", "Guyana", "HK", "Hong Kong", "HM", "Heard Island and McDonald Islands", "HN", "Honduras",
            "HR", "Croatia", "HT", "Haiti", "HU", "Hungary", "ID", "Indonesia", "IE", "Ireland", "IL", "Israel",
            "IM", "Isle of Man", "IN", "India", "IO", "British Indian Ocean Territory", "IQ", "Iraq", "IR", "Iran",
            "IS", "Iceland", "IT", "Italy", "JE", "Jersey", "JM", "Jamaica", "JO", "Jordan", "JP", "Japan", "KE", "Kenya",
            "KG", "Kyrgyzstan", "KH", "Cambodia", "KI", "Kiribati", "KM", "Comoros", "KN", "Saint Kitts and Nevis",
            "KP", "North Korea", "KR", "South Korea", "KW", "Kuwait", "KY", "Cayman Islands", "KZ", "Kazakhstan",
            "LA", "Laos", "LB", "Lebanon", "LC", "Saint Lucia", "LI", "Liechtenstein", "LK", "Sri Lanka", "LR", "Liberia",
            "LS", "Lesotho", "LT", "Lithuania", "LU", "Luxembourg", "LV", "Latvia", "LY", "Libya", "MA", "Morocco",
            "MC", "Monaco", "MD", "Moldova", "ME", "Montenegro", "MF", "Saint Martin (French part)", "MG", "Madagascar",
            "MH", "Marshall Islands", "MK", "North Macedonia", "ML", "Mali", "MM", "Myanmar", "MN", "Mongolia",
            "MO", "Macao", "MP", "Northern Mariana Islands", "MQ", "Martinique", "MR", "Mauritania", "MS", "Montserrat",
            "MT", "Malta", "MU", "Mauritius", "MV", "Maldives", "MW", "Malawi", "MX", "Mexico", "MY", "Malaysia",
            "MZ", "Mozambique", "NA", "Namibia", "NC", "New Caledonia", "NE", "Niger", "NF", "Norfolk Island",
            "NG", "Nigeria", "NI", "Nicaragua", "NL", "Netherlands", "NO", "Norway", "NP", "Nepal", "NR", "Nauru",
            "NU", "Niue", "NZ", "New Zealand", "OM", "Oman", "PA", "Panama", "PE", "Peru", "PF", "French Polynesia",
            "PG", "Papua New Guinea", "PH", "Philippines", "PK", "Pakistan", "PL", "Poland",
            "PM", "Saint Pierre and Miquelon", "PN", "Pitcairn", "PR", "Puerto Rico", "PS", "Palestine", "PT", "Portugal",
            "PW", "Palau", "PY", "Paraguay", "QA", "Qatar", "RE", "Réunion", "RO", "Romania", "RS", "Serbia",
            "RU", "Russia", "RW", "Rwanda", "SA", "Saudi Arabia", "SB", "Solomon Islands", "SC", "Seychelles",
            "SD", "Sudan", "SE", "Sweden", "SG", "Singapore", "SH", "Saint Helena, Ascension and Tristan da Cunha",
            "SI", "Slovenia", "SJ", "Svalbard and Jan Mayen", "SK", "Slovakia", "SL", "Sierra Leone", "SM", "San Marino",
            "SN", "Senegal", "SO", "Somalia", "SR", "Suriname", "SS", "South Sudan", "ST", "São Tomé and Príncipe",
            "SV", "El Salvador", "SX", "Sint Maarten (Dutch part)", "SY", "Syria", "SZ", "Eswatini",
            "TC", "Turks and Caicos Islands", "TD", "Chad", "TF", "French Southern Territories", "TG", "Togo",
            "TH", "Thailand", "TJ", "Tajikistan", "TK", "Tokelau", "TL", "Timor-Leste", "TM", "Turkmenistan",
            "TN", "Tunisia", "TO", "Tonga", "TR", "Türkiye", "TT", "Trinidad and Tobago", "TV", "Tuvalu", "TW", "Taiwan",
            "TZ", "Tanzania", "UA", "Ukraine", "UG", "Uganda", "UM", "United States Minor Outlying Islands",
            "US", "United States", "UY", "Uruguay", "UZ", "Uzbekistan", "VA", "Holy See (Vatican City)",
            "VC", "Saint Vincent and the Grenadines", "VE", "Venezuela", "VG", "British Virgin Islands",
            "VI", "U.S. Virgin Islands", "VN", "Vietnam", "VU", "Vanuatu", "WF", "Wallis and Futuna", "WS", "Samoa",
            "YE", "Yemen", "YT", "Mayotte", "ZA", "South Africa", "ZM", "Zambia", "ZW", "Zimbabwe",
    };

    /** Leaf regions (lowest M49 level used here): code, name, member countries. */
    private static final String[][] LEAF_REGIONS = {
            // Africa 002
            {"015", "Northern Africa", "DZ EG EH LY MA SD TN"},
            {"014", "Eastern Africa", "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW"},
            {"017", "Middle Africa", "AO CD CF CG CM GA GQ ST TD"},
            {"018", "Southern Africa", "BW LS NA SZ ZA"},
            {"011", "Western Africa", "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG"},
            // Americas 019
            {"029", "Caribbean", "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI"},
            {"013", "Central America", "BZ CR GT HN MX NI PA SV"},
            {"005", "South America", "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE"},
            {"021", "Northern America", "BM CA GL PM US"},
            // Asia 142
            {"143", "Central Asia", "KG KZ TJ TM UZ"},
            {"030", "Eastern Asia", "CN HK JP KP KR MN MO TW"},
            {"035", "South-eastern Asia", "BN ID KH LA MM MY PH SG TH TL VN"},
            {"034", "Southern Asia", "AF BD BT IN IR LK MV NP PK"},
            {"145", "Western Asia", "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE"},
            // Europe 150
            {"151", "Eastern Europe", "BG BY CZ HU MD PL RO RU SK UA"},
            {"830", "Channel Islands", "GG JE"},
            {"154", "Northern Europe", "AX DK EE FI FO GB IE IM IS LT LV NO SE SJ"}, // + 830
            {"039", "Southern Europe", "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA"},
            {"155", "Western Europe", "AT BE CH DE FR LI LU MC NL"},
            // Oceania 009
            {"053", "Australia and New Zealand", "AU CC CX HM NF NZ"},
            {"054", "Melanesia", "FJ NC PG SB VU"},
            {"057", "Micronesia", "FM GU KI MH MP NR PW UM"},
            {"061", "Polynesia", "AS CK NU PF PN TK TO TV WF WS"},
    };

    /** Composite regions: code, name, member regions (must be defined above / earlier in this list). */
    private static final String[][] COMPOSITE_REGIONS = {
            {"154", "Northern Europe", "154 830"}, // Channel Islands are part of Northern Europe
            {"202", "Sub-Saharan Africa", "014 017 018 011"},
            {"002", "Africa", "015 202"},
            {"419", "Latin America and the Caribbean", "029 013 005"},
            {"019", "Americas", "419 021"},
            {"142", "Asia", "143 030 035 034 145"},
            {"150", "Europe", "151 154 039 155"},
            {"009", "Oceania", "053 054 057 061"},
    };

    private static final Map<String, String> COUNTRY_NAMES;
    private static final Map<String, String> REGION_NAMES = new LinkedHashMap<>();
    private static final Map<String, Set<String>> REGION_MEMBERS = new HashMap<>();
    private static final Map<String, Set<String>> SINGLETONS = new HashMap<>();
    private static final Set<String> ALL;

    static {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < COUNTRY_TABLE.length; i += 2) {
            names.put(COUNTRY_TABLE[i], COUNTRY_TABLE[i + 1]);
            SINGLETONS.put(COUNTRY_TABLE[i], Set.of(COUNTRY_TABLE[i]));
        }
        COUNTRY_NAMES = Collections.unmodifiableMap(names);
        ALL = Collections.unmodifiableSortedSet(new TreeSet<>(names.keySet()));
        for (String[] leaf : LEAF_REGIONS) {
            SortedSet<String> members = new TreeSet<>();
            for (String c : leaf[2].split(" ")) {
                if (!names.containsKey(c)) {
                    throw new IllegalStateException("region " + leaf[0] + " lists unknown country " + c);
                }
                members.add(c);
            }
            REGION_NAMES.put(leaf[0], leaf[1]);
            REGION_MEMBERS.put(leaf[0], Collections.unmodifiableSortedSet(members));
        }
        for (String[] comp : COMPOSITE_REGIONS) {
            SortedSet<String> members = new TreeSet<>();
            for (String r : comp[2].split(" ")) {
                Set<String> sub = REGION_MEMBERS.get(r);
                if (sub == null) {
                    throw new IllegalStateException("region " + comp[0] + " lists undefined region " + r);
                }
                members.addAll(sub);
            }
            REGION_NAMES.put(comp[0], comp[1]);
            REGION_MEMBERS.put(comp[0], Collections.unmodifiableSortedSet(members));
        }
        REGION_NAMES.put("001", "World");
        REGION_MEMBERS.put("001", ALL);
        REGION_NAMES.put("WW", "Worldwide");
        REGION_MEMBERS.put("WW", ALL);
    }

    private Territories() {
    }

    /**
     * The countries a territory code stands for: a country gives itself, a region its member countries,
     * {@code WW}/{@code 001} every country. The returned set is immutable and sorted.
     *
     * @throws IllegalArgumentException for an unknown code
     */
    public static Set<String> expand(String code) {
        String c = normalise(code);
        Set<String> s = lookup(c);
        if (s == null) {
            throw unknown(code);
        }
        return s;
    }

    /** the union of {@link #expand} over all codes, sorted */
    public static Set<String> expandAll(Collection<String> codes) {
        TreeSet<String> out = new TreeSet<>();
        for (String code : codes) {
            out.addAll(expand(code));
        }
        return out;
    }

    /**
     * Lenient variant of {@link #expand} for stored data: known region codes expand, anything else
     * (a country or a code this class does not know, e.g. the user-assigned {@code XK} for Kosovo)
     * comes back as a single normalised code. Only a null or blank code is rejected.
     */
    public static Set<String> resolve(String code) {
        String c = normalise(code);
        Set<String> s = lookup(c);
        if (s != null) {
            return s;
        }
        if (c.isEmpty()) {
            throw unknown(code);
        }
        return Set.of(c);
    }

    /** true for one of the 249 ISO 3166-1 alpha-2 codes (case-insensitive) */
    public static boolean isCountry(String code) {
        return code != null && COUNTRY_NAMES.containsKey(normalise(code));
    }

    /** true for a known region code: the UN M49 codes listed in this class, or {@code WW} */
    public static boolean isRegion(String code) {
        return code != null && REGION_NAMES.containsKey(normalise(code));
    }

    /** true for a country or a region code */
    public static boolean isKnown(String code) {
        return isCountry(code) || isRegion(code);
    }

    /** all 249 ISO 3166-1 alpha-2 codes, sorted, immutable */
    public static Set<String> allCountries() {
        return ALL;
    }

    /** region code -> English name, for every known region code (M49 order, then 001 and WW) */
    public static Map<String, String> regions() {
        return Collections.unmodifiableMap(REGION_NAMES);
    }

    /** English name: {@code "FR" -> "France"}, {@code "150" -> "Europe"}, {@code "WW" -> "Worldwide"} */
    public static String name(String code) {
        String c = normalise(code);
        String n = COUNTRY_NAMES.get(c);
        if (n == null) {
            n = REGION_NAMES.get(c);
        }
        if (n == null) {
            throw unknown(code);
        }
        return n;
    }

    /** trims and upper-cases a code (Locale.ROOT); null is rejected */
    public static String normalise(String code) {
        if (code == null) {
            throw new IllegalArgumentException(
                    "territory code is null: expected an ISO 3166-1 alpha-2 code, a UN M49 region code or WW");
        }
        return code.trim().toUpperCase(Locale.ROOT);
    }

    private static Set<String> lookup(String normalised) {
        Set<String> s = SINGLETONS.get(normalised);
        return s != null ? s : REGION_MEMBERS.get(normalised);
    }

    private static IllegalArgumentException unknown(String code) {
        return new IllegalArgumentException("unknown territory '" + code
                + "': expected an ISO 3166-1 alpha-2 code, a UN M49 region code or WW");
    }
}
