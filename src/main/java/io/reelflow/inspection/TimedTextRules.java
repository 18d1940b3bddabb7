package io.reelflow.inspection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Netflix's per-language timed-text rules, read from {@code inspection/netflix-timed-text-languages.tsv} on the
 * class path: characters per line, reading speed for adult and kids' titles and for SDH, whether half-width
 * characters count half, and whether the IMSC 1.1 text profile is required. The file names its source and says
 * which figures were confirmed.
 *
 * @param tag                 the row's tag ("*" for the template row)
 * @param charactersPerLine   most characters per line
 * @param verticalCharactersPerLine most characters per line of vertical text
 * @param cpsAdult            reading speed, adult titles
 * @param cpsKids             reading speed, kids' titles
 * @param sdhCpsAdult         reading speed of SDH, adult titles
 * @param sdhCpsKids          reading speed of SDH, kids' titles
 * @param halfWidthCountsHalf half-width characters count 0.5
 * @param imsc11Required      the IMSC 1.1 text profile must be declared
 * @param status              what was confirmed, as the file says
 */
public record TimedTextRules(String tag, int charactersPerLine, int verticalCharactersPerLine, int cpsAdult, int cpsKids, int sdhCpsAdult,
                             int sdhCpsKids, boolean halfWidthCountsHalf, boolean imsc11Required, String status) {

    static final String RESOURCE = "/inspection/netflix-timed-text-languages.tsv";
    static final String IMSC11_TEXT = "http://www.w3.org/ns/ttml/profile/imsc1.1/text";

    private static final Map<String, TimedTextRules> ROWS = load();

    /** The row for the tag: exact (case ignored), else its primary language, else the template row. */
    public static TimedTextRules forLanguage(String tag) {
        if (tag != null) {
            String t = tag.toLowerCase(Locale.ROOT);
            TimedTextRules exact = ROWS.get(t);
            if (exact != null) {
                return exact;
            }
            int dash = t.indexOf('-');
            TimedTextRules primary = ROWS.get(dash < 0 ? t : t.substring(0, dash));
            if (primary != null) {
                return primary;
            }
        }
        return ROWS.get("*");
    }

    static Map<String, TimedTextRules> rows() {
        return ROWS;
    }

    public ReadingLimits limits(boolean kidsTitle, boolean sdh) {
        int cps = sdh ? (kidsTitle ? sdhCpsKids : sdhCpsAdult) : (kidsTitle ? cpsKids : cpsAdult);
        return new ReadingLimits(2, charactersPerLine, cps, Rational.of(5, 6), Rational.of(7), 2,
                halfWidthCountsHalf);
    }

    private static Map<String, TimedTextRules> load() {
        Map<String, TimedTextRules> rows = new LinkedHashMap<>();
        try (InputStream in = TimedTextRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 10) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": expected 10 columns");
                }
                int perLine = Integer.parseInt(f[1].trim());
                TimedTextRules row = new TimedTextRules(f[0].trim().toLowerCase(Locale.ROOT), perLine,
                        f[2].trim().equals("-") ? perLine : Integer.parseInt(f[2].trim()),
                        Integer.parseInt(f[3].trim()), Integer.parseInt(f[4].trim()), Integer.parseInt(f[5].trim()),
                        Integer.parseInt(f[6].trim()), yes(f[7]), yes(f[8]), f[9].trim());
                rows.put(row.tag(), row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!rows.containsKey("*")) {
            throw new IllegalStateException(RESOURCE + " has no template row \"*\"");
        }
        return Map.copyOf(rows);
    }

    private static boolean yes(String s) {
        return s.trim().equalsIgnoreCase("yes");
    }
}
