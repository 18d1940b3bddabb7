package io.reelflow.platform;

import java.util.IllformedLocaleException;
import java.util.Locale;

/** BCP 47 language tags, kept exactly as given: Netflix matches them exactly ({@code pt-BR} is not {@code pt}). */
public final class LanguageTags {

    private LanguageTags() {
    }

    /** @return null when well-formed, otherwise why not */
    public static String problem(String tag) {
        if (tag == null || tag.isBlank()) return "language tag is empty";
        if (tag.length() > 35) return "'" + abbreviate(tag) + "' is too long for a BCP 47 tag";
        if (tag.contains("_")) return "'" + tag + "' is not a BCP 47 tag (use '-', e.g. pt-BR)";
        try {
            new Locale.Builder().setLanguageTag(tag);
            return null;
        } catch (IllformedLocaleException e) {
            return "'" + tag + "' is not a well-formed BCP 47 language tag";
        }
    }

    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
