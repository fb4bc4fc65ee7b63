package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** conv2d, pooling, flatten and dense on more than two axes, each held to {@link LayerContractTest}. */
class SpatialLayerTests {

    @Nested
    class ConvolutionTest extends LayerContractTest {
        Layer layer() {
            return new Conv2dLayer("conv", new Tanh(), new int[] {3, 3}, new int[] {1, 1}, new int[4]);
        }

        long[] inputShape() {
            return new long[] {2, 3, 6, 5};
        }

        Map<String, long[]> parameterShapes() {
            return Map.of("W", new long[] {4, 3, 3, 3}, "b", new long[] {4});
        }
    }

    @Nested
    class StridedPaddedRectangularConvolutionTest extends LayerContractTest {
        Layer layer() {
            return new Conv2dLayer("conv", new Identity(), new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 1, 2, 2});
        }

        long[] inputShape() {
            return new long[] {2, 2, 7, 5};
        }

        Map<String, long[]> parameterShapes() {
            return Map.of("W", new long[] {3, 2, 2, 3}, "b", new long[] {3});
        }
    }

    /** "same" padding for an even kernel pads one more at the bottom and right, as PyTorch does. */
    @Nested
    class SamePaddingWithAnEvenKernelTest extends LayerContractTest {
        Layer layer() {
            return new Conv2dLayer("conv", new Sigmoid(), new int[] {2, 4}, new int[] {1, 1}, new int[] {0, 1, 1, 2});
        }

        long[] inputShape() {
            return new long[] {1, 2, 5, 6};
        }

        Map<String, long[]> parameterShapes() {
            return Map.of("W", new long[] {2, 2, 2, 4});
        }
    }

    /** Distinct values, so that every window has one maximum and the max is differentiable. */
    static INDArray distinct(Random random, long... shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        double[] values = new double[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.01;
        }
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return Nd4j.create(values, shape, DataType.DOUBLE);
    }

    @Nested
    class MaxPoolingTest extends LayerContractTest {
        Layer layer() {
            return new Pool2dLayer("pool", true, new int[] {2, 2}, new int[] {2, 2});
        }

        long[] inputShape() {
            return new long[] {2, 3, 5, 4};
        }

        INDArray input(Random random) {
            return distinct(random, inputShape());
        }

        Map<String, long[]> parameterShapes() {
            return Map.of();
        }
    }

    /** Ties go to the first maximum in scan order, a NaN wins (as in PyTorch), in both precisions. */
    @Nested
    class MaxPoolingTiesAndNaNTest {
        @ParameterizedTest
        @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
        void theFirstMaximumOrTheFirstNaNTakesTheWindowAndItsGradient(DataType type) {
            double nan = Double.NaN;
            // one image, one channel, 2×6: windows [[1, 3], [3, 2]], [[7, 1], [2, 3]], [[1, NaN], [5, NaN]]
            INDArray x = Nd4j.create(new double[] {1, 3, 7, 1, 1, nan, 3, 2, 2, 3, 5, nan}, new long[] {1, 1, 2, 6}, DataType.DOUBLE)
                    .castTo(type);
            LayerTrace trace = new Pool2dLayer("pool", true, new int[] {2, 2}, new int[] {2, 2}).forward(x, Map.of());
            assertThat(NdArrays.doubles(trace.a())).containsExactly(3, 7, nan);
            INDArray dLdZ = Nd4j.create(new double[] {10, 20, 30}, new long[] {1, 1, 1, 3}, DataType.DOUBLE).castTo(type);
            assertThat(NdArrays.doubles(trace.backward(dLdZ, true).dLdInput()))
                    .containsExactly(0, 10, 20, 0, 0, 30, 0, 0, 0, 0, 0, 0);
        }
    }

    @Nested
    class OverlappingMaxPoolingTest extends MaxPoolingTest {
        @Override
        Layer layer() {
            return new Pool2dLayer("pool", true, new int[] {3, 2}, new int[] {1, 2});
        }
    }

    @Nested
    class AveragePoolingTest extends LayerContractTest {
        Layer layer() {
            return new Pool2dLayer("pool", false, new int[] {2, 3}, new int[] {1, 2});
        }

        long[] inputShape() {
            return new long[] {2, 2, 4, 7};
        }

        Map<String, long[]> parameterShapes() {
            return Map.of();
        }
    }

    @Nested
    class FlattenTest extends LayerContractTest {
        Layer layer() {
            return new FlattenLayer("flatten");
        }

        long[] inputShape() {
            return new long[] {3, 2, 3, 4};
        }

        Map<String, long[]> parameterShapes() {
            return Map.of();
        }
    }

    @Nested
    class DenseOnTheLastOfThreeAxesTest extends LayerContractTest {
        Layer layer() {
            return new DenseLayer("dense", new Gelu());
        }

        long[] inputShape() {
            return new long[] {2, 5, 3};
        }

        Map<String, long[]> parameterShapes() {
            return Map.of("W", new long[] {4, 3}, "b", new long[] {4});
        }
    }

    @Nested
    class DenseTest extends DenseOnTheLastOfThreeAxesTest {
        @Override
        long[] inputShape() {
            return new long[] {3, 3};
        }
    }
}
