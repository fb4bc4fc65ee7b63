package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax is not elementwise: f(z)_i depends on the whole row. The contract still holds (its
 * finite-difference check perturbs one element and sums over the row); the reference here is
 * for a single row.
 */
class SoftmaxTest extends ActivationContractTest {

    @Override
    Activation activation() {
        return new Softmax();
    }

    /** Unused: {@link #forwardMatchesAnIndependentReference} is overridden for the row-wise function. */
    @Override
    double reference(double z) {
        throw new UnsupportedOperationException();
    }

    @Override
    @Test
    void forwardMatchesAnIndependentReference() {
        double[] z = inputs();
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v);
        }
        double[] a = values(activation().forward(row(z)));
        for (int i = 0; i < z.length; i++) {
            assertThat(a[i]).isCloseTo(Math.exp(z[i]) / sum, within(1e-15));
        }
    }

    @Test
    void eachRowOfABatchIsNormalisedOnItsOwnAndLargeScoresDoNotOverflow() {
        INDArray z = Nd4j.create(new double[] {1000, 1001, 1002, -5, 0, 5}, new long[] {2, 3}, DataType.DOUBLE);
        double[] a = values(activation().forward(z));
        assertThat(a[0] + a[1] + a[2]).isCloseTo(1, within(1e-15));
        assertThat(a[3] + a[4] + a[5]).isCloseTo(1, within(1e-15));
        assertThat(a[2]).isCloseTo(Math.exp(2) / (1 + Math.exp(1) + Math.exp(2)), within(1e-15));
    }
}
