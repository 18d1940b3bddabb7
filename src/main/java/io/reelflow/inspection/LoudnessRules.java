package io.reelflow.inspection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** The findings for one track file (its name as the report gives it); none when it held no PCM sound. */
    public static List<Finding> findings(String file, PcmLoudness.Result r) {
        List<Finding> out = new ArrayList<>();
        if (r.seconds() <= 0) {
            return out; // no sound essence element: nothing measured, the notes say so
        }
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

    /**
     * Loudness and true peak of a lone audio track file (a dub or audio description delivered as an IMF audio track
     * file), within {@code budget} of wall time; empty when the file is not an MXF WAVE/AES3 PCM sound track file
     * (then there is nothing to measure and other checks speak of it).
     */
    public static Optional<InspectionReport> inspectTrackFile(Path file, String name, Duration budget) {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("loudness budget must be positive");
        }
        MxfHeaderReader.MxfTrackFile tf = MxfHeaderReader.read(file, name);
        if (!tf.readable()) {
            return Optional.empty();
        }
        MxfEssence essence = MxfEssence.of(tf.descriptor());
        if (essence.sound() == null || essence.sound().iab()) {
            return Optional.empty();
        }
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try {
            PcmLoudness.Result r = PcmLoudness.measure(file, essence.sound(),
                    System.nanoTime() + Math.min(budget.toNanos(), Long.MAX_VALUE / 4));
            notes.add(note(name, r));
            findings.addAll(findings(name, r));
        } catch (PcmLoudness.TimeBudgetSpent e) {
            findings.add(notMeasured(name, budget));
        } catch (java.io.IOException e) {
            notes.add("Loudness of " + name + " not measured: " + e.getMessage());
        }
        return Optional.of(new InspectionReport("audio track file " + name, findings, notes));
    }

    /** The warning for a track file left unmeasured because the inspection's loudness time budget was spent. */
    public static Finding notMeasured(String file, java.time.Duration budget) {
        return Finding.of(FindingCode.LOUDNESS_NOT_MEASURED, file, "track file", "loudness and true peak were not "
                + "measured: the " + budget.toSeconds() + " s this inspection may spend on loudness were spent first;"
                + " measure the file on its own (command line --loudness) or raise the budget");
    }

    /** One line for the report's notes. */
    public static String note(String file, PcmLoudness.Result r) {
        if (r.seconds() <= 0) {
            return "Loudness of " + file + ": no PCM sound essence found, nothing measured";
        }
        return "Loudness of " + file + ": " + db(r.integratedLkfs()) + " LKFS integrated, "
                + (r.dialogueFound() ? db(r.dialogueGatedLkfs()) + " LKFS dialogue-gated (speech in "
                + Math.round(r.speechShare() * 100) + " % of the programme)" : "no dialogue found by the speech gate")
                + ", true peak " + db(r.truePeakDbtp()) + " dBTP over " + db(r.seconds()) + " s";
    }

    static String db(double v) {
        return Double.isInfinite(v) ? "−∞" : String.format(Locale.ROOT, "%.1f", v).replace('-', '−');
    }
}
