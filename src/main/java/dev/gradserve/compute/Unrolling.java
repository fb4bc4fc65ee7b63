package dev.gradserve.compute;

import dev.gradserve.model.RecurrentSpec;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How a recurrent layer is unrolled over time, and the array layout its forward and backward passes share.
 * Inside a layer every sequence is time-major, [time, batch, n] in row-major order, so that step t is one
 * contiguous [batch, n] block (a matrix product can write into it) and all steps together are one matrix
 * [time·batch, n] (one product covers every step). Only inputs, outputs and reported values are batch-major.
 *
 * @param returnSequences whether the output is every h_t, [batch, time, units], or only the last, [batch, units]
 * @param truncation      k for truncated backpropagation through time (chunks of k steps from the start, no gradient
 *                        from one chunk into the one before it, as a PyTorch loop that detaches h every k steps);
 *                        0 for full backpropagation through time
 */
record Unrolling(boolean returnSequences, int truncation) {

    static Unrolling of(RecurrentSpec spec) {
        return new Unrolling(spec.sequences(), spec.bpttTruncation() == null ? 0 : spec.bpttTruncation());
    }

    /** Whether dL/dh_{t−1} receives gradient through step t: not before the first step, nor across a chunk boundary. */
    boolean flowsBackFrom(long t) {
        return t > 0 && (truncation == 0 || t % truncation != 0);
    }

    /** The layer's output from the hidden states h [time + 1, batch, units] (h_0 first): every h_t, or the last. */
    INDArray output(INDArray h) {
        long time = h.size(0) - 1;
        return returnSequences ? batchMajor(steps(h, 1, time + 1)) : step(h, time).dup('c');
    }

    /** dL/dh_t as far as it comes from the output, time-major [time, batch, units]; zero where h_t is not output. */
    INDArray outputGradient(INDArray dLdOutput, long time) {
        if (returnSequences) {
            return dLdOutput.permute(1, 0, 2).dup('c');
        }
        INDArray dH = Nd4j.zeros(dLdOutput.dataType(), time, dLdOutput.size(0), dLdOutput.size(1));
        step(dH, time - 1).assign(dLdOutput);
        return dH;
    }

    /** x [batch, time, features] as time-major rows [time·batch, features] (a copy). */
    static INDArray timeMajorRows(INDArray x) {
        return x.permute(1, 0, 2).dup('c').reshape('c', x.size(1) * x.size(0), x.size(2));
    }

    /** dL/dx [batch, time, features] from time-major rows dL/dz [time·batch, gates·units] of z = x·W_xhᵀ + …. */
    static INDArray inputGradient(INDArray dZRows, INDArray W_xh, long[] inputShape) {
        INDArray rows = Gemm.product(dZRows, W_xh, false, false);
        return batchMajor(rows.reshape('c', inputShape[1], inputShape[0], inputShape[2]));
    }

    /** A time-major [time, batch, n] array as rows [time·batch, n] (a view when it is contiguous). */
    static INDArray rows(INDArray sequence) {
        return sequence.reshape('c', sequence.size(0) * sequence.size(1), sequence.size(2));
    }

    /** Step t of a time-major array: a [batch, n] view, contiguous. */
    static INDArray step(INDArray sequence, long t) {
        return sequence.tensorAlongDimension(t, 1, 2);
    }

    /** Steps [from, to) of a time-major array: a view. */
    static INDArray steps(INDArray sequence, long from, long to) {
        return sequence.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /**
     * A time-major [time, batch, n] array as [batch, time, n], copied in row-major order: a permuted array is
     * not always recognised as a view (ND4J's isView() is false for a permutation of a whole array), and code
     * that reads its buffer directly would read it time-major.
     */
    static INDArray batchMajor(INDArray timeMajor) {
        return timeMajor.permute(1, 0, 2).dup('c');
    }

    /** ‖dL/dh_t‖ over the whole batch, for every t, from time-major dL/dh [time, batch, units]. */
    static double[] stepNorms(INDArray dH) {
        return stepNorms(NdArrays.doubles(dH), (int) dH.size(0));
    }

    /** ‖dL/dh_t‖ over the whole batch, for every t, from time-major dL/dh [time, batch, units] in a plain array. */
    static double[] stepNorms(double[] dH, int time) {
        int perStep = dH.length / time;
        double[] norms = new double[time];
        for (int t = 0; t < time; t++) {
            norms[t] = Norms.l2(Arrays.copyOfRange(dH, t * perStep, (t + 1) * perStep));
        }
        return norms;
    }
}
