package io.reelflow.inspection;

/**
 * Integrated loudness and true peak per ITU-R BS.1770-4, streamed: K-weighting (the two biquads of the standard,
 * computed for any sample rate), 400 ms gating blocks overlapping by 75 %, the absolute gate at −70 LKFS and the
 * relative gate 10 LU below; true peak by 4× oversampling (a 48-tap polyphase interpolator, 12 taps per phase).
 * Memory is one 100 ms sub-block sum per channel-block, i.e. a few doubles per 100 ms of programme.
 *
 * <p>Channel weights follow BS.1770-4: 1.0 for left, right and centre, 1.41 (+1.5 dB) for the surrounds, 0 for LFE.
 */
public final class LoudnessMeter {

    /** SMPTE / ITU order of a 5.1 WAVE file: L, R, C, LFE, Ls, Rs. */
    public static final double[] WEIGHTS_5_1 = {1.0, 1.0, 1.0, 0.0, 1.41, 1.41};

    private final int channels;
    private final double[] weights;
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
        if (sampleRate < 8000 || weights.length == 0 || weights.length > 64) {
            throw new IllegalArgumentException("unsupported sample rate or channel count");
        }
        this.channels = weights.length;
        this.weights = weights.clone();
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
            samples++;
            if (++inSubBlock == subBlock) {
                subBlocks.add(energy.clone());
                java.util.Arrays.fill(energy, 0);
                inSubBlock = 0;
            }
        }
    }

    /** Integrated loudness in LKFS (LUFS); negative infinity for silence or less than 400 ms. */
    public double integratedLoudness() {
        int n = subBlocks.size() - 3;
        if (n <= 0) {
            return Double.NEGATIVE_INFINITY;
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
        double absolute = Math.pow(10, (-70 + 0.691) / 10);
        double mean = 0;
        int count = 0;
        for (double b : blocks) {
            if (b > absolute) {
                mean += b;
                count++;
            }
        }
        if (count == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relative = mean / count * Math.pow(10, -10.0 / 10);
        mean = 0;
        count = 0;
        for (double b : blocks) {
            if (b > absolute && b > relative) {
                mean += b;
                count++;
            }
        }
        return count == 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(mean / count);
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
