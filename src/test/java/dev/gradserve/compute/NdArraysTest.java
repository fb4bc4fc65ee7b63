package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NdArraysTest {

    /** ND4J reports a permuted array as row-major and not a view, though its buffer keeps the old order. */
    @Test
    void aPermutedArrayIsReadInItsOwnRowMajorOrder() {
        INDArray array = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.DOUBLE);
        INDArray transposed = array.permute(1, 0);
        assertThat(NdArrays.toTensor(transposed).data()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(NdArrays.toTensor(transposed).shape()).containsExactly(3, 2);
        assertThat(NdArrays.floats(transposed)).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void aRowOfAMatrixIsReadAsThatRow() {
        INDArray array = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.DOUBLE);
        assertThat(NdArrays.toTensor(array.getRow(1)).data()).containsExactly(4, 5, 6);
    }
}
