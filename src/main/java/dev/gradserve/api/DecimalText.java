package dev.gradserve.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Writes a finite float or double as ASCII into a byte array, exactly as Jackson's fast number writer
 * ({@code StreamWriteFeature.USE_FAST_DOUBLE_WRITER}) and JDK 19+'s {@code Double.toString}/{@code Float.toString} do:
 * the shortest decimal that reads back as the same value (at least two digits, the closest one when there is a
 * choice), in plain notation from 10⁻³ up to 10⁷ ({@code 0.00125}, {@code 1250.0}) and otherwise as
 * {@code 1.25E-4}. The decimal is found with Raffaello Giulietti's Schubfach algorithm ("The Schubfach way to
 * render doubles", 2021), written here from the paper: Jackson formats each number into a new String, which was
 * most of the time of writing a large tensor as JSON numbers; this writes into the caller's buffer.
 */
final class DecimalText {

    /** The longest text of a double, e.g. {@code -2.2250738585072014E-308}. */
    static final int MAX_LENGTH = 24;

    private static final int DOUBLE_PRECISION = 53;
    private static final int DOUBLE_MIN_EXPONENT = -1074;
    /** Subnormal significands below this leave fewer than two digits, so they are scaled by 10 first. */
    private static final int DOUBLE_TINY = 3;
    private static final int FLOAT_PRECISION = 24;
    private static final int FLOAT_MIN_EXPONENT = -149;
    private static final int FLOAT_TINY = 8;

    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = (1L << 63) - 1;
    private static final long MASK_32 = (1L << 32) - 1;
    /**
     * For k in [K_MIN, K_MAX]: g = ⌊10⁻ᵏ · 2⁻ʳ⌋ + 1 with r chosen so that 2¹²⁵ ≤ 10⁻ᵏ · 2⁻ʳ < 2¹²⁶, split into
     * its high 63 bits (even indices) and low 63 bits (odd indices).
     */
    private static final long[] G = scaledPowersOfTen();
    private static final long[] POWERS_OF_TEN = new long[19];
    /** Digits written for every decimal: a double's shortest has at most 17, a float's at most 9. */
    private static final int DIGITS = 17;
    private static final long EIGHT_DIGITS = 100_000_000;
    private static final long ASCII_ZEROS = 0x3030_3030_3030_3030L;
    /** "0.00" as a little-endian int. */
    private static final int ZERO_POINT_ZEROS = '0' | '.' << 8 | '0' << 16 | '0' << 24;
    private static final VarHandle LONG_LITTLE_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LITTLE_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private DecimalText() {}

    /**
     * Writes {@code value} at {@code at}; returns the index after it. Touches at most {@link #MAX_LENGTH} bytes from
     * {@code at}, some of them (zeros) past the index returned.
     */
    static int write(double value, byte[] out, int at) {
        long bits = Double.doubleToRawLongBits(value);
        long fraction = bits & ((1L << (DOUBLE_PRECISION - 1)) - 1);
        int biasedExponent = (int) (bits >>> (DOUBLE_PRECISION - 1)) & 0x7ff;
        if (biasedExponent == 0x7ff) {
            throw new IllegalArgumentException("not finite: " + value);
        }
        if (bits < 0) {
            out[at++] = '-';
        }
        if (biasedExponent == 0) {
            if (fraction == 0) {
                return zero(out, at);
            }
            return fraction < DOUBLE_TINY
                    ? doubleDecimal(DOUBLE_MIN_EXPONENT, 10 * fraction, -1, out, at)
                    : doubleDecimal(DOUBLE_MIN_EXPONENT, fraction, 0, out, at);
        }
        int q = biasedExponent + DOUBLE_MIN_EXPONENT - 1;
        long c = fraction | 1L << (DOUBLE_PRECISION - 1);
        // an integer below 2⁵³ is its own shortest decimal
        if (0 < -q && -q < DOUBLE_PRECISION && (c & ((1L << -q) - 1)) == 0) {
            return digits(c >> -q, 0, out, at);
        }
        return doubleDecimal(q, c, 0, out, at);
    }

    /**
     * Writes {@code value} at {@code at}; returns the index after it. Touches at most {@link #MAX_LENGTH} bytes from
     * {@code at}, some of them (zeros) past the index returned.
     */
    static int write(float value, byte[] out, int at) {
        int bits = Float.floatToRawIntBits(value);
        int fraction = bits & ((1 << (FLOAT_PRECISION - 1)) - 1);
        int biasedExponent = (bits >>> (FLOAT_PRECISION - 1)) & 0xff;
        if (biasedExponent == 0xff) {
            throw new IllegalArgumentException("not finite: " + value);
        }
        if (bits < 0) {
            out[at++] = '-';
        }
        if (biasedExponent == 0) {
            if (fraction == 0) {
                return zero(out, at);
            }
            return fraction < FLOAT_TINY
                    ? floatDecimal(FLOAT_MIN_EXPONENT, 10 * fraction, -1, out, at)
                    : floatDecimal(FLOAT_MIN_EXPONENT, fraction, 0, out, at);
        }
        int q = biasedExponent + FLOAT_MIN_EXPONENT - 1;
        int c = fraction | 1 << (FLOAT_PRECISION - 1);
        // an integer below 2²⁴ is its own shortest decimal
        if (0 < -q && -q < FLOAT_PRECISION && (c & ((1 << -q) - 1)) == 0) {
            return digits(c >> -q, 0, out, at);
        }
        return floatDecimal(q, c, 0, out, at);
    }

    /**
     * The decimal for c·2^q: its rounding interval is [c − ½, c + ½]·2^q (c − ¼ below a power of two, whose
     * lower neighbour is closer), closed when c is even. Everything is scaled by 4 (cb) and by 10⁻ᵏ, k chosen so
     * that s = ⌊v·10⁻ᵏ⌋ has the full precision's digits; the scaled bounds come from one 126-bit product each.
     * A multiple of 10 in the interval (one digit less) wins if it is alone there; otherwise s or s + 1,
     * whichever is in the interval, or the closer one (ties to even) when both are.
     */
    private static int doubleDecimal(int q, long c, int dk, byte[] out, int at) {
        int odd = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != 1L << (DOUBLE_PRECISION - 1) || q == DOUBLE_MIN_EXPONENT) {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        } else {
            cbl = cb - 1;
            k = floorLog10ThreeQuartersPow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 2;
        long g1 = G[2 * (k - K_MIN)];
        long g0 = G[2 * (k - K_MIN) + 1];
        long vb = scaled(g1, g0, cb << h);
        long vbl = scaled(g1, g0, cbl << h);
        long vbr = scaled(g1, g0, cbr << h);
        return choose(vb, vbl, vbr, odd, k + dk, out, at);
    }

    /** As {@link #doubleDecimal}, with the high 63 bits of g (rounded up) enough for float's 24 bits. */
    private static int floatDecimal(int q, int c, int dk, byte[] out, int at) {
        int odd = c & 1;
        long cb = (long) c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != 1 << (FLOAT_PRECISION - 1) || q == FLOAT_MIN_EXPONENT) {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        } else {
            cbl = cb - 1;
            k = floorLog10ThreeQuartersPow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 33;
        long g = G[2 * (k - K_MIN)] + 1;
        long vb = scaled(g, cb << h);
        long vbl = scaled(g, cbl << h);
        long vbr = scaled(g, cbr << h);
        return choose(vb, vbl, vbr, odd, k + dk, out, at);
    }

    /** Picks the digits from the scaled value vb and bounds vbl, vbr (all ×4), as {@link #doubleDecimal} says. */
    private static int choose(long vb, long vbl, long vbr, int odd, int k, byte[] out, int at) {
        long s = vb >> 2;
        if (s >= 100) {
            long down = s / 10 * 10;
            long up = down + 10;
            boolean downInside = vbl + odd <= down << 2;
            boolean upInside = (up << 2) + odd <= vbr;
            if (downInside != upInside) {
                return digits(downInside ? down : up, k, out, at);
            }
        }
        long t = s + 1;
        boolean sInside = vbl + odd <= s << 2;
        boolean tInside = (t << 2) + odd <= vbr;
        if (sInside != tInside) {
            return digits(sInside ? s : t, k, out, at);
        }
        long fromMiddle = vb - (s + t << 1);
        return digits(fromMiddle < 0 || fromMiddle == 0 && (s & 1) == 0 ? s : t, k, out, at);
    }

    /** ⌊g·cp / 2¹²⁷⌋ for g = g1·2⁶³ + g0, its lowest bit set when the division leaves a remainder. */
    private static long scaled(long g1, long g0, long cp) {
        long low = Math.multiplyHigh(g0, cp);
        long middle = g1 * cp;
        long high = Math.multiplyHigh(g1, cp);
        long sum = (middle >>> 1) + low;
        long quotient = high + (sum >>> 63);
        return quotient | ((sum & MASK_63) + MASK_63) >>> 63;
    }

    /** ⌊g·cp / 2⁹⁵⌋ for a 63-bit g, its lowest bit set when bits below are not all zero. */
    private static long scaled(long g, long cp) {
        long high = Math.multiplyHigh(g, cp);
        return high >>> 31 | ((high & MASK_32) + MASK_32) >>> 32;
    }

    /**
     * Writes f·10ᵉ (f &gt; 0, at most 17 digits) as Java does: with D the digits of f without trailing zeros and
     * v = 0.D·10ᴱ, plain for 0 &lt; E ≤ 7 ({@code 12.5}, {@code 100.0}), {@code 0.00D} for −3 &lt; E ≤ 0, else
     * {@code D₁.D₂…E(E−1)}; always at least one digit after the point. The digits are padded with zeros to nine
     * (a float's, up to 10⁹) or seventeen and written as the first alone and blocks of eight, each block one 8-byte
     * store; the text ends after the last significant digit, found from the zero bytes of the last nonzero block.
     * No loop runs as many times as there are digits or zeros, so no branch depends on the value's digits. May write
     * zeros past the returned index, never past {@code at + MAX_LENGTH} counting the sign.
     */
    private static int digits(long f, int e, byte[] out, int at) {
        int length = floorLog10Pow2(Long.SIZE - Long.numberOfLeadingZeros(f));
        if (f >= POWERS_OF_TEN[length]) {
            length++;
        }
        int point = e + length;
        int first;
        long middle;
        long last;
        int significant;
        if (f < 10 * EIGHT_DIGITS) {
            // every float's decimal: one block
            int padded = (int) (f * POWERS_OF_TEN[9 - length]);
            first = padded / (int) EIGHT_DIGITS;
            middle = eightDigits(padded - first * (int) EIGHT_DIGITS);
            last = 0;
            significant = middle != 0 ? 9 - (Long.numberOfLeadingZeros(middle) >>> 3) : 1;
        } else {
            long padded = f * POWERS_OF_TEN[DIGITS - length];
            long high = padded / EIGHT_DIGITS;
            first = (int) (high / EIGHT_DIGITS);
            middle = eightDigits((int) (high - first * EIGHT_DIGITS));
            last = eightDigits((int) (padded - high * EIGHT_DIGITS));
            // the padding zeros are the high bytes of the last nonzero block
            significant = last != 0 ? DIGITS - (Long.numberOfLeadingZeros(last) >>> 3)
                    : middle != 0 ? DIGITS - 8 - (Long.numberOfLeadingZeros(middle) >>> 3) : 1;
        }
        middle += ASCII_ZEROS;
        last += ASCII_ZEROS;
        if (0 < point && point <= 7) {
            // the digits from at + 1, then the first `point` of them one place back and the point after them
            out[at + 1] = (byte) ('0' + first);
            LONG_LITTLE_ENDIAN.set(out, at + 2, middle);
            LONG_LITTLE_ENDIAN.set(out, at + 10, last);
            long integer = (1L << 8 * point) - 1;
            long shifted = (long) LONG_LITTLE_ENDIAN.get(out, at + 1) & integer
                    | (long) '.' << 8 * point
                    | (long) LONG_LITTLE_ENDIAN.get(out, at) & ~(integer << 8 | 0xff);
            LONG_LITTLE_ENDIAN.set(out, at, shifted);
            return at + point + 1 + Math.max(1, significant - point);
        }
        if (-3 < point && point <= 0) {
            INT_LITTLE_ENDIAN.set(out, at, ZERO_POINT_ZEROS);
            int from = at + 2 - point;
            out[from] = (byte) ('0' + first);
            LONG_LITTLE_ENDIAN.set(out, from + 1, middle);
            LONG_LITTLE_ENDIAN.set(out, from + 9, last);
            return from + significant;
        }
        out[at] = (byte) ('0' + first);
        out[at + 1] = '.';
        LONG_LITTLE_ENDIAN.set(out, at + 2, middle);
        LONG_LITTLE_ENDIAN.set(out, at + 10, last);
        at += 1 + Math.max(2, significant);
        out[at++] = 'E';
        int scientific = point - 1;
        if (scientific < 0) {
            out[at++] = '-';
            scientific = -scientific;
        }
        if (scientific >= 100) {
            out[at++] = (byte) ('0' + scientific / 100);
        }
        if (scientific >= 10) {
            out[at++] = (byte) ('0' + scientific / 10 % 10);
        }
        out[at++] = (byte) ('0' + scientific % 10);
        return at;
    }

    /**
     * The eight decimal digits of {@code value} (below 10⁸) as the bytes of a long, the first digit in the lowest
     * byte, each digit's value (not yet ASCII): split into two halves of four digits, each into two pairs, each pair
     * into two digits, every lane at once, by multiplications that divide exactly in these ranges (x·10486 ≫ 20 =
     * x / 100 for x &lt; 43,699; x·103 ≫ 10 = x / 10 for x &lt; 179).
     */
    static long eightDigits(int value) {
        long halves = value / 10_000 | (long) (value % 10_000) << 32;
        long hundreds = halves * 10_486 >>> 20 & 0x0000_007F_0000_007FL;
        long pairs = hundreds | (halves - 100 * hundreds) << 16;
        long tens = pairs * 103 >>> 10 & 0x000F_000F_000F_000FL;
        return tens | (pairs - 10 * tens) << 8;
    }

    private static int zero(byte[] out, int at) {
        out[at] = '0';
        out[at + 1] = '.';
        out[at + 2] = '0';
        return at + 3;
    }

    /** ⌊e·log₁₀2⌋ for |e| ≤ 5,000 (checked against exact arithmetic in the tests). */
    static int floorLog10Pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** ⌊e·log₁₀2 + log₁₀¾⌋ for |e| ≤ 5,000. */
    static int floorLog10ThreeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** ⌊e·log₂10⌋ for |e| ≤ 1,500. */
    static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    private static long[] scaledPowersOfTen() {
        long[] table = new long[2 * (K_MAX - K_MIN + 1)];
        for (int k = K_MIN; k <= K_MAX; k++) {
            int shift = 125 - floorLog2Pow10(-k);
            BigInteger beta;
            if (k <= 0) {
                BigInteger power = BigInteger.TEN.pow(-k);
                beta = shift >= 0 ? power.shiftLeft(shift) : power.shiftRight(-shift);
            } else {
                beta = BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(k));
            }
            BigInteger g = beta.add(BigInteger.ONE);
            table[2 * (k - K_MIN)] = g.shiftRight(63).longValueExact();
            table[2 * (k - K_MIN) + 1] = g.longValue() & MASK_63;
        }
        return table;
    }
}
