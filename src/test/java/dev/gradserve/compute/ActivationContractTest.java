package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What every activation must do, in float64: match a reference computed independently with
 * {@link Math} (element by element), and have a backward pass that agrees with central finite
 * differences of L = Σ c ⊙ f(z) for random c. Each activation's test extends this.
 */
abstract class ActivationContractTest {

    private static final double EPSILON = 1e-6;

    /** The activation under test. */
    abstract Activation activation();

    /** f(z) for one element, computed without ND4J. */
    abstract double reference(double z);

    /** Inputs where the function is smooth; kinks (e.g. 0 for relu) are left out. */
    double[] inputs() {
        return new double[] {-6.0, -2.5, -1.0, -0.3, -0.01, 0.02, 0.4, 1.1, 2.7, 7.0};
    }

    @Test
    void forwardMatchesAnIndependentReference() {
        double[] z = inputs();
        double[] a = values(activation().forward(row(z)));
        for (int i = 0; i < z.length; i++) {
            assertThat(a[i]).as("f(%s)", z[i]).isCloseTo(reference(z[i]), within(1e-14 * Math.max(1, Math.abs(a[i]))));
        }
    }

    @Test
    void backwardAgreesWithCentralFiniteDifferences() {
        double[] z = inputs();
        double[] c = new Random(7).doubles(z.length, -1, 1).toArray();
        INDArray zArray = row(z);
        double[] analytic = values(activation().backward(zArray, activation().forward(zArray), row(c)));
        for (int i = 0; i < z.length; i++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[i] += EPSILON;
            minus[i] -= EPSILON;
            double numeric = (weightedSum(plus, c) - weightedSum(minus, c)) / (2 * EPSILON);
            assertThat(relativeError(analytic[i], numeric)).as("dL/dz at z = %s", z[i]).isLessThan(1e-6);
        }
    }

    @Test
    void doesNotModifyItsArguments() {
        INDArray z = row(inputs());
        INDArray copy = z.dup();
        INDArray a = activation().forward(z);
        INDArray aCopy = a.dup();
        INDArray dLdA = row(new Random(3).doubles(inputs().length, -1, 1).toArray());
        INDArray dLdACopy = dLdA.dup();
        activation().backward(z, a, dLdA);
        assertThat(z).isEqualTo(copy);
        assertThat(a).isEqualTo(aCopy);
        assertThat(dLdA).isEqualTo(dLdACopy);
    }

    @Test
    void keepsTheDataTypeItIsGiven() {
        INDArray z = row(inputs()).castTo(DataType.FLOAT);
        INDArray a = activation().forward(z);
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(activation().backward(z, a, z).dataType()).isEqualTo(DataType.FLOAT);
    }

    /** L = Σ c ⊙ f(z), through the implementation under test. */
    private double weightedSum(double[] z, double[] c) {
        return activation().forward(row(z)).mul(row(c)).sumNumber().doubleValue();
    }

    static INDArray row(double[] values) {
        return Nd4j.create(values, new long[] {1, values.length}, DataType.DOUBLE);
    }

    static double[] values(INDArray array) {
        return NdArrays.toTensor(array).data();
    }

    /**
     * |analytic − numeric| / max(|analytic|, |numeric|, 10⁻³): below 10⁻³ the rounding error of the
     * finite difference (about 10⁻¹⁶·|L| / ε) dominates, so small gradients are held to an absolute 10⁻⁹.
     */
    static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), 1e-3);
    }
}
