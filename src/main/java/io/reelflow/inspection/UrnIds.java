package io.reelflow.inspection;

import java.util.Locale;

/** Identifiers ("urn:uuid:…") are compared case-insensitively: writers differ in the case of the hex digits. */
final class UrnIds {

    private UrnIds() {
    }

    static String normalize(String id) {
        return id == null ? null : id.trim().toLowerCase(Locale.ROOT);
    }
}
