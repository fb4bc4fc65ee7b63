package dev.gradserve.compute;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * @param parameters dL/d parameter, keyed like the layer's parameters
 * @param dLdInput   dL/d input, or null when not asked for
 */
public record LayerGradients(Map<String, INDArray> parameters, INDArray dLdInput) {}
