package io.reelflow.inspection;

import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * BCP 47 language tags. Netflix matches tags exactly: "pt-BR" is not "pt", so nothing here matches by prefix;
 * only letter case is ignored, as BCP 47 says case carries no meaning.
 */
public final class Bcp47 {

    private Bcp47() {
    }

    /** Well-formed per {@link Locale.Builder#setLanguageTag} (which implements BCP 47's syntax). */
    public static boolean isWellFormed(String tag) {
        if (tag == null || tag.isBlank() || !tag.equals(tag.trim())) {
            return false;
        }
        try {
            new Locale.Builder().setLanguageTag(tag);
            return true;
        } catch (IllformedLocaleException e) {
            return false;
        }
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
