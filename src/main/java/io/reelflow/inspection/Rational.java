package io.reelflow.inspection;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact fraction. Edit rates such as 24000/1001 make floating point drift over a feature's length, so every
 * duration and time comparison in this package is done with these.
 */
public final class Rational implements Comparable<Rational> {

    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    private final BigInteger numerator;
    private final BigInteger denominator; // always > 0, and gcd(numerator, denominator) == 1

    private Rational(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public static Rational of(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("denominator is zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        return new Rational(numerator, denominator);
    }

    public static Rational of(long numerator, long denominator) {
        return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public static Rational of(long whole) {
        return of(whole, 1);
    }

    /**
     * Parses "24000 1001" (SMPTE XML), "24000/1001" (RegXML), "24" or a decimal such as "12.5" or "23.976"
     * (a decimal is taken exactly as written: 23.976 is 2997/125, not 24000/1001).
     *
     * @throws NumberFormatException when the text is none of these
     */
    public static Rational parse(String text) {
        if (text == null) {
            throw new NumberFormatException("no rational number");
        }
        String t = text.trim();
        if (t.length() > 100) { // no rate, duration or position needs more; longer numbers cost time to parse
            throw new NumberFormatException("number too long");
        }
        String[] parts = t.split("\\s*/\\s*|\\s+", -1);
        try {
            if (parts.length == 2) {
                return of(new BigInteger(parts[0]), new BigInteger(parts[1]));
            }
            if (parts.length == 1 && !parts[0].isEmpty()) {
                BigDecimal decimal = new BigDecimal(parts[0]);
                if (Math.abs((long) decimal.scale()) > 100) { // "1E999999999" would be a billion digits
                    throw new NumberFormatException("exponent too large");
                }
                if (decimal.scale() > 0) {
                    return of(decimal.unscaledValue(), BigInteger.TEN.pow(decimal.scale()));
                }
                return of(decimal.toBigIntegerExact(), BigInteger.ONE);
            }
        } catch (ArithmeticException e) {
            throw new NumberFormatException("not a rational number: '" + text + "'");
        }
        throw new NumberFormatException("not a rational number: '" + text + "'");
    }

    public BigInteger numerator() {
        return numerator;
    }

    public BigInteger denominator() {
        return denominator;
    }

    public Rational plus(Rational other) {
        if (denominator.equals(other.denominator)) { // common case (whole seconds, milliseconds): one addition
            return denominator.equals(BigInteger.ONE) ? new Rational(numerator.add(other.numerator), denominator)
                    : of(numerator.add(other.numerator), denominator);
        }
        return of(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Rational minus(Rational other) {
        return plus(other.negate());
    }

    public Rational times(Rational other) {
        return of(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Rational times(long factor) {
        return of(numerator.multiply(BigInteger.valueOf(factor)), denominator);
    }

    public Rational dividedBy(Rational other) {
        return of(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public Rational abs() {
        return signum() < 0 ? negate() : this;
    }

    public Rational reciprocal() {
        return of(denominator, numerator);
    }

    public int signum() {
        return numerator.signum();
    }

    public boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    /** Largest integer not greater than this value. */
    public BigInteger floor() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** Smallest integer not less than this value. */
    public BigInteger ceil() {
        return isInteger() ? numerator : floor().add(BigInteger.ONE);
    }

    public boolean isGreaterThan(Rational other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Rational other) {
        return compareTo(other) < 0;
    }

    public Rational max(Rational other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Rational min(Rational other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public double toDouble() {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 17, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** A decimal rendering for people, e.g. "23.976" or "1.334667"; trailing zeros are dropped. */
    public String toDecimalString(int maxFractionDigits) {
        BigDecimal value = new BigDecimal(numerator)
                .divide(new BigDecimal(denominator), maxFractionDigits, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }

    @Override
    public int compareTo(Rational other) {
        if (denominator.equals(other.denominator)) {
            return numerator.compareTo(other.numerator);
        }
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(numerator, denominator);
    }

    /** "24000/1001", or "24" for a whole number. */
    @Override
    public String toString() {
        return isInteger() ? numerator.toString() : numerator + "/" + denominator;
    }
}
