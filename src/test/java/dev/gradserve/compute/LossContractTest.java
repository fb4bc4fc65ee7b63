package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradserve.model.Reduction;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What every loss must do, in float64, for each output activation it may follow, each reduction
 * and a non-default scale: give the value of a reference written out with plain loops, and a
 * dL/dz that agrees with central finite differences (through the activation, so fused pairs are
 * checked as pairs). Each loss's test extends this.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LossContractTest {

    static final int BATCH = 3;
    static final int CLASSES = 4;
    private static final double EPSILON = 1e-6;

    abstract Loss loss(Reducer reducer);

    /** The output activations this loss is used after. */
    abstract List<Activation> activations();

    /** Targets [BATCH, CLASSES] that suit the loss. */
    abstract double[][] targets();

    /** The sum of the loss terms over the batch, from the outputs a, written out independently. */
    abstract double referenceSum(double[][] z, double[][] a, double[][] t, Activation activation);

    /** The number the mean divides by: elements, or examples. */
    abstract int meanCount();

    Stream<Arguments> cases() {
        return activations().stream().flatMap(activation -> Stream.of(
                Arguments.of(activation, new Reducer(Reduction.MEAN, 1.0)),
                Arguments.of(activation, new Reducer(Reduction.SUM, 1.0)),
                Arguments.of(activation, new Reducer(Reduction.MEAN, 2.5))));
    }

    double[][] logits() {
        Random random = new Random(11);
        double[][] z = new double[BATCH][CLASSES];
        for (double[] row : z) {
            for (int j = 0; j < CLASSES; j++) {
                row[j] = random.nextDouble() * 4 - 2;
            }
        }
        return z;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void valueMatchesAReferenceWrittenOut(Activation activation, Reducer reducer) {
        double[][] z = logits();
        INDArray zArray = matrix(z);
        INDArray a = activation.forward(zArray);
        double expected = reducer.factor(meanCount()) * referenceSum(z, rows(a), targets(), activation);
        double actual = loss(reducer).evaluate(zArray, a, activation, matrix(targets())).value();
        assertThat(actual).isCloseTo(expected, within(1e-13 * Math.max(1, Math.abs(expected))));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientAgreesWithCentralFiniteDifferences(Activation activation, Reducer reducer) {
        double[][] z = logits();
        INDArray zArray = matrix(z);
        double[] analytic = NdArrays.doubles(loss(reducer).evaluate(zArray, activation.forward(zArray), activation,
                matrix(targets())).dLdZ());
        for (int i = 0; i < BATCH; i++) {
            for (int j = 0; j < CLASSES; j++) {
                double original = z[i][j];
                z[i][j] = original + EPSILON;
                double plus = value(z, activation, reducer);
                z[i][j] = original - EPSILON;
                double minus = value(z, activation, reducer);
                z[i][j] = original;
                double numeric = (plus - minus) / (2 * EPSILON);
                assertThat(ActivationContractTest.relativeError(analytic[i * CLASSES + j], numeric))
                        .as("dL/dz[%d][%d]", i, j).isLessThan(1e-6);
            }
        }
    }

    private double value(double[][] z, Activation activation, Reducer reducer) {
        INDArray zArray = matrix(z);
        return loss(reducer).evaluate(zArray, activation.forward(zArray), activation, matrix(targets())).value();
    }

    static INDArray matrix(double[][] values) {
        double[] flat = new double[values.length * values[0].length];
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i], 0, flat, i * values[0].length, values[0].length);
        }
        return Nd4j.create(flat, new long[] {values.length, values[0].length}, DataType.DOUBLE);
    }

    static double[][] rows(INDArray array) {
        double[] flat = NdArrays.doubles(array);
        int columns = (int) array.size(1);
        double[][] rows = new double[flat.length / columns][columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * columns, rows[i], 0, columns);
        }
        return rows;
    }

    /** One-hot rows for class indices. */
    static double[][] oneHot(int... classes) {
        double[][] t = new double[classes.length][CLASSES];
        for (int i = 0; i < classes.length; i++) {
            t[i][classes[i]] = 1;
        }
        return t;
    }
}
