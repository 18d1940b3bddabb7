package io.reelflow.inspection;

/**
 * Integrated loudness and true peak per ITU-R BS.1770-4, streamed: K-weighting (the two biquads of the standard,
 * computed for any sample rate), 400 ms gating blocks overlapping by 75 %, the absolute gate at −70 LKFS and the
 * relative gate 10 LU below; true peak by 4× oversampling (a 48-tap polyphase interpolator, 12 taps per phase).
 * Memory is one 100 ms sub-block sum per channel-block, i.e. a few doubles per 100 ms of programme.
 *
 * <p>Channel weights follow BS.1770-4: 1.0 for left, right and centre, 1.41 (+1.5 dB) for the surrounds, 0 for LFE.
 *
 * <p><b>Dialogue gating</b> (an open approximation of Dolby's proprietary Dialogue Intelligence, which Netflix's
 * −27 LKFS spec is measured with): each 400 ms gating block is judged speech or not from the dialogue signal — the
 * centre channel of a 5.1 mix, the mid (L+R)/2 of a stereo one, the channel itself in mono. A block is speech when
 * (1) its speech band (250 Hz – 4 kHz, two cascaded second-order high-passes and low-passes) holds at least
 * {@value #SPEECH_BAND_SHARE} of the dialogue signal's energy and (2) that band's energy moves like syllables: the
 * loudest of the block's four 100 ms sub-blocks is at least {@value #SYLLABIC_RATIO}× the quietest (+3 dB). The
 * dialogue-gated loudness is then the BS.1770-4 loudness of the whole mix (all channels, weighted) over the speech
 * blocks only, with the absolute and relative gates applied among them. It is reported only when at least
 * {@value #MIN_SPEECH_SHARE} of the blocks above the absolute gate are speech; otherwise there is no dialogue to gate
 * on and NaN is returned.
 */
public final class LoudnessMeter {

    /** SMPTE / ITU order of a 5.1 WAVE file: L, R, C, LFE, Ls, Rs. */
    public static final double[] WEIGHTS_5_1 = {1.0, 1.0, 1.0, 0.0, 1.41, 1.41};

    /** Share of the dialogue signal's energy that must lie in the speech band for a block to be speech. */
    public static final double SPEECH_BAND_SHARE = 0.6;
    /** Loudest over quietest 100 ms sub-block of the speech band within a speech block (syllabic modulation). */
    public static final double SYLLABIC_RATIO = 2.0;
    /** Share of the blocks above the absolute gate that must be speech for a dialogue-gated figure. */
    public static final double MIN_SPEECH_SHARE = 0.1;

    private final int channels;
    private final double[] weights;
    private final int[] dialogue; // channels averaged into the dialogue signal
    // speech-band filter: two high-passes at 250 Hz and two low-passes at 4 kHz (RBJ biquads, Q 0.7071)
    private final double[][] band; // {b0, b1, b2, a1, a2} per stage
    private final double[][] bandState = new double[4][2];
    private double bandEnergy;
    private double dialogueEnergy;
    private final int subBlock; // samples in 100 ms
    // K-weighting state per channel: stage 1 (shelf) and stage 2 (high-pass), direct form II transposed
    private final double b0, b1, b2, a1, a2, c0, c1, c2, d1, d2;
    private final double[] s1a, s1b, s2a, s2b;
    private final double[] energy; // current sub-block's sum of squares per channel
    private int inSubBlock;
    private final java.util.ArrayList<double[]> subBlocks = new java.util.ArrayList<>();
    // true peak
    private static final double[][] PHASES = interpolator();
    private final double[][] history; // last 12 samples per channel, circular
    private int historyAt;
    private double truePeak;
    private long samples;

    /**
     * @param sampleRate in Hz
     * @param weights    one weight per channel (its length is the channel count)
     */
    public LoudnessMeter(double sampleRate, double[] weights) {
        this(sampleRate, weights, defaultDialogue(weights.length));
    }

    /**
     * @param dialogueChannels the channels (0-based) whose mean is the dialogue signal the speech gate listens to
     */
    public LoudnessMeter(double sampleRate, double[] weights, int[] dialogueChannels) {
        if (sampleRate < 8000 || weights.length == 0 || weights.length > 64) {
            throw new IllegalArgumentException("unsupported sample rate or channel count");
        }
        if (dialogueChannels.length == 0) {
            throw new IllegalArgumentException("no dialogue channel");
        }
        for (int c : dialogueChannels) {
            if (c < 0 || c >= weights.length) {
                throw new IllegalArgumentException("dialogue channel " + c + " is not among the " + weights.length);
            }
        }
        this.channels = weights.length;
        this.weights = weights.clone();
        this.dialogue = dialogueChannels.clone();
        this.band = new double[][] {highPass(250, sampleRate), highPass(250, sampleRate),
                lowPass(4000, sampleRate), lowPass(4000, sampleRate)};
        this.subBlock = (int) Math.round(sampleRate / 10);
        double f0 = 1681.974450955533;
        double g = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double vh = Math.pow(10, g / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        b0 = (vh + vb * k / q + k * k) / a0;
        b1 = 2 * (k * k - vh) / a0;
        b2 = (vh - vb * k / q + k * k) / a0;
        a1 = 2 * (k * k - 1) / a0;
        a2 = (1 - k / q + k * k) / a0;
        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = Math.tan(Math.PI * f0 / sampleRate);
        double r0 = 1 + k / q + k * k;
        c0 = 1;
        c1 = -2;
        c2 = 1;
        d1 = 2 * (k * k - 1) / r0;
        d2 = (1 - k / q + k * k) / r0;
        s1a = new double[channels];
        s1b = new double[channels];
        s2a = new double[channels];
        s2b = new double[channels];
        energy = new double[channels];
        history = new double[channels][12];
    }

    /** Adds interleaved samples, full scale ±1.0; {@code frames} samples per channel from {@code offset}. */
    public void accept(double[] interleaved, int offset, int frames) {
        for (int f = 0; f < frames; f++) {
            int base = offset + f * channels;
            for (int c = 0; c < channels; c++) {
                double x = interleaved[base + c];
                // stage 1
                double y = b0 * x + s1a[c];
                s1a[c] = b1 * x - a1 * y + s1b[c];
                s1b[c] = b2 * x - a2 * y;
                // stage 2
                double z = c0 * y + s2a[c];
                s2a[c] = c1 * y - d1 * z + s2b[c];
                s2b[c] = c2 * y - d2 * z;
                energy[c] += z * z;
                // true peak: the sample itself and four interpolated points (the filter's phases fall between samples)
                double[] h = history[c];
                h[historyAt] = x;
                double peak = Math.abs(x);
                for (int p = 0; p < 4; p++) {
                    double[] taps = PHASES[p];
                    double acc = 0;
                    int idx = historyAt;
                    for (int t = 0; t < 12; t++) {
                        acc += taps[t] * h[idx];
                        idx = idx == 0 ? 11 : idx - 1;
                    }
                    peak = Math.max(peak, Math.abs(acc));
                }
                if (peak > truePeak) {
                    truePeak = peak;
                }
            }
            historyAt = historyAt == 11 ? 0 : historyAt + 1;
            // the dialogue signal and its speech band
            double d = 0;
            for (int c : dialogue) {
                d += interleaved[base + c];
            }
            d /= dialogue.length;
            dialogueEnergy += d * d;
            double v = d;
            for (int st = 0; st < 4; st++) {
                double[] q = band[st];
                double[] z = bandState[st];
                double y = q[0] * v + z[0];
                z[0] = q[1] * v - q[3] * y + z[1];
                z[1] = q[2] * v - q[4] * y;
                v = y;
            }
            bandEnergy += v * v;
            samples++;
            if (++inSubBlock == subBlock) {
                double[] row = java.util.Arrays.copyOf(energy, channels + 2);
                row[channels] = bandEnergy;
                row[channels + 1] = dialogueEnergy;
                subBlocks.add(row);
                java.util.Arrays.fill(energy, 0);
                bandEnergy = 0;
                dialogueEnergy = 0;
                inSubBlock = 0;
            }
        }
    }

    /** Integrated loudness in LKFS (LUFS); negative infinity for silence or less than 400 ms. */
    public double integratedLoudness() {
        return gated(blockPowers(), null);
    }

    /**
     * Dialogue-gated loudness in LKFS: the whole mix over the blocks the speech gate takes as dialogue (see the class
     * comment); NaN when less than {@link #MIN_SPEECH_SHARE} of the blocks above the absolute gate are speech.
     */
    public double dialogueGatedLoudness() {
        double[] blocks = blockPowers();
        boolean[] speech = speechBlocks();
        double share = speechShare(blocks, speech);
        if (Double.isNaN(share) || share < MIN_SPEECH_SHARE) {
            return Double.NaN;
        }
        return gated(blocks, speech);
    }

    /** Share (0..1) of the 400 ms blocks above the absolute gate that the speech gate takes as dialogue. */
    public double speechShare() {
        double share = speechShare(blockPowers(), speechBlocks());
        return Double.isNaN(share) ? 0 : share;
    }

    /** Speech blocks over blocks above the absolute gate; NaN when no block is above it. */
    private static double speechShare(double[] blocks, boolean[] speech) {
        int above = 0;
        int spoken = 0;
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] > ABSOLUTE_GATE) {
                above++;
                spoken += speech[i] ? 1 : 0;
            }
        }
        return above == 0 ? Double.NaN : (double) spoken / above;
    }

    private static final double ABSOLUTE_GATE = Math.pow(10, (-70 + 0.691) / 10);

    /** The speech gate per 400 ms block: speech band dominant in the dialogue signal and syllabically modulated. */
    private boolean[] speechBlocks() {
        int n = Math.max(0, subBlocks.size() - 3);
        boolean[] speech = new boolean[n];
        for (int i = 0; i < n; i++) {
            double bandSum = 0;
            double all = 0;
            double max = 0;
            double min = Double.MAX_VALUE;
            for (int j = 0; j < 4; j++) {
                double[] row = subBlocks.get(i + j);
                bandSum += row[channels];
                all += row[channels + 1];
                max = Math.max(max, row[channels]);
                min = Math.min(min, row[channels]);
            }
            // below −70 dBFS the dialogue signal is silence, whatever its spectrum
            boolean audible = all / (4.0 * subBlock) > 1e-7;
            speech[i] = audible && bandSum >= SPEECH_BAND_SHARE * all && max >= SYLLABIC_RATIO * Math.max(min, 1e-30);
        }
        return speech;
    }

    /** Mean square (weighted sum over channels) of every 400 ms block, 75 % overlap. */
    private double[] blockPowers() {
        int n = subBlocks.size() - 3;
        if (n <= 0) {
            return new double[0];
        }
        double[] blocks = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                double e = 0;
                for (int j = 0; j < 4; j++) {
                    e += subBlocks.get(i + j)[c];
                }
                sum += weights[c] * e / (4.0 * subBlock);
            }
            blocks[i] = sum;
        }
        return blocks;
    }

    /** BS.1770-4 gating (absolute −70 LKFS, relative −10 LU) over the blocks, only the selected ones if given. */
    private static double gated(double[] blocks, boolean[] selected) {
        double mean = 0;
        int count = 0;
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] > ABSOLUTE_GATE && (selected == null || selected[i])) {
                mean += blocks[i];
                count++;
            }
        }
        if (count == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relative = mean / count * Math.pow(10, -10.0 / 10);
        mean = 0;
        count = 0;
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] > ABSOLUTE_GATE && blocks[i] > relative && (selected == null || selected[i])) {
                mean += blocks[i];
                count++;
            }
        }
        return count == 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(mean / count);
    }

    /** The usual dialogue channels: C of 5.1 (L, R, C, LFE, Ls, Rs), L and R of stereo, else the first two. */
    static int[] defaultDialogue(int channels) {
        return channels == 6 ? new int[] {2} : channels == 1 ? new int[] {0} : new int[] {0, 1};
    }

    /** RBJ cookbook second-order high-pass, Q = 1/√2: {b0, b1, b2, a1, a2}. */
    private static double[] highPass(double f, double rate) {
        double w = 2 * Math.PI * f / rate;
        double alpha = Math.sin(w) / (2 * 0.7071067811865476);
        double cos = Math.cos(w);
        double a0 = 1 + alpha;
        return new double[] {(1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0,
                (1 - alpha) / a0};
    }

    /** RBJ cookbook second-order low-pass, Q = 1/√2: {b0, b1, b2, a1, a2}. */
    private static double[] lowPass(double f, double rate) {
        double w = 2 * Math.PI * f / rate;
        double alpha = Math.sin(w) / (2 * 0.7071067811865476);
        double cos = Math.cos(w);
        double a0 = 1 + alpha;
        return new double[] {(1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0,
                (1 - alpha) / a0};
    }

    /** True peak in dBTP (dB relative to full scale of the 4× oversampled signal). */
    public double truePeakDbtp() {
        return truePeak == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(truePeak);
    }

    public long samplesPerChannel() {
        return samples;
    }

    /**
     * A 48-tap low-pass (cut-off at the original Nyquist frequency, Kaiser window β = 8) split into four phases of
     * 12 taps, each a point at a different fraction of the way between two samples.
     */
    private static double[][] interpolator() {
        int taps = 48;
        double[] h = new double[taps];
        double beta = 8.0;
        double center = (taps - 1) / 2.0;
        for (int i = 0; i < taps; i++) {
            double t = (i - center) / 4.0;
            double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
            double r = (i - center) / center;
            double w = bessel0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / bessel0(beta);
            h[i] = sinc * w;
        }
        double[][] phases = new double[4][12];
        for (int p = 0; p < 4; p++) {
            double sum = 0;
            for (int t = 0; t < 12; t++) {
                phases[p][t] = h[t * 4 + p];
                sum += phases[p][t];
            }
            for (int t = 0; t < 12; t++) {
                phases[p][t] /= sum; // unity gain at DC for every phase
            }
        }
        return phases;
    }

    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 30; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }
}
