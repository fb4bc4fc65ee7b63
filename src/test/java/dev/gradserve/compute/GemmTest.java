package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Gemm}: bit for bit what ND4J's gemm gives, for packed arrays and reshapes of them (straight into OpenBLAS) and
 * for other views (through ND4J).
 */
class GemmTest {

    private static final int[][] SHAPES = {{32, 64, 256}, {128, 300, 10}, {6, 25, 2304}, {150, 16, 64}, {3, 5, 7}, {1, 1, 1}};

    @Test
    void productIsNd4jsBitForBitInEveryTranspositionAndPrecision() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int[] shape : SHAPES) {
                for (boolean transposeA : new boolean[] {false, true}) {
                    for (boolean transposeB : new boolean[] {false, true}) {
                        int m = shape[0], k = shape[1], n = shape[2];
                        INDArray a = operand(type, transposeA ? k : m, transposeA ? m : k, 1);
                        INDArray b = operand(type, transposeB ? n : k, transposeB ? k : n, 2);
                        INDArray product = Gemm.product(a, b, transposeA, transposeB);
                        assertThat(product.shape()).containsExactly(m, n);
                        assertThat(product.ordering()).isEqualTo('c');
                        assertThat(bits(product)).as("%s %d×%d×%d, transposed %s %s", type, m, k, n, transposeA, transposeB)
                                .isEqualTo(bits(Nd4j.gemm(a, b, transposeA, transposeB)));
                    }
                }
            }
        }
    }

    @Test
    void intoAddsToWhatIsThereWithBetaOneAndOverwritesWithBetaZero() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = operand(type, 4, 3, 3);
            INDArray b = operand(type, 5, 3, 4);
            INDArray c = operand(type, 4, 5, 5);
            INDArray expected = Nd4j.gemm(a, b, c.dup(), false, true, 1.0, 1.0);
            assertThat(bits(Gemm.into(a, b, c, false, true, 1.0))).isEqualTo(bits(expected));
            assertThat(bits(Gemm.into(a, b, c, false, true, 0))).isEqualTo(bits(Nd4j.gemm(a, b, false, true)));
        }
    }

    @Test
    void viewsGoThroughNd4jWithTheSameResult() {
        INDArray whole = operand(DataType.FLOAT, 6, 8, 6);
        INDArray view = whole.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        INDArray b = operand(DataType.FLOAT, 8, 3, 7);
        assertThat(NdArrays.isPacked(view)).isFalse();
        assertThat(bits(Gemm.product(view, b, false, false))).isEqualTo(bits(Nd4j.gemm(view.dup('c'), b, false, false)));
    }

    @Test
    void reshapedArraysGoStraightToOpenBlasBitForBitUnlessASideIsAVector() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            // as a convolution makes them: W [6, 1, 5, 5] as W₂ [6, 25]; δ permuted, packed and reshaped [6, 64·24·24]
            INDArray W2 = Nd4j.rand(type, 6, 1, 5, 5).subi(0.5).reshape('c', 6, 25);
            INDArray columns = operand(type, 25, 64 * 24 * 24, 3);
            INDArray delta = Nd4j.rand(type, 64, 6, 24 * 24).subi(0.5).permute(1, 0, 2).dup('c').reshape('c', 6, 64 * 24 * 24);
            assertThat(W2.isView() || delta.isView()).as("reshapes are views").isTrue();
            assertThat(Gemm.direct(W2, columns)).isTrue();
            assertThat(Gemm.direct(W2, delta)).isTrue();
            assertThat(bits(Gemm.product(W2, columns, false, false))).isEqualTo(bits(Nd4j.gemm(W2, columns, false, false)));
            assertThat(bits(Gemm.product(delta, columns, false, true))).isEqualTo(bits(Nd4j.gemm(delta, columns, false, true)));
            assertThat(bits(Gemm.product(W2, delta, true, false))).isEqualTo(bits(Nd4j.gemm(W2, delta, true, false)));
            // a row of ones times δᵀ (a bias gradient): ND4J's gemv, whose sums are in another order
            INDArray ones = Nd4j.ones(type, 1, delta.size(1));
            assertThat(Gemm.direct(ones, delta)).isFalse();
            assertThat(bits(Gemm.product(ones, delta, false, true))).isEqualTo(bits(Nd4j.gemm(ones, delta, false, true)));
            for (int[] shape : SHAPES) {
                for (boolean transposeA : new boolean[] {false, true}) {
                    for (boolean transposeB : new boolean[] {false, true}) {
                        int m = shape[0], k = shape[1], n = shape[2];
                        INDArray a = operand(type, 1, m * k, 4).reshape('c', transposeA ? k : m, transposeA ? m : k);
                        INDArray b = operand(type, k * n, 1, 5).reshape('c', transposeB ? n : k, transposeB ? k : n);
                        assertThat(Gemm.direct(a, b)).as("%d×%d×%d", m, k, n).isEqualTo(m > 1 && k > 1 && n > 1);
                        assertThat(bits(Gemm.product(a, b, transposeA, transposeB)))
                                .as("%s %d×%d×%d, transposed %s %s", type, m, k, n, transposeA, transposeB)
                                .isEqualTo(bits(Nd4j.gemm(a, b, transposeA, transposeB)));
                    }
                }
            }
        }
    }

    @Test
    void shapesThatDoNotMatchAreRefusedBeforeOpenBlasReadsAnything() {
        INDArray a = operand(DataType.DOUBLE, 4, 3, 8);
        INDArray b = operand(DataType.DOUBLE, 4, 5, 9);
        INDArray c = Nd4j.create(DataType.DOUBLE, 4, 5);
        assertThatThrownBy(() -> Gemm.into(a, b, c, false, false, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("op(a) [4, 3]");
        assertThatThrownBy(() -> Gemm.into(a, operand(DataType.DOUBLE, 3, 5, 10), Nd4j.create(DataType.DOUBLE, 5, 4), false,
                false, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static INDArray operand(DataType type, int rows, int columns, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(type, rows, columns).subi(0.5);
    }

    private static long[] bits(INDArray array) {
        double[] values = array.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToLongBits(values[i]);
        }
        return bits;
    }
}
