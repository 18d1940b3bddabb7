package io.reelflow.inspection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Netflix's loudness rules on a measured PCM track file. Its spec is −27 LKFS dialogue-gated ± 2 LU; its QC flags a
 * mix only when it also misses −24 LKFS ± 2 LU full-programme; the true peak may not pass −2 dBTP. The dialogue gate
 * is this project's open approximation of Dolby's Dialogue Intelligence (see {@link LoudnessMeter}), so the two
 * loudness findings are warnings; the true peak, measured exactly as BS.1770-4 defines it, is an error.
 */
public final class LoudnessRules {

    public static final double DIALOGUE_TARGET_LKFS = -27.0;
    public static final double FULL_PROGRAMME_TARGET_LKFS = -24.0;
    public static final double TOLERANCE_LU = 2.0;
    public static final double TRUE_PEAK_MAX_DBTP = -2.0;

    private LoudnessRules() {
    }

    /** The findings for one track file (its name as the report gives it). */
    public static List<Finding> findings(String file, PcmLoudness.Result r) {
        List<Finding> out = new ArrayList<>();
        boolean fullOk = Math.abs(r.integratedLkfs() - FULL_PROGRAMME_TARGET_LKFS) <= TOLERANCE_LU;
        String full = db(r.integratedLkfs()) + " LKFS full-programme";
        if (r.dialogueFound()) {
            boolean dialogueOk = Math.abs(r.dialogueGatedLkfs() - DIALOGUE_TARGET_LKFS) <= TOLERANCE_LU;
            String dialogue = db(r.dialogueGatedLkfs()) + " LKFS dialogue-gated";
            if (!dialogueOk && !fullOk) {
                out.add(Finding.of(FindingCode.LOUDNESS_OUT_OF_RANGE, file, "track file",
                        "the mix measures " + dialogue + " and " + full + " (ITU-R BS.1770-4): it misses Netflix's "
                                + db(DIALOGUE_TARGET_LKFS) + " LKFS dialogue-gated ± 2 LU and also "
                                + db(FULL_PROGRAMME_TARGET_LKFS) + " LKFS ± 2 LU full-programme, which is when "
                                + "Netflix's QC flags a mix (dialogue found by this inspection's speech gate, an "
                                + "approximation of Dolby Dialogue Intelligence)"));
            } else if (!dialogueOk) {
                out.add(Finding.of(FindingCode.DIALOGUE_LOUDNESS_OUT_OF_RANGE, file, "track file",
                        "the dialogue measures " + dialogue + ", outside Netflix's " + db(DIALOGUE_TARGET_LKFS)
                                + " LKFS ± 2 LU; the mix is " + full + ", within " + db(FULL_PROGRAMME_TARGET_LKFS)
                                + " ± 2 LU, so Netflix's QC should not flag it (speech gate: an approximation of "
                                + "Dolby Dialogue Intelligence)"));
            }
        } else if (!fullOk) {
            out.add(Finding.of(FindingCode.LOUDNESS_OUT_OF_RANGE, file, "track file",
                    "the mix measures " + full + " (ITU-R BS.1770-4), outside Netflix's "
                            + db(FULL_PROGRAMME_TARGET_LKFS) + " LKFS ± 2 LU; the speech gate found too little "
                            + "dialogue to measure Netflix's " + db(DIALOGUE_TARGET_LKFS)
                            + " LKFS dialogue-gated spec, so only the full programme was judged"));
        }
        if (r.truePeakDbtp() > TRUE_PEAK_MAX_DBTP) {
            out.add(Finding.of(FindingCode.TRUE_PEAK_TOO_HIGH, file, "track file",
                    "the true peak is " + db(r.truePeakDbtp()) + " dBTP; Netflix takes at most "
                            + db(TRUE_PEAK_MAX_DBTP) + " dBTP"));
        }
        return out;
    }

    /** One line for the report's notes. */
    public static String note(String file, PcmLoudness.Result r) {
        return "Loudness of " + file + ": " + db(r.integratedLkfs()) + " LKFS integrated, "
                + (r.dialogueFound() ? db(r.dialogueGatedLkfs()) + " LKFS dialogue-gated (speech in "
                + Math.round(r.speechShare() * 100) + " % of the programme)" : "no dialogue found by the speech gate")
                + ", true peak " + db(r.truePeakDbtp()) + " dBTP over " + db(r.seconds()) + " s";
    }

    static String db(double v) {
        return Double.isInfinite(v) ? "−∞" : String.format(Locale.ROOT, "%.1f", v).replace('-', '−');
    }
}
