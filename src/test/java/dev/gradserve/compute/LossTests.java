package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradserve.model.Reduction;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each loss held to {@link LossContractTest}, plus the behaviour special to it. */
class LossTests {

    private static final Reducer SUM = new Reducer(Reduction.SUM, 1.0);

    @Nested
    class MeanSquaredErrorTest extends LossContractTest {
        Loss loss(Reducer reducer) {
            return new MeanSquaredError(reducer);
        }

        List<Activation> activations() {
            return List.of(new Identity(), new Sigmoid(), new Tanh(), new Softmax());
        }

        double[][] targets() {
            return new double[][] {{0.1, -0.4, 0.9, 2.0}, {0, 0, 1, 0}, {-1.5, 0.3, 0.2, 0.7}};
        }

        double referenceSum(double[][] z, double[][] a, double[][] t, Activation activation) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    sum += (a[i][j] - t[i][j]) * (a[i][j] - t[i][j]);
                }
            }
            return sum;
        }

        int meanCount() {
            return BATCH * CLASSES;
        }
    }

    @Nested
    class BinaryCrossEntropyTest extends LossContractTest {
        Loss loss(Reducer reducer) {
            return new BinaryCrossEntropy(reducer);
        }

        List<Activation> activations() {
            return List.of(new Sigmoid(), new Softmax());
        }

        double[][] targets() {
            return new double[][] {{1, 0, 1, 0}, {0.25, 0.5, 0, 1}, {0, 0, 1, 1}};
        }

        double referenceSum(double[][] z, double[][] a, double[][] t, Activation activation) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    sum -= t[i][j] * Math.log(a[i][j]) + (1 - t[i][j]) * Math.log(1 - a[i][j]);
                }
            }
            return sum;
        }

        int meanCount() {
            return BATCH * CLASSES;
        }

        @Test
        void staysExactAndFiniteForHugeLogitsAfterSigmoid() {
            INDArray z = matrix(new double[][] {{80, -80, 800, -800}});
            INDArray t = matrix(new double[][] {{1, 1, 0, 0.25}});
            LossResult result = new BinaryCrossEntropy(SUM).evaluate(z, new Sigmoid().forward(z), new Sigmoid(), t);
            double expected = Math.log1p(Math.exp(-80)) + (80 + Math.log1p(Math.exp(-80))) + 800 + 0.25 * 800;
            assertThat(result.value()).isCloseTo(expected, within(1e-12));
            assertThat(NdArrays.doubles(result.dLdZ())).containsExactly(new double[] {-Math.exp(-80) / (1 + Math.exp(-80)),
                1 / (1 + Math.exp(80)) - 1, 1, -0.25}, within(1e-15));
        }

        @Test
        void clampsTheLogarithmsAtMinus100LikePyTorchOnProbabilities() {
            INDArray probabilities = matrix(new double[][] {{0.0, 1.0}});
            INDArray t = matrix(new double[][] {{1, 0}});
            LossResult result = new BinaryCrossEntropy(SUM).evaluate(probabilities, probabilities, new Identity(), t);
            assertThat(result.value()).isEqualTo(200.0);
        }

        @Test
        void refusesOutputsOutsideZeroToOne() {
            INDArray a = matrix(new double[][] {{0.5, 1.7}});
            assertThatThrownBy(() -> new BinaryCrossEntropy(SUM).evaluate(a, a, new Relu(), matrix(new double[][] {{1, 0}})))
                    .isInstanceOf(OutOfDomainException.class).hasMessageContaining("1.7");
        }
    }

    @Nested
    class CrossEntropyWithClassIndicesTest extends LossContractTest {
        Loss loss(Reducer reducer) {
            return new CrossEntropy(reducer);
        }

        /** Softmax uses its own probabilities; identity and tanh outputs are logits. */
        List<Activation> activations() {
            return List.of(new Softmax(), new Identity(), new Tanh());
        }

        double[][] targets() {
            return oneHot(2, 0, 3);
        }

        double referenceSum(double[][] z, double[][] a, double[][] t, Activation activation) {
            double[][] scores = activation instanceof Softmax ? z : a;
            double sum = 0;
            for (int i = 0; i < scores.length; i++) {
                double normaliser = 0;
                for (double s : scores[i]) {
                    normaliser += Math.exp(s);
                }
                for (int j = 0; j < scores[i].length; j++) {
                    sum -= t[i][j] * Math.log(Math.exp(scores[i][j]) / normaliser);
                }
            }
            return sum;
        }

        int meanCount() {
            return BATCH;
        }

        @Test
        void staysExactForLogitsThatWouldOverflowExp() {
            INDArray z = matrix(new double[][] {{1000, 0, -1000, 999}});
            LossResult result = new CrossEntropy(SUM).evaluate(z, new Softmax().forward(z), new Softmax(),
                    matrix(oneHot(3)));
            assertThat(result.value()).isCloseTo(Math.log1p(Math.exp(1)) , within(1e-12));
        }
    }

    @Nested
    class CrossEntropyWithProbabilitiesTest extends CrossEntropyWithClassIndicesTest {
        @Override
        double[][] targets() {
            return new double[][] {{0.1, 0.2, 0.3, 0.4}, {0, 0, 1, 0}, {0.5, 0, 0, 0.5}};
        }
    }

    @Nested
    class MulticlassHingeTest extends LossContractTest {
        Loss loss(Reducer reducer) {
            return new MulticlassHinge(reducer, 0.7);
        }

        List<Activation> activations() {
            return List.of(new Identity(), new Tanh());
        }

        double[][] targets() {
            return oneHot(1, 3, 0);
        }

        double referenceSum(double[][] z, double[][] a, double[][] t, Activation activation) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                int y = 0;
                while (t[i][y] != 1) {
                    y++;
                }
                for (int j = 0; j < a[i].length; j++) {
                    if (j != y) {
                        sum += Math.max(0, a[i][j] - a[i][y] + 0.7);
                    }
                }
            }
            return sum;
        }

        int meanCount() {
            return BATCH;
        }
    }
}
