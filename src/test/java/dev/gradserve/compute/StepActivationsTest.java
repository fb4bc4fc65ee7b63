package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link StepActivations}: in float64 exactly the σ and tanh of {@link Math}; in float32 the floats those round to,
 * from a vectorised e^y − 1 that must stay within 4e−14 of {@link Math#expm1} (the worst measured is 3.2e−14).
 */
class StepActivationsTest {

    @Test
    void expm1IsWithin4e14OfMathExpm1FromTheSmallestFloatsToTheClamp() {
        double worst = 0;
        double[] y = new double[1];
        double[] q = new double[1];
        for (double magnitude = 1.4e-45; magnitude <= 110; magnitude *= 1.001) {
            for (double value : new double[] {magnitude, -magnitude}) {
                y[0] = value;
                StepActivations.expm1(y, 0, 1, 1, 1, 1, q);
                double exact = Math.expm1(value);
                worst = Math.max(worst, Math.abs(q[0] - exact) / Math.abs(exact));
            }
        }
        assertThat(worst).isLessThan(4e-14).isGreaterThan(0);
    }

    @Test
    void float32RoundsToTheFloatsOfMathExpAndMathTanh() {
        Random random = new Random(5);
        int count = 200_000;
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextGaussian();
                case 1 -> random.nextGaussian() * 8;
                case 2 -> random.nextDouble() * 240 - 120;
                default -> random.nextGaussian() * 1e-6;
            };
            values[i] = (float) value; // float32 layers only ever hold floats
        }
        StepActivations single = new StepActivations(count, true);
        double[] sigmoid = new double[count];
        double[] tanh = new double[count];
        single.sigmoid(values, 0, sigmoid, 0, count, 1, count);
        single.tanh(values, 0, tanh, 0, 1000, count / 1000, 1000);
        for (int i = 0; i < count; i++) {
            assertThat(sigmoid[i]).as("σ(%s)", values[i]).isEqualTo((float) (1 / (1 + Math.exp(-values[i]))));
            assertThat(tanh[i]).as("tanh(%s)", values[i]).isEqualTo((float) Math.tanh(values[i]));
        }
    }

    @Test
    void float64IsMathExpAndMathTanhExactly() {
        Random random = new Random(6);
        double[] values = random.doubles(10_000, -40, 40).toArray();
        StepActivations exact = new StepActivations(values.length, false);
        double[] sigmoid = new double[values.length];
        double[] tanh = new double[values.length];
        exact.sigmoid(values, 0, sigmoid, 0, values.length, 1, values.length);
        exact.tanh(values, 0, tanh, 0, 100, values.length / 100, 100);
        for (int i = 0; i < values.length; i++) {
            assertThat(sigmoid[i]).isEqualTo(1 / (1 + Math.exp(-values[i])));
            assertThat(tanh[i]).isEqualTo(Math.tanh(values[i]));
        }
    }

    @Test
    void readsAndWritesOnlyTheRunsAtTheOffsetsAndStrideGivenInBothPrecisions() {
        double[] values = {9, 0.5, -2, 9, 9, 1, 3, 9};
        for (boolean single : new boolean[] {true, false}) {
            DoubleUnaryOperator round = v -> single ? (float) v : v;
            StepActivations activations = new StepActivations(4, single);
            double[] out = {7, 7, 7, 7, 7, 7, 7, 7, 7};
            activations.sigmoid(values, 1, out, 2, 4, 2, 2);
            assertThat(out).as("single %s", single).containsExactly(7, 7, round.applyAsDouble(1 / (1 + Math.exp(-0.5))),
                    round.applyAsDouble(1 / (1 + Math.exp(2))), 7, 7, round.applyAsDouble(1 / (1 + Math.exp(-1))),
                    round.applyAsDouble(1 / (1 + Math.exp(-3))), 7);
            activations.tanh(values, 1, out, 0, 4, 2, 2);
            assertThat(out).as("single %s", single).startsWith(round.applyAsDouble(Math.tanh(0.5)),
                    round.applyAsDouble(Math.tanh(-2)), out[2], out[3], round.applyAsDouble(Math.tanh(1)),
                    round.applyAsDouble(Math.tanh(3)), out[6], out[7], 7);
        }
    }

    @Test
    void keepsSignedZeroSaturatesAtTheExtremesAndPassesNaNInBothPrecisions() {
        double[] values = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300, Double.NaN};
        for (boolean single : new boolean[] {true, false}) {
            StepActivations activations = new StepActivations(values.length, single);
            double[] sigmoid = new double[values.length];
            double[] tanh = new double[values.length];
            activations.sigmoid(values, 0, sigmoid, 0, values.length, 1, values.length);
            activations.tanh(values, 0, tanh, 0, values.length, 1, values.length);
            assertThat(sigmoid).as("σ, single %s", single).containsExactly(0.5, 0.5, 1, 0, 1, 0, Double.NaN);
            assertThat(tanh).as("tanh, single %s", single).containsExactly(0.0, -0.0, 1, -1, 1, -1, Double.NaN);
            assertThat(1 / tanh[1]).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(1 / tanh[0]).isEqualTo(Double.POSITIVE_INFINITY);
        }
    }
}
