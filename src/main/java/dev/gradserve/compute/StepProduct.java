package dev.gradserve.compute;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one matrix product of a recurrent step, between plain arrays: a step's [rows, n] block is copied into an ND4J
 * array allocated once, multiplied by the weights (transposed or not), and the product copied back out, also into an
 * array allocated once. The recurrent layers keep their per-step values in plain arrays; this is their only way in and
 * out of ND4J inside the time loop.
 */
final class StepProduct {

    private final INDArray weights;
    private final boolean transposeWeights;
    private final INDArray block;
    private final INDArray product;
    private final double[] result;
    /** The two arrays' buffers, and in float32 the block and the product as floats: made once for every step. */
    private final Pointer blockBuffer;
    private final Pointer productBuffer;
    private final float[] blockFloats;
    private final float[] productFloats;

    /**
     * @param rows             the rows of a step's block (the batch)
     * @param transposeWeights whether the product is block·Wᵀ (forward) or block·W (backward)
     */
    StepProduct(INDArray weights, boolean transposeWeights, int rows, DataType type) {
        this.weights = NdArrays.isPacked(weights) ? weights : weights.dup('c');
        this.transposeWeights = transposeWeights;
        long inner = weights.size(transposeWeights ? 1 : 0);
        long outer = weights.size(transposeWeights ? 0 : 1);
        this.block = Nd4j.createUninitialized(type, rows, inner);
        this.product = Nd4j.createUninitialized(type, rows, outer);
        this.result = new double[(int) (rows * outer)];
        this.blockBuffer = block.data().addressPointer();
        this.productBuffer = product.data().addressPointer();
        boolean single = type == DataType.FLOAT;
        this.blockFloats = single ? new float[(int) block.length()] : null;
        this.productFloats = single ? new float[result.length] : null;
    }

    /** The block of {@code values} from {@code offset} on, times the weights: a row-major array reused by the next call. */
    double[] of(double[] values, int offset) {
        if (blockFloats == null) {
            ((DoublePointer) blockBuffer).put(values, offset, (int) block.length());
            Gemm.into(block, weights, product, false, transposeWeights, 0);
            ((DoublePointer) productBuffer).get(result, 0, result.length);
            return result;
        }
        Conversions.toFloats(values, offset, blockFloats, 0, blockFloats.length);
        ((FloatPointer) blockBuffer).put(blockFloats, 0, blockFloats.length);
        Gemm.into(block, weights, product, false, transposeWeights, 0);
        ((FloatPointer) productBuffer).get(productFloats, 0, productFloats.length);
        Conversions.toDoubles(productFloats, 0, result, 0, result.length);
        return result;
    }
}
