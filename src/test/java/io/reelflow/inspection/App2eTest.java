package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The App 2E table, case by case: picture kind, size, colour, depth, sampling, profile and revision. */
class App2eTest {

    static final String BT709_P = "060e2b34.04010106.04010101.03030000";
    static final String BT2020_P = "060e2b34.0401010d.04010101.03040000";
    static final String P3 = "060e2b34.0401010d.04010101.03060000";
    static final String BT709_T = "060e2b34.04010101.04010101.01020000";
    static final String PQ = "060e2b34.0401010d.04010101.010a0000";
    static final String HLG = "060e2b34.0401010d.04010101.010b0000";
    static final String BT709_C = "060e2b34.04010101.04010101.02020000";
    static final String BT2020_C = "060e2b34.0401010d.04010101.02060000";

    @ParameterizedTest(name = "{0} {1}×{2} {3}/{4}/{5} {6}-bit {7}:{8} Rsiz {9} App 2E {10} → {11}")
    @CsvSource(nullValues = "-", value = {
            // kind, width, height, primaries, transfer, coding, depth, h, v sub, rsiz, revision, expected
            "RGBADescriptor, 1920, 1080, BT709_P, BT709_T, -, 10, -, -, 0x0400, R2016, -",
            "RGBADescriptor, 3840, 2160, P3, PQ, -, 12, -, -, 0x0500, R2016, -",
            "RGBADescriptor, 3840, 2160, BT2020_P, PQ, -, 16, -, -, 0x0800, R2020, -",
            "RGBADescriptor, 4096, 3112, BT2020_P, PQ, -, 12, -, -, 0x0500, R2016, -",
            "RGBADescriptor, 4097, 2160, BT2020_P, PQ, -, 12, -, -, -, R2016, RESOLUTION_NOT_ALLOWED",
            "RGBADescriptor, 3840, 2160, BT2020_P, PQ, -, 12, -, -, 0x0400, R2016, RESOLUTION_NOT_ALLOWED",
            "RGBADescriptor, 3840, 2160, BT2020_P, PQ, -, 12, -, -, 0x0600, R2016, J2K_PROFILE_NOT_ALLOWED",
            "RGBADescriptor, 3840, 2160, BT2020_P, PQ, -, 12, -, -, 0x4000, R2016, J2K_PROFILE_NOT_ALLOWED",
            "RGBADescriptor, 3840, 2160, BT2020_P, PQ, -, 12, -, -, 0x4000, R2021, -",
            "RGBADescriptor, 1920, 1080, BT709_P, PQ, -, 10, -, -, -, R2016, COLOR_COMBINATION_NOT_ALLOWED",
            "RGBADescriptor, 1920, 1080, BT2020_P, HLG, -, 10, -, -, -, R2016, COLOR_COMBINATION_NOT_ALLOWED",
            "RGBADescriptor, 1920, 1080, BT2020_P, PQ, -, 8, -, -, -, R2016, COMPONENT_DEPTH_NOT_ALLOWED",
            "CDCIDescriptor, 1920, 1080, BT709_P, BT709_T, BT709_C, 10, 2, 1, -, R2016, -",
            "CDCIDescriptor, 3840, 2160, BT2020_P, PQ, BT2020_C, 10, 2, 1, -, R2016, -",
            "CDCIDescriptor, 4096, 2160, BT2020_P, PQ, BT2020_C, 10, 2, 1, -, R2016, RESOLUTION_NOT_ALLOWED",
            "CDCIDescriptor, 1920, 1080, BT709_P, BT709_T, BT709_C, 10, 1, 1, -, R2016, SAMPLING_NOT_ALLOWED",
            "CDCIDescriptor, 1920, 1080, BT709_P, BT709_T, BT709_C, 10, 2, 2, -, R2016, SAMPLING_NOT_ALLOWED",
            "CDCIDescriptor, 1920, 1080, BT709_P, BT709_T, BT2020_C, 10, 2, 1, -, R2016, COLOR_COMBINATION_NOT_ALLOWED",
            "CDCIDescriptor, 3840, 2160, P3, PQ, BT2020_C, 10, 2, 1, -, R2016, COLOR_COMBINATION_NOT_ALLOWED",
    })
    void table(String kind, long width, long height, String primaries, String transfer, String coding, int depth,
               Long h, Long v, String rsiz, App2e.Revision revision, FindingCode expected) {
        EssenceConformanceCheck.Image image = new EssenceConformanceCheck.Image(kind, width, height, width, height,
                0L, Rational.of(24000, 1001), ul(primaries), ul(transfer), ul(coding), depth, h, v,
                rsiz == null ? null : Integer.decode(rsiz), null);
        List<Finding> out = new ArrayList<>();

        App2e.checkImage(revision, image, "CPL.xml", "picture", out);

        if (expected == null) {
            assertThat(out).isEmpty();
        } else {
            assertThat(out).extracting(Finding::code).containsExactly(expected);
        }
    }

    private static SmpteUl ul(String name) {
        if (name == null) {
            return null;
        }
        String hex = switch (name) {
            case "BT709_P" -> BT709_P;
            case "BT2020_P" -> BT2020_P;
            case "P3" -> P3;
            case "BT709_T" -> BT709_T;
            case "PQ" -> PQ;
            case "HLG" -> HLG;
            case "BT709_C" -> BT709_C;
            case "BT2020_C" -> BT2020_C;
            default -> throw new IllegalArgumentException(name);
        };
        return SmpteUl.parse(hex).orElseThrow();
    }
}
