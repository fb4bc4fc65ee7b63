package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss over a batch. It starts backpropagation: given the output layer's z, a and activation it
 * returns dL/dz, going through the activation itself so that pairs such as sigmoid with binary
 * cross-entropy can be fused into one stable expression.
 */
public interface Loss {

    /**
     * @param z          the output layer's pre-activation [batch, …]
     * @param a          the output layer's activation, the network's outputs [batch, …]
     * @param activation the output layer's activation function
     * @param targets    shaped like {@code a} (class indices arrive as one-hot rows)
     */
    LossResult evaluate(INDArray z, INDArray a, Activation activation, INDArray targets);

    /** The same on plain row-major arrays of rows of {@code width} values, for {@link PlainDenseNetwork}. */
    PlainLoss evaluate(double[] z, double[] a, int width, Activation activation, double[] targets);

    /**
     * @param value the reduced, scaled loss
     * @param dLdZ  its gradient with respect to the output layer's pre-activation
     */
    record PlainLoss(double value, double[] dLdZ) {}
}
