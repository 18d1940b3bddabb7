package io.reelflow.inspection;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * BCP 47 language tags. Netflix matches tags exactly: "pt-BR" is not "pt", so nothing here matches by prefix;
 * only letter case is ignored, as BCP 47 says case carries no meaning.
 */
public final class Bcp47 {

    private Bcp47() {
    }

    /** Longer tags are refused: RFC 5646 (4.4.1) sizes a tag without extensions or private use at 35 characters. */
    public static final int MAX_LENGTH = 35;

    private static final String ALNUM = "[a-z0-9]";
    /** RFC 5646, section 2.1: the Language-Tag ABNF (letter case carries no meaning). */
    private static final Pattern LANGUAGE_TAG = Pattern.compile(
            "(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"         // language ["-" extlang]
                    + "(?:-[a-z]{4})?"                                         // script
                    + "(?:-(?:[a-z]{2}|[0-9]{3}))?"                            // region
                    + "(?:-(?:" + ALNUM + "{5,8}|[0-9]" + ALNUM + "{3}))*"      // variants
                    + "(?:-[0-9a-wyz](?:-" + ALNUM + "{2,8})+)*"               // extensions
                    + "(?:-x(?:-" + ALNUM + "{1,8})+)?"                        // private use
                    + "|x(?:-" + ALNUM + "{1,8})+"                             // private use alone
                    + "|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)"
                    + "|sgn-(?:be-fr|be-nl|ch-de)|art-lojban|cel-gaulish|no-(?:bok|nyn)|zh-(?:guoyu|hakka|min|min-nan|xiang))",
            Pattern.CASE_INSENSITIVE);

    /**
     * The one BCP 47 check of the service (deal intake, catalogue, delivery events and QC items, the inspectors):
     * well-formed per RFC 5646's ABNF, as exactly given (no surrounding spaces), at most {@value #MAX_LENGTH}
     * characters, and accepted by {@link Locale.Builder#setLanguageTag} as well.
     *
     * @return null when the tag is well-formed, otherwise why not, naming the tag
     */
    public static String problem(String tag) {
        if (tag == null || tag.isBlank()) return "language tag is empty";
        if (tag.length() > MAX_LENGTH) return "'" + abbreviate(tag) + "' is too long for a BCP 47 tag";
        if (tag.contains("_")) return "'" + tag + "' is not a BCP 47 tag (use '-', e.g. pt-BR)";
        if (!LANGUAGE_TAG.matcher(tag).matches()) return "'" + tag + "' is not a well-formed BCP 47 language tag";
        try {
            new Locale.Builder().setLanguageTag(tag);
            return null;
        } catch (IllformedLocaleException e) {
            return "'" + tag + "' is not a well-formed BCP 47 language tag";
        }
    }

    /** Well-formed: {@link #problem} finds nothing. */
    public static boolean isWellFormed(String tag) {
        return problem(tag) == null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Exact equality of two tags, ignoring letter case only. */
    public static boolean sameTag(String a, String b) {
        return a != null && b != null && a.trim().equalsIgnoreCase(b.trim());
    }

    /** True when the tags differ but share the primary language (for a helpful "pt is not pt-BR" message). */
    static boolean samePrimaryLanguage(String a, String b) {
        return a != null && b != null && primary(a).equals(primary(b));
    }

    private static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }
}
