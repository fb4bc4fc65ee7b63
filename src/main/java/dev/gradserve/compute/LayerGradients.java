package dev.gradserve.compute;

import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * @param parameters dL/d parameter, keyed like the layer's parameters
 * @param dLdInput   dL/d input, or null when not asked for
 * @param delta      the error signal this layer reports for {@code include: ["deltas"]} when it is not the dL/dz it
 *                   was given, e.g. dL/dz at every time step of a recurrent layer; null otherwise
 * @param stepNorms  a recurrent layer's ‖dL/dh_t‖ for every time step t (over the whole batch); null otherwise
 *
 * <p>Both are made only when asked for (a recurrent layer's are a copy of every step's dL/dz and a norm per step: a
 * few percent of an lstm's pass), and only inside the computation that made the layer's arrays.
 */
public record LayerGradients(Map<String, INDArray> parameters, INDArray dLdInput, Supplier<INDArray> delta,
        Supplier<double[]> stepNorms) {

    /** Gradients of a layer that reports nothing beyond dL/dz. */
    public LayerGradients(Map<String, INDArray> parameters, INDArray dLdInput) {
        this(parameters, dLdInput, null, null);
    }
}
