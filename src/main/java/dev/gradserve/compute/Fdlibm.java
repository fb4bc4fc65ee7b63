package dev.gradserve.compute;

/**
 * tanh and e^x − 1 exactly as {@link StrictMath} computes them (fdlibm 5.3, which JDK 17's {@link Math#tanh} and
 * {@link Math#expm1} call too), in Java: JDK 17 makes each of them a native call, 30 and 19 ns here, which was about
 * a quarter of the float64 lstm's pass (two tanh per unit and step). Written from fdlibm's {@code s_tanh.c} and
 * {@code s_expm1.c}; the tests hold every result to {@link StrictMath}'s, bit for bit.
 *
 * <p>Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunSoft, a Sun Microsystems, Inc.
 * business. Permission to use, copy, modify, and distribute this software is freely granted, provided that this
 * notice is preserved.
 */
final class Fdlibm {

    private static final double HUGE = 1.0e+300;
    private static final double TINY = 1.0e-300;
    private static final double OVERFLOW_THRESHOLD = 7.09782712893383973096e+02;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    /** Scaled coefficients of e^x − 1's rational approximation on [−0.5 ln 2, 0.5 ln 2]. */
    private static final double Q1 = -3.33333333333331316428e-02;
    private static final double Q2 = 1.58730158725481460165e-03;
    private static final double Q3 = -7.93650757867487942473e-05;
    private static final double Q4 = 4.00821782732936239552e-06;
    private static final double Q5 = -2.01099218183624371326e-07;

    private Fdlibm() {}

    /**
     * tanh(x) = (e^{2x} − 1) / (e^{2x} + 1): for |x| &lt; 1, −t / (t + 2) with t = expm1(−2|x|); for 1 ≤ |x| &lt; 22,
     * 1 − 2 / (t + 2) with t = expm1(2|x|); x·(1 + x) below 2⁻⁵⁵; ±1 from 22 on; NaN stays NaN.
     */
    static double tanh(double x) {
        int high = high(x);
        int magnitude = high & 0x7fffffff;
        if (magnitude >= 0x7ff00000) {
            return high >= 0 ? 1 / x + 1 : 1 / x - 1;
        }
        double z;
        if (magnitude < 0x40360000) {
            if (magnitude < 0x3c800000) {
                return x * (1 + x);
            }
            if (magnitude >= 0x3ff00000) {
                double t = expm1(2 * Math.abs(x));
                z = 1 - 2 / (t + 2);
            } else {
                double t = expm1(-2 * Math.abs(x));
                z = -t / (t + 2);
            }
        } else {
            z = 1 - TINY;
        }
        return high >= 0 ? z : -z;
    }

    /** Room for one call of {@link #tanh(double[], int, int, int, int, double[], int, Scratch)}. */
    static final class Scratch {

        private final double[] x;
        /** 1 where |x| &lt; 1, else 0. */
        private final double[] below1;
        private final double[] r;
        private final double[] c;
        private final double[] e;
        private final int[] k;

        /** @param most the most values one call takes (rows × length) */
        Scratch(int most) {
            x = new double[most];
            below1 = new double[most];
            r = new double[most];
            c = new double[most];
            e = new double[most];
            k = new int[most];
        }
    }

    /**
     * {@link #tanh(double)} of rows runs of {@code length} values, {@code stride} apart: out[to + r·stride + i] =
     * tanh(values[from + r·stride + i]), bit for bit: the same operations, in loops over all the values, so that which
     * of fdlibm's cases a value takes is not a branch the processor must guess one value at a time. A recurrent
     * step's values fall below and above |x| = ln 2 / 4, where e^{−2|x|} − 1 changes its case, about as often (49% and
     * 43% in the lstm benchmark's pass, most of the rest below |x| = 1): one at a time, that branch and the next
     * mispredict often. Here e^a − 1's argument reduction picks k by integer masks; its rational approximation and
     * tanh's division are plain arithmetic, which the JIT compiles to vector instructions; the reconstruction computes
     * each case of k's sign and keeps one by masks. 13 against 18 ns a value on fresh values in a loop here; the float64
     * lstm's pass 0.91–0.95× as long. Values tanh answers at once (±0, |x| &lt; 2⁻⁵⁵, |x| ≥ 22, ±∞, NaN) are done one
     * at a time afterwards.
     */
    static void tanh(double[] values, int from, int stride, int rows, int length, double[] out, int to, Scratch s) {
        int count = rows * length;
        boolean anyAtOnce = false;
        for (int row = 0, i = 0; row < rows; row++) {
            for (int j = 0, at = from + row * stride; j < length; j++, i++) {
                double v = values[at + j];
                s.x[i] = v;
                int magnitude = high(v) & 0x7fffffff;
                anyAtOnce |= magnitude >= 0x40360000 || magnitude < 0x3c800000;
                int below1 = (magnitude - 0x3ff00000) >> 31; // −1 when |x| < 1
                s.below1[i] = below1 & 1;
                // e^a − 1 with a = −2|x| below 1, 2|x| from 1 on (< 44: no overflow, k < 64)
                double a = Double.longBitsToDouble(Double.doubleToRawLongBits(2 * Math.abs(v)) | ((long) below1 & SIGN));
                int aMagnitude = high(a) & 0x7fffffff;
                int atMostHalfLn2 = (aMagnitude - 0x3fd62e43) >> 31; // k = 0
                int belowOneAndHalfLn2 = (aMagnitude - 0x3FF0A2B2) >> 31; // k = ±1
                int k = ~atMostHalfLn2 & (belowOneAndHalfLn2 & (below1 | 1)
                        | ~belowOneAndHalfLn2 & (int) (INV_LN2 * a + Math.copySign(0.5, a)));
                // k = 0 leaves a as it is (a − 0·ln2hi − 0·ln2lo), k = ±1 subtracts ±ln 2 in two parts, as fdlibm does
                double t = k;
                double hi = a - t * LN2_HI;
                double lo = t * LN2_LO;
                double r = hi - lo;
                s.r[i] = r;
                s.c[i] = (hi - r) - lo;
                s.k[i] = k;
            }
        }
        for (int i = 0; i < count; i++) {
            double x = s.r[i];
            double hfx = 0.5 * x;
            double hxs = x * hfx;
            double r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
            double t = 3.0 - r1 * hfx;
            s.e[i] = hxs * ((r1 - t) / (6.0 - x * t));
        }
        for (int i = 0; i < count; i++) {
            s.e[i] = reconstruct(s.r[i], s.c[i], s.k[i], s.e[i]);
        }
        for (int i = 0; i < count; i++) {
            // −t / (t + 2) below 1, else 1 − 2 / (t + 2); below1 is 0 or 1, so each product or sum with it is exact
            double t = s.e[i];
            double below1 = s.below1[i];
            double q = (below1 * -t + (1 - below1) * 2) / (t + 2);
            s.e[i] = below1 * q + (1 - below1) * (1 - q);
        }
        for (int row = 0, i = 0; row < rows; row++) {
            for (int j = 0, at = to + row * stride; j < length; j++, i++) {
                out[at + j] = Math.copySign(s.e[i], s.x[i]);
            }
        }
        if (anyAtOnce) { // from the copies of the values: out may be values itself
            for (int row = 0, i = 0; row < rows; row++) {
                for (int j = 0, at = to + row * stride; j < length; j++, i++) {
                    int magnitude = high(s.x[i]) & 0x7fffffff;
                    if (magnitude >= 0x40360000 || magnitude < 0x3c800000) {
                        out[at + j] = tanh(s.x[i]);
                    }
                }
            }
        }
    }

    private static final long SIGN = 0x8000000000000000L;

    /**
     * e^a − 1 for tanh's arguments (k = 0, −1, ≤ −2 or ≥ 3) from the reduced argument x, its error c, k, and e from the
     * rational approximation: {@link #expm1(double)}'s cases computed, the one for k kept, those of a &lt; 0 (|x| &lt; 1)
     * apart from those of a &gt; 0 (a branch that follows the data only as far as |x| crosses 1). 2^k scales exactly
     * here (normal values, k from −3 to 63), as adding k to the exponent does.
     */
    private static double reconstruct(double x, double c, int k, double e) {
        double hxs = x * (0.5 * x);
        if (k <= 0) {
            double y0 = x - (x * e - hxs);
            e = x * (e - c) - c;
            e -= hxs;
            double yMinus1 = 0.5 * (x - e) - 0.5;
            double yFar = (1 - (e - x)) * Double.longBitsToDouble((long) (0x3ff + k) << 52) - 1;
            long bits = select(Double.doubleToRawLongBits(yFar), yMinus1, ~((k + 1 | -(k + 1)) >> 31)); // k = −1
            return Double.longBitsToDouble(select(bits, y0, ~((k | -k) >> 31))); // k = 0
        }
        e = x * (e - c) - c;
        e -= hxs;
        double twoToK = Double.longBitsToDouble((long) (0x3ff + k) << 52);
        double yFar = (1 - (e - x)) * twoToK - 1;
        double yNear = (withHigh(0x3ff00000 - (0x200000 >> k)) - (e - x)) * twoToK;
        double yMid = (x - (e + withHigh((0x3ff - k) << 20)) + 1) * twoToK;
        long bits = select(Double.doubleToRawLongBits(yMid), yNear, (k - 20) >> 31); // k < 20, else 20 ≤ k ≤ 56
        return Double.longBitsToDouble(select(bits, yFar, (56 - k) >> 31)); // k > 56
    }

    /** y's bits where mask is −1, else bits. */
    private static long select(long bits, double y, int mask) {
        long m = mask;
        return Double.doubleToRawLongBits(y) & m | bits & ~m;
    }

    /**
     * e^x − 1: x = k·ln 2 + r with |r| ≤ 0.5 ln 2 (r carried as hi − lo with its rounding error c), e^r − 1 from a
     * rational approximation of r/2·coth(r/2), then scaled by 2^k with care for cancellation.
     */
    static double expm1(double x) {
        int high = high(x);
        boolean negative = high < 0;
        int magnitude = high & 0x7fffffff;
        if (magnitude >= 0x4043687A) { // |x| ≥ 56 ln 2
            if (magnitude >= 0x40862E42) { // |x| ≥ 709.78
                if (magnitude >= 0x7ff00000) {
                    if (((magnitude & 0xfffff) | low(x)) != 0) {
                        return x + x; // NaN
                    }
                    return negative ? -1.0 : x;
                }
                if (x > OVERFLOW_THRESHOLD) {
                    return HUGE * HUGE;
                }
            }
            if (negative && x + TINY < 0.0) {
                return TINY - 1;
            }
        }
        double hi;
        double lo;
        double c = 0;
        int k;
        if (magnitude > 0x3fd62e42) { // |x| > 0.5 ln 2
            if (magnitude < 0x3FF0A2B2) { // and < 1.5 ln 2
                if (!negative) {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                } else {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            } else {
                k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
                double t = k;
                hi = x - t * LN2_HI; // exact
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else if (magnitude < 0x3c900000) { // |x| < 2⁻⁵⁴
            double t = HUGE + x;
            return x - (t - (HUGE + x));
        } else {
            k = 0;
        }
        double hfx = 0.5 * x;
        double hxs = x * hfx;
        double r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        double e = hxs * ((r1 - t) / (6.0 - x * t));
        if (k == 0) {
            return x - (x * e - hxs);
        }
        e = x * (e - c) - c;
        e -= hxs;
        if (k == -1) {
            return 0.5 * (x - e) - 0.5;
        }
        if (k == 1) {
            return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1 + 2.0 * (x - e);
        }
        if (k <= -2 || k > 56) {
            double y = 1 - (e - x);
            return addToExponent(y, k) - 1;
        }
        if (k < 20) {
            double oneMinus = withHigh(0x3ff00000 - (0x200000 >> k)); // 1 − 2⁻ᵏ
            return addToExponent(oneMinus - (e - x), k);
        }
        double twoToMinusK = withHigh((0x3ff - k) << 20);
        double y = x - (e + twoToMinusK);
        y += 1;
        return addToExponent(y, k);
    }

    private static int high(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    private static int low(double x) {
        return (int) Double.doubleToRawLongBits(x);
    }

    /** The double whose high word is {@code high} and low word 0. */
    private static double withHigh(int high) {
        return Double.longBitsToDouble((long) high << 32);
    }

    /** y with k added to its high word's exponent field (fdlibm's {@code __HI(y) += k << 20}). */
    private static double addToExponent(double y, int k) {
        long bits = Double.doubleToRawLongBits(y);
        int high = (int) (bits >>> 32) + (k << 20);
        return Double.longBitsToDouble((long) high << 32 | bits & 0xffffffffL);
    }
}
