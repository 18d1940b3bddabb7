package io.reelflow.inspection;

import java.util.Objects;

/**
 * An exact duration, given in seconds or as a count of edit units at an edit rate (e.g. 2 002 000 samples at
 * 48000, or 7148 frames at 24000/1001).
 */
public record MediaDuration(Rational seconds) {

    public MediaDuration {
        Objects.requireNonNull(seconds, "seconds");
        if (seconds.signum() < 0) {
            throw new IllegalArgumentException("a duration cannot be negative");
        }
    }

    public static MediaDuration ofSeconds(Rational seconds) {
        return new MediaDuration(seconds);
    }

    public static MediaDuration ofEditUnits(long units, Rational editRate) {
        return new MediaDuration(Rational.of(units).dividedBy(editRate));
    }

    @Override
    public String toString() {
        return seconds.toDecimalString(6) + " s";
    }
}
