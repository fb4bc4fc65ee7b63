package dev.gradserve.compute;

import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * @param loss           the loss value; null when dL/d outputs were given instead of a loss
 * @param deltas         dL/dz per layer, in layer order, made when asked for (see {@link LayerGradients#delta})
 * @param gradients      per layer, in layer order
 * @param inputGradients dL/d inputs, or null when not asked for
 */
public record BackwardPass(Double loss, List<Supplier<INDArray>> deltas, List<LayerGradients> gradients,
        INDArray inputGradients) {}
