package io.reelflow.inspection;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Streams the PCM sound essence of an MXF track file (SMPTE ST 382 / ST 2067-2: WAVE, 16 or 24-bit little-endian,
 * frame- or clip-wrapped) through a {@link LoudnessMeter}. Everything but sound essence elements (partitions,
 * metadata, index tables, fill) is skipped by its length; nothing is kept but the meter's state.
 */
public final class PcmLoudness {

    /**
     * Integrated loudness (LKFS), dialogue-gated loudness (LKFS, NaN when the speech gate found too little dialogue,
     * see {@link LoudnessMeter}), the share of blocks taken as dialogue, and true peak (dBTP) of one track file, with
     * the seconds measured.
     */
    public record Result(double integratedLkfs, double dialogueGatedLkfs, double speechShare, double truePeakDbtp,
                         double seconds) {

        public Result(double integratedLkfs, double truePeakDbtp, double seconds) {
            this(integratedLkfs, Double.NaN, 0, truePeakDbtp, seconds);
        }

        public boolean dialogueFound() {
            return !Double.isNaN(dialogueGatedLkfs);
        }
    }

    private PcmLoudness() {
    }

    /**
     * @param sound what the track file's header says (rate, channels, bits)
     * @throws IOException when the file cannot be read, ends inside an item, or is not 16/24-bit PCM
     */
    public static Result measure(Path file, MxfEssence.Sound sound) throws IOException {
        return measure(file, sound, Long.MAX_VALUE);
    }

    /** The time budget of a loudness measurement was spent before the file's end; nothing is reported of it. */
    public static final class TimeBudgetSpent extends IOException {
        TimeBudgetSpent() {
            super("the time allowed for loudness measurement was spent");
        }
    }

    /**
     * As {@link #measure(Path, MxfEssence.Sound)}, stopping with {@link TimeBudgetSpent} once {@link System#nanoTime()}
     * passes {@code deadlineNanos}, and with a {@link java.util.concurrent.CancellationException} when the thread is
     * interrupted.
     */
    public static Result measure(Path file, MxfEssence.Sound sound, long deadlineNanos) throws IOException {
        if (sound.channelCount() == null || sound.quantizationBits() == null || sound.audioSampleRate() == null
                || (sound.quantizationBits() != 24 && sound.quantizationBits() != 16)
                || sound.channelCount() < 1 || sound.channelCount() > 64) {
            throw new IOException("not 16 or 24-bit PCM with a known channel count and rate");
        }
        int channels = sound.channelCount().intValue();
        int bytesPerSample = sound.quantizationBits().intValue() / 8;
        double rate = sound.audioSampleRate().toDouble();
        double[] weights = channels == 6 ? LoudnessMeter.WEIGHTS_5_1 : ones(channels);
        LoudnessMeter meter = new LoudnessMeter(rate, weights, dialogueChannels(sound, channels));
        int frameBytes = channels * bytesPerSample;
        byte[] buffer = new byte[frameBytes * 4096];
        double[] samples = new double[channels * 4096];
        byte[] key = new byte[16];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                1 << 20)) {
            int carry = 0;
            while (true) {
                int k = in.readNBytes(key, 0, 16);
                if (k == 0) {
                    break;
                }
                if (k < 16 || key[0] != 0x06 || key[1] != 0x0e || key[2] != 0x2b || key[3] != 0x34) {
                    throw new EOFException("the file does not continue with a KLV item");
                }
                long length = ber(in);
                boolean sound_ = key[4] == 0x01 && key[8] == 0x0d && key[9] == 0x01 && key[10] == 0x03
                        && key[11] == 0x01 && key[12] == 0x16;
                if (!sound_) {
                    skip(in, length);
                    continue;
                }
                long left = length;
                while (left > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new java.util.concurrent.CancellationException("loudness measurement interrupted");
                    }
                    if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
                        throw new TimeBudgetSpent();
                    }
                    int want = (int) Math.min(buffer.length - carry, left);
                    int got = in.readNBytes(buffer, carry, want);
                    if (got < want) {
                        throw new EOFException("the file ends inside a sound essence element");
                    }
                    left -= got;
                    int available = carry + got;
                    int frames = available / frameBytes;
                    decode(buffer, frames * channels, bytesPerSample, samples);
                    meter.accept(samples, 0, frames);
                    carry = available - frames * frameBytes;
                    System.arraycopy(buffer, frames * frameBytes, buffer, 0, carry);
                }
            }
        }
        return new Result(meter.integratedLoudness(), meter.dialogueGatedLoudness(), meter.speechShare(),
                meter.truePeakDbtp(), meter.samplesPerChannel() / rate);
    }

    /**
     * The channels the speech gate listens to: the one the MCA labels call centre (chC) when there is one, else the
     * usual ones for the channel count (C of 5.1, L and R of stereo).
     */
    static int[] dialogueChannels(MxfEssence.Sound sound, int channels) {
        java.util.List<MxfEssence.McaLabel> labels = sound.channels();
        for (int i = 0; i < labels.size(); i++) {
            MxfEssence.McaLabel l = labels.get(i);
            if ("chC".equals(l.symbol())) {
                int index = l.channelId() != null && l.channelId() >= 1 && l.channelId() <= channels
                        ? l.channelId().intValue() - 1 : i;
                if (index < channels) {
                    return new int[] {index};
                }
            }
        }
        return LoudnessMeter.defaultDialogue(channels);
    }

    private static void decode(byte[] b, int count, int bytesPerSample, double[] out) {
        if (bytesPerSample == 3) {
            for (int i = 0, j = 0; i < count; i++, j += 3) {
                int v = (b[j] & 0xff) | (b[j + 1] & 0xff) << 8 | b[j + 2] << 16;
                out[i] = v / 8388608.0;
            }
        } else {
            for (int i = 0, j = 0; i < count; i++, j += 2) {
                int v = (b[j] & 0xff) | b[j + 1] << 8;
                out[i] = v / 32768.0;
            }
        }
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    private static long ber(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the file ends inside a KLV length");
        }
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        if (n == 0 || n > 8) {
            throw new EOFException("a KLV length is not readable");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the file ends inside a KLV length");
            }
            v = (v << 8) | b;
        }
        if (v < 0) {
            throw new EOFException("a KLV length is too large");
        }
        return v;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the file ends inside an item");
                }
                s = 1;
            }
            left -= s;
        }
    }
}
