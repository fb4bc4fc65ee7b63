package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** A horizontal stride over left and right padding: windows whose first columns fall into the padding. */
    @Nested
    class HorizontallyStridedPaddedConvolutionTest extends LayerContractTest {
        Layer layer() {
            return new Conv2dLayer("conv", new Tanh(), new int[] {3, 3}, new int[] {1, 2}, new int[] {1, 0, 2, 1});
        }

        long[] inputShape() {
            return new long[] {2, 2, 5, 7};
        }

        Map<String, long[]> parameterShapes() {
            return Map.of("W", new long[] {3, 2, 3, 3}, "b", new long[] {3});
        }
    }

    /**
     * The forward pass against the definition, written as plain loops: z[n, f, oy, ox] = b[f] + Σ_{c, ky, kx}
     * W[f, c, ky, kx] · x[n, c, oy·sh + ky − top, ox·sw + kx − left], zero outside the input. (The contract tests
     * check the backward pass against the forward pass; this checks the forward pass itself.)
     */
    @Nested
    class ConvolutionAgainstItsDefinitionTest {
        /**
         * In both precisions, each in a workspace whose memory last held NaN: im2col writes its columns into memory it
         * does not clear, so the zeros of the padding must be written, not found.
         */
        @ParameterizedTest
        @CsvSource({"3, 3, 1, 1, 0, 0, 0, 0", "3, 3, 1, 2, 1, 0, 2, 1", "2, 4, 2, 3, 0, 1, 1, 2", "5, 5, 1, 1, 2, 2, 2, 2"})
        void zIsTheCrossCorrelationOfThePaddedInput(int kh, int kw, int sh, int sw, int top, int bottom, int left, int right) {
            Random random = new Random(kh * 31 + sw);
            INDArray x = LayerContractTest.random(random, 2, 3, 7, 9);
            INDArray W = LayerContractTest.random(random, 4, 3, kh, kw);
            INDArray b = LayerContractTest.random(random, 4);
            int outHeight = (7 + top + bottom - kh) / sh + 1;
            int outWidth = (9 + left + right - kw) / sw + 1;
            Conv2dLayer layer = new Conv2dLayer("conv", new Identity(), new int[] {kh, kw}, new int[] {sh, sw},
                    new int[] {top, bottom, left, right});
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                long columns = 3L * kh * kw * 2 * outHeight * outWidth;
                Workspaces.run(() -> Nd4j.valueArrayOf(new long[] {columns}, Double.NaN, type));
                double[] z = Workspaces.run(() -> {
                    INDArray planes = layer.forward(x.castTo(type), Map.of("W", W.castTo(type), "b", b.castTo(type))).z();
                    assertThat(planes.shape()).containsExactly(2, 4, outHeight, outWidth);
                    return NdArrays.doubles(planes);
                });
                for (int n = 0; n < 2; n++) {
                    for (int f = 0; f < 4; f++) {
                        for (int oy = 0; oy < outHeight; oy++) {
                            for (int ox = 0; ox < outWidth; ox++) {
                                double expected = b.getDouble(f);
                                for (int c = 0; c < 3; c++) {
                                    for (int ky = 0; ky < kh; ky++) {
                                        for (int kx = 0; kx < kw; kx++) {
                                            int y = oy * sh + ky - top;
                                            int xx = ox * sw + kx - left;
                                            if (y >= 0 && y < 7 && xx >= 0 && xx < 9) {
                                                expected += W.getDouble(f, c, ky, kx) * x.getDouble(n, c, y, xx);
                                            }
                                        }
                                    }
                                }
                                assertThat(z[((n * 4 + f) * outHeight + oy) * outWidth + ox])
                                        .as("%s z[%d, %d, %d, %d]", type, n, f, oy, ox)
                                        .isCloseTo(expected, within(type == DataType.DOUBLE ? 1e-12 : 1e-5));
                            }
                        }
                    }
                }
            }
        }
    }

    /** Rows of outputs 19 wide, so that col2im's runs (18 and 19 long) take its eight-at-a-time additions. */
    @Nested
    class WideConvolutionTest extends LayerContractTest {
        Layer layer() {
            return new Conv2dLayer("conv", new Tanh(), new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0, 1, 1});
        }

        long[] inputShape() {
            return new long[] {2, 2, 4, 19};
        }

        Map<String, long[]> parameterShapes() {
            return Map.of("W", new long[] {3, 2, 3, 3}, "b", new long[] {3});
        }
    }

    /**
     * col2im against its definition, written as plain loops: dL/dx[n, c, y, x] = Σ over the windows covering (y, x)
     * of the column value there, added in the columns' row order (c, ky, kx), as the layer promises, so bit for bit.
     */
    @Nested
    class ScatterColumnsAgainstItsDefinitionTest {
        @ParameterizedTest
        @CsvSource({"5, 5, 1, 1, 0, 0, 0, 0, 12, 12", "3, 3, 1, 1, 0, 0, 1, 1, 4, 19", "3, 3, 1, 2, 1, 0, 2, 1, 7, 21",
                "2, 4, 2, 3, 0, 1, 1, 2, 7, 9", "1, 1, 1, 1, 0, 0, 0, 0, 3, 17"})
        void eachInputGetsItsWindowsValuesInRowOrder(int kh, int kw, int sh, int sw, int top, int bottom, int left,
                int right, int height, int width) {
            Windows.Geometry g = Windows.Geometry.of(new long[] {3, 2, height, width}, kh, kw, sh, sw,
                    new int[] {top, bottom, left, right});
            Random random = new Random(kh * 31 + width);
            double[] values = random.doubles((long) g.windowSize() * g.positions(), -1, 1).toArray();
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                INDArray columns = NdArrays.fromDoubles(values, new long[] {g.windowSize(), g.positions()}, type);
                double[] column = NdArrays.doubles(columns);
                double[] expected = new double[3 * 2 * height * width];
                float[] expectedFloats = new float[expected.length];
                int row = 0;
                for (int c = 0; c < 2; c++) {
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++, row++) {
                            for (int n = 0; n < 3; n++) {
                                for (int oy = 0; oy < g.outHeight(); oy++) {
                                    for (int ox = 0; ox < g.outWidth(); ox++) {
                                        int y = oy * sh + ky - top;
                                        int x = ox * sw + kx - left;
                                        if (y >= 0 && y < height && x >= 0 && x < width) {
                                            int at = ((n * 2 + c) * height + y) * width + x;
                                            double value = column[row * g.positions() + (n * g.outHeight() + oy) * g.outWidth() + ox];
                                            expected[at] += value;
                                            expectedFloats[at] += (float) value;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                INDArray dX = Windows.scatterColumns(columns, g, Windows.runs(g));
                assertThat(dX.shape()).containsExactly(3, 2, height, width);
                if (type == DataType.DOUBLE) {
                    assertThat(NdArrays.doubles(dX)).containsExactly(expected);
                } else {
                    assertThat(NdArrays.floats(dX)).containsExactly(expectedFloats);
                }
            }
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

    /**
     * float32 max pooling gives float64's values rounded to float, bit for bit (the backward pass works in floats when
     * windows do not overlap, in doubles when they do), with ties, NaNs, infinities, −0 and subnormals among the inputs
     * and the error signals.
     */
    @Nested
    class MaxPoolingFloat32Test {
        @ParameterizedTest
        @CsvSource({"2, 2, 2, 2", "2, 3, 2, 3", "2, 2, 3, 3", "3, 2, 1, 2", "2, 2, 1, 1"})
        void float32IsFloat64RoundedBitForBit(int kh, int kw, int sh, int sw) {
            Random random = new Random(kh * 1000 + kw * 100 + sh * 10 + sw);
            float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                -Float.MIN_VALUE, 1e-40f, Float.MAX_VALUE, 1f};
            long[] shape = {3, 2, 9, 8};
            float[] x = new float[3 * 2 * 9 * 8];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(8) == 0 ? special[random.nextInt(special.length)] : random.nextInt(5) - 2;
            }
            Pool2dLayer layer = new Pool2dLayer("pool", true, new int[] {kh, kw}, new int[] {sh, sw});
            LayerTrace single = layer.forward(NdArrays.fromFloats(x, shape), Map.of());
            LayerTrace dbl = layer.forward(NdArrays.fromFloats(x, shape).castTo(DataType.DOUBLE), Map.of());
            float[] delta = new float[(int) single.a().length()];
            for (int o = 0; o < delta.length; o++) {
                delta[o] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : (float) random.nextGaussian();
            }
            long[] outShape = single.a().shape();
            float[] dX = NdArrays.floats(single.backward(NdArrays.fromFloats(delta, outShape), true).dLdInput());
            double[] dXDouble = NdArrays.doubles(
                    dbl.backward(NdArrays.fromFloats(delta, outShape).castTo(DataType.DOUBLE), true).dLdInput());
            assertThat(NdArrays.floats(single.a())).isEqualTo(NdArrays.floats(dbl.a().castTo(DataType.FLOAT)));
            for (int i = 0; i < dX.length; i++) {
                assertThat(Float.floatToIntBits(dX[i])).as("dL/dx[%d]", i).isEqualTo(Float.floatToIntBits((float) dXDouble[i]));
            }
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
