package dev.gradserve.training;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Adam}'s update from one version's arrays into another's in one pass of vector instructions, through the
 * incubating Vector API ({@code --add-modules jdk.incubator.vector}): the same IEEE operations in the same order as
 * {@link Adam#update(double[], double[], java.util.Map, long)}, four or more elements at a time, so the same bits.
 *
 * <p>Why: JDK 17's compiler vectorises Adam's loop only in place, and no loop with a rounding to float, so the plain
 * step copies the weights and both buffers into the new version's arrays, updates them in place, then rounds all
 * three in a float32 session: four passes over the MLP's 5.6 MB where this makes one. Only {@link Adam} loads this
 * class, and only where {@link dev.gradserve.compute.VectorApi} says the JVM has the API (without it this class
 * cannot load).
 */
final class VectorAdam {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as DOUBLES has doubles. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private VectorAdam() {}

    /**
     * into = p − stepSize·m′ / (√v′ / correction2Sqrt + ε) with d = g + λp, m′ = β₁m + (1 − β₁)d,
     * v′ = β₂v + (1 − β₂)d² (AMSGrad: v̂′ = max(v̂, v′) in v′'s place), each written rounded to float when
     * {@code single}; p, g, m, v and v̂ are only read. vMax and vMaxInto are null without AMSGrad.
     *
     * @return whether every value written into {@code into} is finite (each, times 0, added up: ±0, or NaN once one
     *         is not; two more operations on values in the registers where a scan of the new weights afterwards
     *         read them all again)
     */
    static boolean update(double stepSize, double correction2Sqrt, double beta1, double beta2, double epsilon,
            double weightDecay, double[] p, double[] g, double[] m, double[] v, double[] vMax, double[] into,
            double[] mInto, double[] vInto, double[] vMaxInto, boolean single) {
        int lanes = DOUBLES.length();
        DoubleVector timesZero = DoubleVector.zero(DOUBLES);
        int i = 0;
        for (; i <= p.length - lanes; i += lanes) {
            DoubleVector pi = DoubleVector.fromArray(DOUBLES, p, i);
            DoubleVector d = DoubleVector.fromArray(DOUBLES, g, i).add(pi.mul(weightDecay));
            DoubleVector mi = DoubleVector.fromArray(DOUBLES, m, i).mul(beta1).add(d.mul(1 - beta1));
            DoubleVector vi = DoubleVector.fromArray(DOUBLES, v, i).mul(beta2).add(d.mul(1 - beta2).mul(d));
            DoubleVector second = vi;
            if (vMax != null) {
                second = DoubleVector.fromArray(DOUBLES, vMax, i).max(vi);
                rounded(second, single).intoArray(vMaxInto, i);
            }
            DoubleVector next = rounded(pi.sub(mi.mul(stepSize).div(second.sqrt().div(correction2Sqrt).add(epsilon))),
                    single);
            next.intoArray(into, i);
            timesZero = timesZero.add(next.mul(0.0));
            rounded(mi, single).intoArray(mInto, i);
            rounded(vi, single).intoArray(vInto, i);
        }
        boolean finite = timesZero.reduceLanes(VectorOperators.ADD) == 0;
        for (; i < p.length; i++) {
            double d = g[i] + weightDecay * p[i];
            double mi = beta1 * m[i] + (1 - beta1) * d;
            double vi = beta2 * v[i] + (1 - beta2) * d * d;
            double second = vi;
            if (vMax != null) {
                second = Math.max(vMax[i], vi);
                vMaxInto[i] = single ? (float) second : second;
            }
            double next = p[i] - stepSize * mi / (Math.sqrt(second) / correction2Sqrt + epsilon);
            into[i] = single ? (float) next : next;
            finite &= Double.isFinite(into[i]);
            mInto[i] = single ? (float) mi : mi;
            vInto[i] = single ? (float) vi : vi;
        }
        return finite;
    }

    /** The values rounded to float (as Java's cast: to nearest, ties to even) when {@code single}. */
    private static DoubleVector rounded(DoubleVector values, boolean single) {
        return single ? (DoubleVector) values.castShape(FLOATS, 0).castShape(DOUBLES, 0) : values;
    }
}
