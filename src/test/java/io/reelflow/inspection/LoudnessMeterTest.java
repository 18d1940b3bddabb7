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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BS.1770-4 meter against reference signals generated here in the manner of EBU Tech 3341 / ITU-R BS.2217:
 * 1 kHz sines at stated levels (cases 1–3 of Tech 3341), gating, 5.1 weights, and true peak between samples.
 */
class LoudnessMeterTest {

    static final double RATE = 48000;

    @TempDir
    Path temp;

    /** One section: seconds of a 1 kHz sine at the level (dBFS) on each channel (null = silent). */
    record Section(double seconds, Double... dbfs) {
    }

    static double measure(double[] weights, List<Section> sections) {
        LoudnessMeter meter = new LoudnessMeter(RATE, weights);
        feed(meter, weights.length, sections, 1000);
        return meter.integratedLoudness();
    }

    static void feed(LoudnessMeter meter, int channels, List<Section> sections, double hz) {
        long n = 0;
        double[] chunk = new double[channels * 4800];
        for (Section s : sections) {
            long frames = Math.round(s.seconds() * RATE);
            int filled = 0;
            for (long f = 0; f < frames; f++, n++) {
                double x = Math.sin(2 * Math.PI * hz * n / RATE);
                for (int c = 0; c < channels; c++) {
                    Double db = s.dbfs()[c];
                    chunk[filled * channels + c] = db == null ? 0 : x * Math.pow(10, db / 20);
                }
                if (++filled == 4800) {
                    meter.accept(chunk, 0, filled);
                    filled = 0;
                }
            }
            meter.accept(chunk, 0, filled);
        }
    }

    static final double[] STEREO = {1.0, 1.0};

    @Test
    void case1StereoSineAtMinus23Reads23() {
        assertThat(measure(STEREO, List.of(new Section(20, -23.0, -23.0)))).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void case2StereoSineAtMinus33Reads33() {
        assertThat(measure(STEREO, List.of(new Section(20, -33.0, -33.0)))).isCloseTo(-33.0, within(0.1));
    }

    @Test
    void case3RelativeGateIgnoresTheQuietParts() {
        assertThat(measure(STEREO, List.of(new Section(10, -36.0, -36.0), new Section(60, -23.0, -23.0),
                new Section(10, -36.0, -36.0)))).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void absoluteGateIgnoresNearSilence() {
        assertThat(measure(STEREO, List.of(new Section(10, -72.0, -72.0), new Section(20, -23.0, -23.0),
                new Section(10, -72.0, -72.0)))).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void fivePointOneWeighsTheSurroundsAndIgnoresTheLfe() {
        // L, R, C at −28 dBFS and Ls, Rs at −30 dBFS (a 1 kHz sine: mean square 3.01 dB below its peak; the
        // K-weighting's +0.691 dB at 1 kHz cancels the −0.691 of the formula):
        // 10·log10(3·10^(−31.01/10) + 2·1.41·10^(−33.01/10)) = −24.2 LKFS, whatever the LFE carries
        assertThat(measure(LoudnessMeter.WEIGHTS_5_1, List.of(new Section(20, -28.0, -28.0, -28.0, null,
                -30.0, -30.0)))).isCloseTo(-24.2, within(0.1));
        assertThat(measure(LoudnessMeter.WEIGHTS_5_1, List.of(new Section(20, -28.0, -28.0, -28.0, 0.0,
                -30.0, -30.0)))).isCloseTo(-24.2, within(0.1));
        // and 5.1 at −23 dBFS on L and R only reads like stereo: −23.0
        assertThat(measure(LoudnessMeter.WEIGHTS_5_1, List.of(new Section(20, -23.0, -23.0, null, null,
                null, null)))).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void silenceHasNoLoudness() {
        assertThat(measure(STEREO, List.of(new Section(5, null, null)))).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void truePeakFindsThePeakBetweenSamples() {
        // a sine at a quarter of the rate, 45° out of phase: every sample is ±0.707 (−3 dBFS), the wave peaks at 0 dBTP
        LoudnessMeter meter = new LoudnessMeter(RATE, new double[] {1.0});
        double[] x = new double[48000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(Math.PI / 2 * i + Math.PI / 4);
        }
        meter.accept(x, 0, x.length);
        assertThat(meter.truePeakDbtp()).isCloseTo(0.0, within(0.3));

        // a 1 kHz sine at −6 dBFS: sample peak and true peak agree
        LoudnessMeter low = new LoudnessMeter(RATE, new double[] {1.0});
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5 * Math.sin(2 * Math.PI * 1000 * i / RATE);
        }
        low.accept(x, 0, x.length);
        assertThat(low.truePeakDbtp()).isCloseTo(-6.02, within(0.1));
    }

    @Test
    void measuresTheSoundEssenceOfAnMxfTrackFile() throws IOException {
        // 20 s of 5.1 24-bit PCM at the levels above (−24.2 LKFS), frame-wrapped in 1920-sample elements
        int channels = 6;
        double[] levels = {-28, -28, -28, Double.NaN, -30, -30};
        ByteArrayOutputStream essence = new ByteArrayOutputStream();
        int frames = (int) (20 * RATE);
        byte[] element = new byte[1920 * channels * 3];
        int at = 0;
        for (int n = 0; n < frames; n++) {
            double x = Math.sin(2 * Math.PI * 1000 * n / RATE);
            for (int c = 0; c < channels; c++) {
                int v = Double.isNaN(levels[c]) ? 0 : (int) Math.round(x * Math.pow(10, levels[c] / 20) * 8388607);
                element[at++] = (byte) v;
                element[at++] = (byte) (v >> 8);
                element[at++] = (byte) (v >> 16);
            }
            if (at == element.length) {
                essence.writeBytes(HexFormat.of().parseHex("060e2b34010201010d01030116010101"));
                essence.writeBytes(ByteBuffer.allocate(4).put((byte) 0x83).put((byte) (at >> 16))
                        .put((byte) (at >> 8)).put((byte) at).array());
                essence.write(element, 0, at);
                at = 0;
            }
        }
        byte[] header = SyntheticMxf.write(SyntheticMxf.sound(channels, frames, "en"), 0);
        Path file = temp.resolve("audio.mxf");
        Files.write(file, header);
        Files.write(file, essence.toByteArray(), java.nio.file.StandardOpenOption.APPEND);

        MxfHeaderReader.MxfTrackFile tf = MxfHeaderReader.read(file, "audio.mxf");
        PcmLoudness.Result r = PcmLoudness.measure(file, MxfEssence.of(tf.descriptor()).sound());

        assertThat(r.integratedLkfs()).isCloseTo(-24.2, within(0.1));
        assertThat(r.truePeakDbtp()).isCloseTo(-28.0, within(0.2));
        assertThat(r.seconds()).isCloseTo(20.0, within(0.001));
    }

    @Test
    void thePackageInspectorMeasuresEveryPcmTrackFileWhenAsked() {
        Path sample = Samples.require("complete-hd-htj2k");
        InspectionReport plain = new ImfPackageInspector(1, null).inspect(sample);
        assertThat(plain.notes()).noneMatch(n -> n.startsWith("Loudness"));

        InspectionReport measured = new ImfPackageInspector(1, null).withLoudness().inspect(sample);
        assertThat(measured.notes()).anyMatch(n -> n.matches("Loudness of AUDIO_.*\\.mxf: −?[0-9.]+ LKFS integrated, "
                + "(−?[0-9.]+ LKFS dialogue-gated \\(speech in [0-9]+ % of the programme\\)|no dialogue found by the "
                + "speech gate), true peak −?[0-9.]+ dBTP over 1\\.3 s"));
        assertThat(measured.findings()).extracting(Finding::code)
                .allMatch(c -> c == FindingCode.LOUDNESS_OUT_OF_RANGE || c == FindingCode.TRUE_PEAK_TOO_HIGH
                        || c == FindingCode.DIALOGUE_LOUDNESS_OUT_OF_RANGE);
        measured.notes().stream().filter(n -> n.startsWith("Loudness")).forEach(System.out::println);
    }
}
