package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speech gate behind the dialogue-gated loudness, on generated signals: speech-band bursts with syllabic pauses
 * (harmonics from 400 Hz to 2.4 kHz, 200 ms on, 200 ms off) are dialogue; music-like broadband noise, a steady 1 kHz
 * tone and silence are not; in a mix, the dialogue-gated figure is the loudness of the dialogue passages alone.
 */
class DialogueGateTest {

    static final double RATE = 48000;
    /** 5.1 channel order: L, R, C, LFE, Ls, Rs. */
    static final int L = 0;
    static final int R = 1;
    static final int C = 2;
    static final int LFE = 3;

    @TempDir
    Path temp;

    /** Seconds of 5.1: speech bursts on the centre at {@code speechDb}, broadband music on L, R, C at {@code musicDb}. */
    record Part(double seconds, double speechDb, double musicDb) {
    }

    static double[] render(List<Part> parts) {
        int total = 0;
        for (Part p : parts) {
            total += (int) (p.seconds() * RATE);
        }
        double[] x = new double[total * 6];
        Random noise = new Random(7);
        double[] harmonics = {400, 800, 1200, 1600, 2400};
        int n = 0;
        for (Part p : parts) {
            int frames = (int) (p.seconds() * RATE);
            double speech = Double.isNaN(p.speechDb()) ? 0 : Math.pow(10, p.speechDb() / 20);
            double music = Double.isNaN(p.musicDb()) ? 0 : Math.pow(10, p.musicDb() / 20);
            for (int f = 0; f < frames; f++, n++) {
                double t = n / RATE;
                // a syllable every 400 ms: 200 ms voiced with 10 ms ramps, then 200 ms of pause
                double inCycle = t % 0.4;
                double envelope = inCycle >= 0.2 ? 0 : Math.min(1, Math.min(inCycle, 0.2 - inCycle) / 0.01);
                double voice = 0;
                for (int h = 0; h < harmonics.length; h++) {
                    voice += Math.sin(2 * Math.PI * harmonics[h] * t + h) / harmonics.length;
                }
                double bed = music * noise.nextGaussian() * 0.5;
                double bass = music * Math.sin(2 * Math.PI * 55 * t);
                x[n * 6 + L] = bed + 0.5 * bass;
                x[n * 6 + R] = music * noise.nextGaussian() * 0.5 + 0.5 * bass;
                x[n * 6 + C] = speech * envelope * voice * 1.4 + music * noise.nextGaussian() * 0.3;
                x[n * 6 + LFE] = bass;
            }
        }
        return x;
    }

    static LoudnessMeter meter(double[] x) {
        LoudnessMeter m = new LoudnessMeter(RATE, LoudnessMeter.WEIGHTS_5_1);
        m.accept(x, 0, x.length / 6);
        return m;
    }

    @Test
    void speechBandBurstsAreDialogue() {
        LoudnessMeter m = meter(render(List.of(new Part(20, -20, Double.NaN))));

        assertThat(m.speechShare()).isGreaterThan(0.9);
        // all of it is dialogue: the dialogue-gated and the integrated loudness agree
        assertThat(m.dialogueGatedLoudness()).isCloseTo(m.integratedLoudness(), within(0.3));
    }

    @Test
    void musicLikeBroadbandIsNotDialogue() {
        LoudnessMeter m = meter(render(List.of(new Part(20, Double.NaN, -20))));

        assertThat(m.speechShare()).isLessThan(0.05);
        assertThat(m.dialogueGatedLoudness()).isNaN();
        assertThat(m.integratedLoudness()).isFinite();
    }

    @Test
    void aSteadyToneInTheSpeechBandIsNotDialogue() {
        // the 1 kHz reference sine of Tech 3341 is all speech band but has no syllables
        LoudnessMeter m = new LoudnessMeter(RATE, new double[] {1.0, 1.0});
        double[] x = new double[(int) (10 * RATE) * 2];
        for (int i = 0; i < x.length / 2; i++) {
            x[2 * i] = x[2 * i + 1] = 0.1 * Math.sin(2 * Math.PI * 1000 * i / RATE);
        }
        m.accept(x, 0, x.length / 2);

        assertThat(m.speechShare()).isZero();
        assertThat(m.dialogueGatedLoudness()).isNaN();
        // a sine at −20 dBFS on both channels reads −20 LUFS, as Tech 3341 case 1 reads −23 for −23
        assertThat(m.integratedLoudness()).isCloseTo(-20.0, within(0.1));
    }

    @Test
    void inAMixTheDialogueGatedLoudnessIsThatOfTheDialoguePassages() {
        // 12 s of dialogue over a quiet bed, then 18 s of loud music without dialogue
        Part dialogue = new Part(12, -24, -44);
        Part music = new Part(18, Double.NaN, -14);
        LoudnessMeter mix = meter(render(List.of(dialogue, music)));
        LoudnessMeter dialogueAlone = meter(render(List.of(dialogue)));

        assertThat(mix.dialogueGatedLoudness()).isCloseTo(dialogueAlone.integratedLoudness(), within(0.5));
        // the music dominates the full programme: the two figures are far apart
        assertThat(mix.integratedLoudness() - mix.dialogueGatedLoudness()).isGreaterThan(6);
        assertThat(mix.speechShare()).isBetween(0.3, 0.5);
    }

    @Test
    void netflixRulesJudgeDialogueFirstAndFlagOnlyWhenTheFullProgrammeMissesToo() {
        // dialogue at −27 dialogue-gated is in spec whatever the full programme says
        assertThat(LoudnessRules.findings("a.mxf", new PcmLoudness.Result(-20, -27.5, 0.4, -6, 60))).isEmpty();
        // dialogue out of spec but full programme within −24 ± 2: Netflix's QC tolerates it, a warning says so
        assertThat(LoudnessRules.findings("a.mxf", new PcmLoudness.Result(-23, -31, 0.4, -6, 60)))
                .extracting(Finding::code).containsExactly(FindingCode.DIALOGUE_LOUDNESS_OUT_OF_RANGE);
        // both out: what Netflix's QC flags
        assertThat(LoudnessRules.findings("a.mxf", new PcmLoudness.Result(-30, -33, 0.4, -6, 60)))
                .extracting(Finding::code).containsExactly(FindingCode.LOUDNESS_OUT_OF_RANGE);
        // no dialogue found: the full programme alone is judged
        assertThat(LoudnessRules.findings("a.mxf", new PcmLoudness.Result(-30, Double.NaN, 0.02, -6, 60)))
                .extracting(Finding::code).containsExactly(FindingCode.LOUDNESS_OUT_OF_RANGE);
        assertThat(LoudnessRules.findings("a.mxf", new PcmLoudness.Result(-24, Double.NaN, 0.02, -1.5, 60)))
                .extracting(Finding::code).containsExactly(FindingCode.TRUE_PEAK_TOO_HIGH);
    }

    @Test
    void aLoneTrackFileIsMeteredAndAnythingElseIsLeftAlone() throws IOException {
        Path tone = TestPackages.pcmAudioTrackFile(temp.resolve("tone.mxf"), -21.0, 5, false);
        InspectionReport r = LoudnessRules.inspectTrackFile(tone, "tone.mxf", java.time.Duration.ofMinutes(1))
                .orElseThrow();
        assertThat(r.findings()).isEmpty();
        assertThat(r.notes()).containsExactly("Loudness of tone.mxf: −24.0 LKFS integrated, no dialogue found by the "
                + "speech gate, true peak −21.0 dBTP over 5.0 s");

        Path wav = temp.resolve("dub.wav");
        Files.write(wav, new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
        assertThat(LoudnessRules.inspectTrackFile(wav, "dub.wav", java.time.Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void whenTheTimeBudgetIsSpentTheFileIsReportedUnmeasured() throws IOException {
        Path tone = TestPackages.pcmAudioTrackFile(temp.resolve("tone.mxf"), -21.0, 5, false);
        // a budget that is spent before the first block of sound is read
        InspectionReport r = LoudnessRules.inspectTrackFile(tone, "tone.mxf", java.time.Duration.ofNanos(1))
                .orElseThrow();
        assertThat(r.findings()).extracting(Finding::code).containsExactly(FindingCode.LOUDNESS_NOT_MEASURED);
        assertThat(r.findings().get(0).message()).contains("were spent first");
    }

    @Test
    void aTrackFileIsMeasuredWithTheCentreItsLabelsName() throws IOException {
        double[] x = render(List.of(new Part(12, -24, -44), new Part(8, Double.NaN, -16)));
        Path file = temp.resolve("mix.mxf");
        writeMxf(file, x);

        MxfHeaderReader.MxfTrackFile tf = MxfHeaderReader.read(file, "mix.mxf");
        PcmLoudness.Result r = PcmLoudness.measure(file, MxfEssence.of(tf.descriptor()).sound());
        LoudnessMeter reference = meter(x);

        assertThat(r.dialogueFound()).isTrue();
        assertThat(r.dialogueGatedLkfs()).isCloseTo(reference.dialogueGatedLoudness(), within(0.1));
        assertThat(r.integratedLkfs()).isCloseTo(reference.integratedLoudness(), within(0.1));
        assertThat(LoudnessRules.note("mix.mxf", r)).matches("Loudness of mix\\.mxf: −[0-9.]+ LKFS integrated, "
                + "−[0-9.]+ LKFS dialogue-gated \\(speech in [0-9]+ % of the programme\\), true peak −?[0-9.]+ dBTP "
                + "over 20\\.0 s");
    }

    /** 5.1 24-bit PCM, frame-wrapped in 1920-sample elements, behind a header with MCA labels (chC third). */
    static void writeMxf(Path file, double[] x) throws IOException {
        int channels = 6;
        ByteArrayOutputStream essence = new ByteArrayOutputStream();
        int frames = x.length / channels;
        byte[] element = new byte[1920 * channels * 3];
        int at = 0;
        for (int n = 0; n < frames; n++) {
            for (int c = 0; c < channels; c++) {
                double s = Math.max(-1, Math.min(1, x[n * channels + c]));
                int v = (int) Math.round(s * 8388607);
                element[at++] = (byte) v;
                element[at++] = (byte) (v >> 8);
                element[at++] = (byte) (v >> 16);
            }
            if (at == element.length || n == frames - 1) {
                essence.writeBytes(HexFormat.of().parseHex("060e2b34010201010d01030116010101"));
                essence.writeBytes(ByteBuffer.allocate(4).put((byte) 0x83).put((byte) (at >> 16))
                        .put((byte) (at >> 8)).put((byte) at).array());
                essence.write(element, 0, at);
                at = 0;
            }
        }
        Files.write(file, SyntheticMxf.write(SyntheticMxf.sound(channels, frames, "en"), 0));
        Files.write(file, essence.toByteArray(), java.nio.file.StandardOpenOption.APPEND);
    }
}
