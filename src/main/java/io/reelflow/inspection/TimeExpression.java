package io.reelflow.inspection;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TTML time expressions (TTML1 §10.3.1), computed exactly: clock time "hh:mm:ss", "hh:mm:ss.fff",
 * "hh:mm:ss:ff" and "hh:mm:ss:ff.sf", and offset time "12.5s", "300ms", "2m", "1h", "90f", "10t".
 */
final class TimeExpression {

    private static final Pattern CLOCK =
            Pattern.compile("(\\d{2,}):(\\d{2}):(\\d{2})(?:(\\.\\d+)|:(\\d{2,})(?:\\.(\\d+))?)?");
    private static final Pattern OFFSET = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s|f|t)");

    /**
     * @param seconds    media time in seconds
     * @param frameBased whether the expression counts frames (so it needs ttp:frameRate)
     */
    record Parsed(Rational seconds, boolean frameBased) {
    }

    /** Why a time expression cannot be used, in plain words, with the finding code it makes. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final FindingCode code;

        Invalid(FindingCode code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** No programme lasts this long; larger times are refused rather than computed. */
    static final Rational MAX_SECONDS = Rational.of(1000L * 3600);

    private TimeExpression() {
    }

    /** @throws IllegalArgumentException with the reason when the text is not a valid time expression */
    static Parsed parse(String text, TimingParameters p) {
        String t = text.trim();
        if (t.length() > 40) {
            throw new Invalid(FindingCode.TTML_TIME_EXPRESSION_INVALID, Plain.quote(text)
                    + " is too long to be a time expression");
        }
        Parsed parsed = parseUnchecked(t, text, p);
        if (parsed.seconds().isGreaterThan(MAX_SECONDS)) {
            throw new Invalid(FindingCode.TTML_TIME_EXPRESSION_INVALID, Plain.quote(text)
                    + " is more than 1000 hours, beyond any programme");
        }
        return parsed;
    }

    private static Parsed parseUnchecked(String t, String text, TimingParameters p) {
        Matcher clock = CLOCK.matcher(t);
        if (clock.matches()) {
            return clockTime(t, clock, p);
        }
        Matcher offset = OFFSET.matcher(t);
        if (offset.matches()) {
            Rational count = decimal(offset.group(1));
            return switch (offset.group(2)) {
                case "h" -> new Parsed(count.times(3600), false);
                case "m" -> new Parsed(count.times(60), false);
                case "s" -> new Parsed(count, false);
                case "ms" -> new Parsed(count.dividedBy(Rational.of(1000)), false);
                case "f" -> new Parsed(count.dividedBy(p.effectiveFrameRate()), true);
                case "t" -> {
                    if (!p.tickRateSpecified) {
                        throw new Invalid(FindingCode.TTML_TICK_RATE_MISSING, Plain.quote(text)
                                + " counts ticks, but the tt element gives no ttp:tickRate, so a tick has no "
                                + "agreed length");
                    }
                    yield new Parsed(count.dividedBy(p.tickRate), false);
                }
                default -> throw new Invalid(FindingCode.TTML_TIME_EXPRESSION_INVALID,
                        "unknown unit in " + Plain.quote(text));
            };
        }
        throw new Invalid(FindingCode.TTML_TIME_EXPRESSION_INVALID, Plain.quote(text)
                + " is neither a clock time (hh:mm:ss[.fff] or hh:mm:ss:ff) nor an offset time (e.g. 12.5s, 300ms, "
                + "90f, 10t)");
    }

    private static Parsed clockTime(String text, Matcher m, TimingParameters p) {
        if (m.group(1).length() > 4 || (m.group(5) != null && m.group(5).length() > 4)
                || (m.group(6) != null && m.group(6).length() > 4)) {
            throw new Invalid(FindingCode.TTML_TIME_EXPRESSION_INVALID, Plain.quote(text)
                    + " has more digits than any hour, frame or sub-frame count can have");
        }
        long hours = Long.parseLong(m.group(1));
        int minutes = Integer.parseInt(m.group(2));
        int seconds = Integer.parseInt(m.group(3));
        if (minutes > 59 || seconds > 59) {
            throw new Invalid(FindingCode.TTML_TIME_EXPRESSION_INVALID, Plain.quote(text)
                    + " has minutes or seconds above 59");
        }
        long wholeSeconds = hours * 3600 + minutes * 60L + seconds;
        if (m.group(5) == null) {
            Rational fraction = m.group(4) == null ? Rational.ZERO : decimal("0" + m.group(4));
            return new Parsed(Rational.of(wholeSeconds).plus(fraction), false);
        }
        long frames = Long.parseLong(m.group(5));
        if (frames >= p.frameRate) {
            throw new Invalid(FindingCode.TTML_TIME_EXPRESSION_INVALID, Plain.quote(text) + " has frame " + frames
                    + " but the frame rate is " + p.frameRate + " (frames run 0 to " + (p.frameRate - 1) + ")");
        }
        Rational subFrames = Rational.ZERO;
        if (m.group(6) != null) {
            long sf = Long.parseLong(m.group(6));
            if (sf >= p.subFrameRate) {
                throw new Invalid(FindingCode.TTML_TIME_EXPRESSION_INVALID, Plain.quote(text) + " has sub-frame "
                        + sf + " but ttp:subFrameRate is " + p.subFrameRate + " (sub-frames run 0 to "
                        + (p.subFrameRate - 1) + ")");
            }
            subFrames = Rational.of(sf, p.subFrameRate);
        }
        Rational frameRate = p.effectiveFrameRate();
        if ("smpte".equals(p.timeBase)) {
            // SMPTE time code labels frames: count them at the nominal rate, minus dropped labels, then play them
            // at the effective rate.
            long totalMinutes = hours * 60 + minutes;
            long dropped = switch (p.dropMode) {
                case "dropNTSC" -> 2 * (totalMinutes - totalMinutes / 10);
                case "dropPAL" -> 4 * (totalMinutes / 2 - totalMinutes / 20);
                default -> 0;
            };
            Rational count = Rational.of(wholeSeconds * p.frameRate + frames - dropped).plus(subFrames);
            return new Parsed(count.dividedBy(frameRate), true);
        }
        return new Parsed(Rational.of(wholeSeconds).plus(Rational.of(frames).plus(subFrames).dividedBy(frameRate)),
                true);
    }

    private static Rational decimal(String text) {
        BigDecimal d = new BigDecimal(text);
        return d.scale() > 0 ? Rational.of(d.unscaledValue(), java.math.BigInteger.TEN.pow(d.scale()))
                : Rational.of(d.toBigIntegerExact(), java.math.BigInteger.ONE);
    }

    /** "hh:mm:ss.mmm" for messages. */
    static String format(Rational seconds) {
        Rational millis = seconds.times(1000);
        long ms = millis.floor().longValue();
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
