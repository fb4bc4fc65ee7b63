package dev.gradserve.compute;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What one layer's forward pass computed, and how to send gradients back through it. */
public interface LayerTrace {

    /** The pre-activation of the layer's output activation ({@link Layer#activation()}): a itself when that is the identity. */
    INDArray z();

    /** The activation, the layer's output. */
    INDArray a();

    /**
     * What {@code include: ["activations"]} shows for this layer: {@code z} and {@code a} by default;
     * a recurrent layer shows them per time step (and an LSTM its cell states {@code c}).
     */
    default Map<String, INDArray> reported() {
        Map<String, INDArray> values = new LinkedHashMap<>();
        values.put("z", z());
        values.put("a", a());
        return values;
    }

    /**
     * @param dLdZ              the error signal at {@link #z()}
     * @param needInputGradient whether to compute dL/d input (not needed for the first layer unless asked)
     */
    LayerGradients backward(INDArray dLdZ, boolean needInputGradient);
}
