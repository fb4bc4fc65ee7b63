package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What one layer's forward pass computed, and how to send gradients back through it. */
public interface LayerTrace {

    /** The pre-activation. */
    INDArray z();

    /** The activation, the layer's output. */
    INDArray a();

    /**
     * @param dLdZ              the error signal at this layer's pre-activation
     * @param needInputGradient whether to compute dL/d input (not needed for the first layer unless asked)
     */
    LayerGradients backward(INDArray dLdZ, boolean needInputGradient);
}
