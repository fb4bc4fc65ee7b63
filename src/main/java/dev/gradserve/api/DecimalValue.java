package dev.gradserve.api;

import java.math.BigInteger;

/**
 * The double nearest to w·10^q for a significand w of at most 19 decimal digits (ties to even), without
 * {@code Double.parseDouble}: Daniel Lemire's algorithm after Michael Eisel ("Number parsing at a gigabyte per
 * second", 2021), as fast_float implements it. w, shifted to its top bit, times a 128-bit approximation of 5^q gives
 * the double's significand in the product's high bits, and Noble Mushtak and Lemire ("Fast number parsing without
 * fallback", 2023) proved that those 128 bits always decide the rounding for such a w, so every answer is the
 * correctly rounded one, the same double {@code Double.parseDouble} gives (checked against it in the tests). Numbers
 * with 17 significant digits, what {@code json.dumps} and numpy's {@code tolist()} write for most doubles, are
 * beyond the exact fast path that needs w below 2⁵³ and |q| ≤ 22; through {@code Double.parseDouble} a body of
 * them took five times as long to read as one with 9-digit numbers.
 */
final class DecimalValue {

    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    private static final int SIGNIFICAND_BITS = 52;
    private static final int EXPONENT_BIAS = 1023;
    private static final int INFINITE_EXPONENT = 0x7ff;
    /**
     * For q in [−342, 308]: 5^q scaled by a power of two into [2¹²⁷, 2¹²⁸), its high 64 bits then its low 64 bits;
     * truncated for q ≥ 0, and for q &lt; 0 one more than the quotient that defines it, as fast_float's table.
     */
    private static final long[] POWERS_OF_FIVE = powersOfFive();

    private DecimalValue() {}

    /** The double nearest to w·10^q, w read as an unsigned 64-bit integer (at most 19 digits). */
    static double of(long w, int q) {
        return Double.longBitsToDouble(bits(w, q));
    }

    private static long bits(long w, int q) {
        if (w == 0 || q < SMALLEST_POWER) {
            return 0;
        }
        if (q > LARGEST_POWER) {
            return (long) INFINITE_EXPONENT << SIGNIFICAND_BITS;
        }
        int leadingZeros = Long.numberOfLeadingZeros(w);
        w <<= leadingZeros;
        int index = 2 * (q - SMALLEST_POWER);
        long high = unsignedMultiplyHigh(w, POWERS_OF_FIVE[index]);
        long low = w * POWERS_OF_FIVE[index];
        if ((high & 0x1ff) == 0x1ff) {
            // the bits below the significand and its rounding bit are all ones: the next 64 bits of 5^q may carry
            long next = unsignedMultiplyHigh(w, POWERS_OF_FIVE[index + 1]);
            low += next;
            if (Long.compareUnsigned(next, low) > 0) {
                high++;
            }
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 64 - SIGNIFICAND_BITS - 3;
        long significand = high >>> shift;
        int exponent = (217_706 * q >> 16) + 63 + upperBit - leadingZeros + EXPONENT_BIAS;
        if (exponent <= 0) {
            // subnormal, or zero
            if (-exponent + 1 >= 64) {
                return 0;
            }
            significand >>>= -exponent + 1;
            significand += significand & 1;
            significand >>>= 1;
            // rounding up may have reached the smallest normal: exponent 1, whose bit the significand now holds
            return significand;
        }
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (significand & 3) == 1
                && significand << shift == high) {
            // exactly halfway between two doubles (possible only where 5^q is exact in 64 bits): to even, down
            significand &= ~1L;
        }
        significand += significand & 1;
        significand >>>= 1;
        if (significand >= 2L << SIGNIFICAND_BITS) {
            significand = 1L << SIGNIFICAND_BITS;
            exponent++;
        }
        significand &= ~(1L << SIGNIFICAND_BITS);
        if (exponent >= INFINITE_EXPONENT) {
            return (long) INFINITE_EXPONENT << SIGNIFICAND_BITS;
        }
        return significand | (long) exponent << SIGNIFICAND_BITS;
    }

    /** The high 64 bits of the unsigned 128-bit product (JDK 18's {@code Math.unsignedMultiplyHigh}). */
    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + (y & x >> 63) + (x & y >> 63);
    }

    private static long[] powersOfFive() {
        long[] table = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];
        BigInteger five = BigInteger.valueOf(5);
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            BigInteger power = five.pow(Math.abs(q));
            BigInteger scaled;
            if (q >= 0) {
                int bits = power.bitLength();
                scaled = bits <= 128 ? power.shiftLeft(128 - bits) : power.shiftRight(bits - 128);
            } else {
                int z = power.bitLength();
                scaled = BigInteger.ONE.shiftLeft(q >= -27 ? z + 127 : 2 * z + 128).divide(power).add(BigInteger.ONE);
                scaled = scaled.shiftRight(Math.max(0, scaled.bitLength() - 128));
            }
            table[2 * (q - SMALLEST_POWER)] = scaled.shiftRight(64).longValue();
            table[2 * (q - SMALLEST_POWER) + 1] = scaled.longValue();
        }
        return table;
    }
}
