package io.reelflow.inspection;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A SMPTE Universal Label (ST 298) and the registry of the colour labels the picture checks need to name.
 *
 * <p>CPLs write ULs in several spellings ("urn:smpte:ul:060e2b34.04010101.04010101.01020000",
 * "urn:smpte:ul:06.0E.2B.34…", "urn:uuid:060e2b34-0401-…", or the half-swapped AUID form); all parse to the same
 * 16 bytes. Byte 8 is the registry version, which differs between writers for the same label, so look-ups ignore
 * it.
 */
public final class SmpteUl {

    private static final HexFormat HEX = HexFormat.of();

    /** What a registered label denotes. */
    public enum Category {
        COLOR_PRIMARIES("colour primaries"),
        TRANSFER_CHARACTERISTIC("transfer characteristic"),
        CODING_EQUATIONS("coding equations");

        private final String description;

        Category(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * The labels of SMPTE's Labels Register (as used by ST 2067-21/-50 and RP 2057) that this package knows by
     * name. The values are those of the register; the version byte given is the register's but is not compared.
     */
    public enum Named {
        PRIMARIES_SMPTE_170M(Category.COLOR_PRIMARIES, "SMPTE ST 170M", "060e2b34.04010106.04010101.03010000"),
        PRIMARIES_BT470_PAL(Category.COLOR_PRIMARIES, "ITU-R BT.470 (PAL)", "060e2b34.04010106.04010101.03020000"),
        PRIMARIES_BT709(Category.COLOR_PRIMARIES, "ITU-R BT.709", "060e2b34.04010106.04010101.03030000"),
        PRIMARIES_BT2020(Category.COLOR_PRIMARIES, "ITU-R BT.2020", "060e2b34.0401010d.04010101.03040000"),
        PRIMARIES_DCDM_XYZ(Category.COLOR_PRIMARIES, "SMPTE ST 428-1 (DCDM XYZ)", "060e2b34.0401010d.04010101.03050000"),
        PRIMARIES_P3_D65(Category.COLOR_PRIMARIES, "P3-D65", "060e2b34.0401010d.04010101.03060000"),
        PRIMARIES_ACES(Category.COLOR_PRIMARIES, "ACES (AP0, SMPTE ST 2065-1)", "060e2b34.0401010d.04010101.03070000"),

        TRANSFER_BT470_PAL(Category.TRANSFER_CHARACTERISTIC, "ITU-R BT.470 (PAL)", "060e2b34.04010101.04010101.01010000"),
        TRANSFER_BT709(Category.TRANSFER_CHARACTERISTIC, "ITU-R BT.709", "060e2b34.04010101.04010101.01020000"),
        TRANSFER_SMPTE_240M(Category.TRANSFER_CHARACTERISTIC, "SMPTE ST 240M", "060e2b34.04010101.04010101.01030000"),
        TRANSFER_SMPTE_274M(Category.TRANSFER_CHARACTERISTIC, "SMPTE ST 274M / ST 296M", "060e2b34.04010101.04010101.01040000"),
        TRANSFER_BT1361(Category.TRANSFER_CHARACTERISTIC, "ITU-R BT.1361", "060e2b34.04010106.04010101.01050000"),
        TRANSFER_LINEAR(Category.TRANSFER_CHARACTERISTIC, "Linear", "060e2b34.04010106.04010101.01060000"),
        TRANSFER_DCDM(Category.TRANSFER_CHARACTERISTIC, "SMPTE ST 428-1 (DCDM gamma 2.6)", "060e2b34.04010108.04010101.01070000"),
        TRANSFER_XVYCC(Category.TRANSFER_CHARACTERISTIC, "IEC 61966-2-4 (xvYCC)", "060e2b34.0401010d.04010101.01080000"),
        TRANSFER_BT2020(Category.TRANSFER_CHARACTERISTIC, "ITU-R BT.2020", "060e2b34.0401010e.04010101.01090000"),
        TRANSFER_PQ(Category.TRANSFER_CHARACTERISTIC, "SMPTE ST 2084 (PQ)", "060e2b34.0401010d.04010101.010a0000"),
        TRANSFER_HLG(Category.TRANSFER_CHARACTERISTIC, "ITU-R BT.2100 HLG", "060e2b34.0401010d.04010101.010b0000"),

        CODING_BT601(Category.CODING_EQUATIONS, "ITU-R BT.601", "060e2b34.04010101.04010101.02010000"),
        CODING_BT709(Category.CODING_EQUATIONS, "ITU-R BT.709", "060e2b34.04010101.04010101.02020000"),
        CODING_SMPTE_240M(Category.CODING_EQUATIONS, "SMPTE ST 240M", "060e2b34.04010106.04010101.02030000"),
        CODING_YCGCO(Category.CODING_EQUATIONS, "YCgCo", "060e2b34.0401010d.04010101.02040000"),
        CODING_GBR(Category.CODING_EQUATIONS, "GBR (identity)", "060e2b34.0401010d.04010101.02050000"),
        CODING_BT2020_NCL(Category.CODING_EQUATIONS, "ITU-R BT.2020 non-constant luminance", "060e2b34.0401010d.04010101.02060000");

        private final Category category;
        private final String displayName;
        private final SmpteUl ul;

        Named(Category category, String displayName, String ul) {
            this.category = category;
            this.displayName = displayName;
            this.ul = SmpteUl.parse(ul).orElseThrow();
        }

        public Category category() {
            return category;
        }

        /** The name people use, e.g. "ITU-R BT.709". */
        public String displayName() {
            return displayName;
        }

        public SmpteUl ul() {
            return ul;
        }
    }

    /** Built on first use, so that initialising {@link Named} (which parses ULs) cannot recurse into it. */
    private static final class Registry {
        static final Map<String, Named> BY_KEY = new HashMap<>();

        static {
            for (Named n : Named.values()) {
                BY_KEY.put(n.ul.versionlessKey(), n);
            }
        }
    }

    private final byte[] bytes;

    private SmpteUl(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Parses any of the spellings above; empty when the text is not 16 bytes of hex. */
    public static Optional<SmpteUl> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"urn:smpte:ul:", "urn:uuid:"}) {
            if (t.startsWith(prefix)) {
                t = t.substring(prefix.length());
            }
        }
        String hex = t.replaceAll("[.\\-\\s]", "");
        if (!hex.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        byte[] b = HEX.parseHex(hex);
        // AUID form: a UL stored as a UUID has its two 8-byte halves swapped.
        if (!startsWithUlDesignator(b, 0) && startsWithUlDesignator(b, 8)) {
            byte[] swapped = new byte[16];
            System.arraycopy(b, 8, swapped, 0, 8);
            System.arraycopy(b, 0, swapped, 8, 8);
            b = swapped;
        }
        return Optional.of(new SmpteUl(b));
    }

    private static boolean startsWithUlDesignator(byte[] b, int at) {
        return b[at] == 0x06 && b[at + 1] == 0x0e && b[at + 2] == 0x2b && b[at + 3] == 0x34;
    }

    /** The registered label this UL denotes, ignoring the version byte. */
    public Optional<Named> lookup() {
        return Optional.ofNullable(Registry.BY_KEY.get(versionlessKey()));
    }

    /** The label if it is registered under the expected category. */
    public Optional<Named> lookup(Category expected) {
        return lookup().filter(n -> n.category() == expected);
    }

    /** Same label, whatever the version byte. */
    public boolean sameLabelAs(SmpteUl other) {
        return versionlessKey().equals(other.versionlessKey());
    }

    private String versionlessKey() {
        byte[] copy = bytes.clone();
        copy[7] = 0;
        return HEX.formatHex(copy);
    }

    /** Canonical dotted-byte URN, e.g. "urn:smpte:ul:06.0e.2b.34.04.01.01.01.04.01.01.01.01.02.00.00". */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("urn:smpte:ul:");
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                s.append('.');
            }
            s.append(HEX.toHexDigits(bytes[i]));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmpteUl u && Arrays.equals(bytes, u.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
