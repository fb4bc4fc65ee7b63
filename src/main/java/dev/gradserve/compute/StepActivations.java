package dev.gradserve.compute;

/**
 * σ and tanh over a run of a recurrent step's values (one example's gates, or its cell state), written into another
 * array. float64 is {@code 1 / (1 + Math.exp(−z))} element by element and {@link Fdlibm#tanh} (JDK 17's {@link Math#tanh},
 * bit for bit, without its native call) over the runs, as everywhere else.
 * float32 rounds every result to float, so it needs far less than {@link Math#exp}'s precision and none of its cost
 * (a call per element, and in JDK 17 {@link Math#tanh} is a native call): both come from q = e^{a·z} − 1, computed in
 * short arithmetic loops that the JIT compiles to vector instructions, with σ(z) = 1 / (2 + q) for a = −1 and
 * tanh(z) = −q / (2 + q) for a = −2.
 *
 * <p>e^y − 1 is the Taylor series of y/256 to degree 14 (truncation below 1e−17 for |y| ≤ 110), doubled eight times by
 * e^{2y} − 1 = q·(2 + q). Each doubling at most doubles q's relative error, so q is within about 2^8 ulps of e^y − 1
 * (3.2e−14 at worst against {@link Math#expm1}, checked from 1e−45 to the clamp); rounded to float, that is the float
 * σ or tanh rounds to unless the exact value lies within 4e−14 of halfway between two floats (float32's spacing is
 * 6e−8 relative). a·z is clamped to ±110 first: beyond it σ and tanh are 0, ±1 or a value far below float's
 * smallest, so the clamp changes no float. In one loop on this machine's AVX2, e^y − 1 takes 3.3–4.4 ns an element
 * (7–8 with Horner's order without fma, 12–15 as one loop); σ from {@link Math#exp} 9–11 ns.
 */
final class StepActivations {

    private static final double CLAMP = 110;
    private static final double SCALE = 1.0 / 256;
    /** Tj = 1/(j+1)!: the series of (e^s − 1)/s. */
    private static final double T0 = 1;
    private static final double T1 = 1.0 / 2;
    private static final double T2 = 1.0 / 6;
    private static final double T3 = 1.0 / 24;
    private static final double T4 = 1.0 / 120;
    private static final double T5 = 1.0 / 720;
    private static final double T6 = 1.0 / 5040;
    private static final double T7 = 1.0 / 40320;
    private static final double T8 = 1.0 / 362880;
    private static final double T9 = 1.0 / 3628800;
    private static final double T10 = 1.0 / 39916800;
    private static final double T11 = 1.0 / 479001600;
    private static final double T12 = 1.0 / 6227020800L;
    private static final double T13 = 1.0 / 87178291200L;

    private final boolean single;
    /** q for the runs at hand, as long as the most a call takes. */
    private final double[] q;
    /** float64 tanh's arrays. */
    private final Fdlibm.Scratch scratch;

    /** @param most the most values one call takes (rows × length) */
    StepActivations(int most, boolean single) {
        this.single = single;
        this.q = single ? new double[most] : null;
        this.scratch = single ? null : new Fdlibm.Scratch(most);
    }

    /**
     * σ of rows runs of {@code length} values, {@code stride} apart (one run per example of a step's block):
     * out[to + r·stride + i] = σ(values[from + r·stride + i]) for r &lt; rows, i &lt; length.
     */
    void sigmoid(double[] values, int from, double[] out, int to, int stride, int rows, int length) {
        if (single) {
            expm1(values, from, stride, rows, length, -1, q);
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < length; i++) {
                out[to + r * stride + i] = single ? (float) (1 / (2 + q[r * length + i]))
                        : Elementwise.sigmoid(values[from + r * stride + i]);
            }
        }
    }

    /** tanh of runs, as {@link #sigmoid} takes them. */
    void tanh(double[] values, int from, double[] out, int to, int stride, int rows, int length) {
        if (!single) {
            Fdlibm.tanh(values, from, stride, rows, length, out, to, scratch);
            return;
        }
        expm1(values, from, stride, rows, length, -2, q);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < length; i++) {
                out[to + r * stride + i] = (float) (-q[r * length + i] / (2 + q[r * length + i]));
            }
        }
    }

    /**
     * q[r·length + i] = e^{a·values[from + r·stride + i]} − 1, with a·z clamped to ±110 (NaN stays NaN). Three loops,
     * each of which the JIT vectorises (as one loop it does not): the clamp and scale, run by run into q; then over
     * all of q at once the series, in Estrin's order with fused multiply-adds (a dependency chain of 6 operations
     * instead of Horner's 28: 2× as fast as Horner without fma in one loop), and the doublings.
     */
    static void expm1(double[] values, int from, int stride, int rows, int length, double a, double[] q) {
        for (int r = 0; r < rows; r++) {
            int at = from + r * stride;
            int into = r * length;
            for (int i = 0; i < length; i++) {
                q[into + i] = Math.max(-CLAMP, Math.min(CLAMP, a * values[at + i])) * SCALE;
            }
        }
        int count = rows * length;
        for (int i = 0; i < count; i++) {
            double s = q[i];
            double s2 = s * s;
            double s4 = s2 * s2;
            // Σ_{k=1..14} s^k / k! = s·(T0 + T1·s + … + T13·s^13), Tj = 1/(j+1)!, paired and combined by powers of s
            double p01 = Math.fma(T1, s, T0);
            double p23 = Math.fma(T3, s, T2);
            double p45 = Math.fma(T5, s, T4);
            double p67 = Math.fma(T7, s, T6);
            double p89 = Math.fma(T9, s, T8);
            double p1011 = Math.fma(T11, s, T10);
            double p1213 = Math.fma(T13, s, T12);
            double p03 = Math.fma(p23, s2, p01);
            double p47 = Math.fma(p67, s2, p45);
            double p811 = Math.fma(p1011, s2, p89);
            double p07 = Math.fma(p47, s4, p03);
            double p813 = Math.fma(p1213, s4, p811);
            q[i] = s * Math.fma(p813, s4 * s4, p07);
        }
        for (int i = 0; i < count; i++) {
            double e = q[i];
            e = e * (2 + e);
            e = e * (2 + e);
            e = e * (2 + e);
            e = e * (2 + e);
            e = e * (2 + e);
            e = e * (2 + e);
            e = e * (2 + e);
            e = e * (2 + e);
            q[i] = e;
        }
    }
}
