package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link Fdlibm}'s tanh and expm1 are {@link StrictMath}'s, bit for bit (NaN for NaN), over every kind of double: random
 * bit patterns (subnormals, NaNs, infinities and all exponents), the ranges the float64 recurrent layers and ELU use,
 * and both sides of every threshold the algorithms branch on.
 */
class FdlibmTest {

    /** High words fdlibm's tanh and expm1 compare |x| with. */
    private static final int[] THRESHOLDS = {0x3c800000, 0x3c900000, 0x3fd62e42, 0x3fe00000, 0x3ff00000, 0x3FF0A2B2,
            0x40360000, 0x4043687A, 0x40862E42, 0x7fefffff, 0x7ff00000};

    @Test
    void tanhIsStrictMathsBitForBit() {
        assertSame(Fdlibm::tanh, StrictMath::tanh, inputs(30));
    }

    /**
     * The form over runs, as a recurrent step calls it (32 runs of 64 values, 96 apart, in and out at other offsets),
     * over the same inputs: each value StrictMath's tanh of its input, and nothing between the runs written.
     */
    @Test
    void tanhOverRunsIsStrictMathsBitForBit() {
        double[] specials = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 22, -22, Math.nextDown(22.0), Double.MAX_VALUE,
                -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1, -1, Math.nextDown(1.0)};
        double[] random = inputs(30);
        double[] inputs = java.util.Arrays.copyOf(specials, specials.length + random.length);
        System.arraycopy(random, 0, inputs, specials.length, random.length);
        int rows = 32;
        int length = 64;
        int stride = 96;
        Fdlibm.Scratch scratch = new Fdlibm.Scratch(rows * length);
        double[] values = new double[5 + rows * stride];
        double[] out = new double[3 + rows * stride];
        int differing = 0;
        int untouched = 0;
        String first = null;
        for (int start = 0; start < inputs.length; start += rows * length) {
            for (int i = 0; i < rows * length; i++) {
                values[5 + i / length * stride + i % length] = inputs[(start + i) % inputs.length];
            }
            java.util.Arrays.fill(out, 42.0);
            Fdlibm.tanh(values, 5, stride, rows, length, out, 3, scratch);
            for (int at = 0; at < out.length - 3; at++) {
                if (at % stride >= length) {
                    untouched += out[3 + at] == 42.0 ? 0 : 1;
                    continue;
                }
                double x = values[5 + at];
                double expected = StrictMath.tanh(x);
                double actual = out[3 + at];
                boolean same = Double.isNaN(expected) ? Double.isNaN(actual)
                        : Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual);
                if (!same) {
                    differing++;
                    first = first != null ? first : x + ": " + actual + " instead of " + expected;
                }
            }
        }
        assertThat(differing).as("inputs out of %d with another result, first %s", inputs.length, first).isZero();
        assertThat(untouched).as("values written between the runs").isZero();

        double[] inPlace = specials.clone(); // one run, its results over its values
        Fdlibm.tanh(inPlace, 0, inPlace.length, 1, inPlace.length, inPlace, 0, scratch);
        for (int i = 0; i < specials.length; i++) {
            assertThat(Double.doubleToRawLongBits(inPlace[i])).as("tanh(%s) in place", specials[i])
                    .isEqualTo(Double.doubleToRawLongBits(StrictMath.tanh(specials[i])));
        }
    }

    @Test
    void expm1IsStrictMathsBitForBit() {
        assertSame(Fdlibm::expm1, StrictMath::expm1, inputs(60));
    }

    @Test
    void specialValues() {
        assertThat(Fdlibm.tanh(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Fdlibm.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Fdlibm.tanh(Double.NaN)).isNaN();
        assertThat(Double.doubleToRawLongBits(Fdlibm.tanh(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Fdlibm.expm1(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Fdlibm.expm1(710)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Fdlibm.tanh(0.5)).isEqualTo(0.46211715726000974); // tanh(1/2) = (e − 1) / (e + 1)
    }

    private static double[] inputs(double range) {
        SplittableRandom random = new SplittableRandom(5);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(random.nextDouble(-range, range));
            values.add(random.nextDouble(-1, 1) * Math.pow(2, -random.nextInt(60)));
        }
        for (int threshold : THRESHOLDS) {
            for (long low : new long[] {0, 1, 0x7fffffffL, 0xffffffffL}) {
                double at = Double.longBitsToDouble((long) threshold << 32 | low);
                for (double x : new double[] {Math.nextDown(at), at, Math.nextUp(at)}) {
                    values.add(x);
                    values.add(-x);
                }
            }
        }
        for (int k = -60; k <= 60; k++) { // every reduction k near its rounding boundaries (k ± 1/2)·ln 2
            for (double offset = -0.5; offset <= 0.5; offset += 0.125) {
                values.add((k + offset) * Math.log(2));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertSame(DoubleUnaryOperator ours, DoubleUnaryOperator strict, double[] inputs) {
        int differing = 0;
        String first = null;
        for (double x : inputs) {
            double expected = strict.applyAsDouble(x);
            double actual = ours.applyAsDouble(x);
            boolean same = Double.isNaN(expected) ? Double.isNaN(actual)
                    : Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual);
            if (!same) {
                differing++;
                if (first == null) {
                    first = x + " (" + Long.toHexString(Double.doubleToRawLongBits(x)) + "): " + actual + " instead of "
                            + expected;
                }
            }
        }
        assertThat(differing).as("inputs out of %d with another result, first %s", inputs.length, first).isZero();
    }
}
