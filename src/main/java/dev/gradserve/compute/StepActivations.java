package dev.gradserve.compute;

/**
 * σ and tanh over a run of a recurrent step's values (one example's gates, or its cell state), written into another
 * array. float64 is {@code 1 / (1 + Math.exp(−z))} and {@link Math#tanh} element by element, as everywhere else.
 * float32 rounds every result to float, so it needs far less than {@link Math#exp}'s precision and none of its cost
 * (a call per element, and in JDK 17 {@link Math#tanh} is a native call): both come from q = e^{a·z} − 1, computed in
 * short arithmetic loops that the JIT compiles to vector instructions, with σ(z) = 1 / (2 + q) for a = −1 and
 * tanh(z) = −q / (2 + q) for a = −2.
 *
 * <p>e^y − 1 is the Taylor series of y/256 to degree 14 (truncation below 1e−17 for |y| ≤ 110), doubled eight times by
 * e^{2y} − 1 = q·(2 + q). Each doubling at most doubles q's relative error, so q is within about 2^8 ulps (3e−14) of
 * e^y − 1 (checked against {@link Math#expm1}); rounded to float, that is the float σ or tanh rounds to unless the
 * exact value lies within 3e−14 of halfway between two floats (float32's spacing is 6e−8 relative). a·z is clamped to
 * ±110 first: beyond it σ and tanh are 0, ±1 or a value far below float's smallest, so the clamp changes no float.
 */
final class StepActivations {

    private static final double CLAMP = 110;
    private static final double SCALE = 1.0 / 256;

    private final boolean single;
    /** q for the run at hand, as long as the longest run. */
    private final double[] q;

    StepActivations(int longestRun, boolean single) {
        this.single = single;
        this.q = single ? new double[longestRun] : null;
    }

    /** out[to + i] = σ(values[from + i]) for i &lt; length. */
    void sigmoid(double[] values, int from, double[] out, int to, int length) {
        if (!single) {
            for (int i = 0; i < length; i++) {
                out[to + i] = Elementwise.sigmoid(values[from + i]);
            }
            return;
        }
        expm1(values, from, length, -1, q);
        for (int i = 0; i < length; i++) {
            out[to + i] = (float) (1 / (2 + q[i]));
        }
    }

    /** out[to + i] = tanh(values[from + i]) for i &lt; length. */
    void tanh(double[] values, int from, double[] out, int to, int length) {
        if (!single) {
            for (int i = 0; i < length; i++) {
                out[to + i] = Math.tanh(values[from + i]);
            }
            return;
        }
        expm1(values, from, length, -2, q);
        for (int i = 0; i < length; i++) {
            out[to + i] = (float) (-q[i] / (2 + q[i]));
        }
    }

    /**
     * q[i] = e^{a·values[from + i]} − 1 for i &lt; length, with a·z clamped to ±110 (NaN stays NaN). Two loops, each
     * of which the JIT vectorises: the clamp and scale, then the series and the doublings.
     */
    static void expm1(double[] values, int from, int length, double a, double[] q) {
        for (int i = 0; i < length; i++) {
            q[i] = Math.max(-CLAMP, Math.min(CLAMP, a * values[from + i])) * SCALE;
        }
        for (int i = 0; i < length; i++) {
            double s = q[i];
            double p = 1.0 / 87178291200.0;
            p = 1.0 / 6227020800.0 + s * p;
            p = 1.0 / 479001600.0 + s * p;
            p = 1.0 / 39916800.0 + s * p;
            p = 1.0 / 3628800.0 + s * p;
            p = 1.0 / 362880.0 + s * p;
            p = 1.0 / 40320.0 + s * p;
            p = 1.0 / 5040.0 + s * p;
            p = 1.0 / 720.0 + s * p;
            p = 1.0 / 120.0 + s * p;
            p = 1.0 / 24.0 + s * p;
            p = 1.0 / 6.0 + s * p;
            p = 0.5 + s * p;
            p = 1.0 + s * p;
            double e = s * p;
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
