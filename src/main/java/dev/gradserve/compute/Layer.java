package dev.gradserve.compute;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer of a network. It holds only its definition, never the data of a request: {@link #forward}
 * returns a {@link LayerTrace} that keeps what the backward pass needs.
 */
public interface Layer {

    String name();

    /** The activation applied last, through which dL/da becomes dL/dz; identity for layers without one. */
    Activation activation();

    /**
     * @param input      [batch, …] the previous layer's activation or the network's inputs
     * @param parameters this layer's parameters by name (not modified)
     */
    LayerTrace forward(INDArray input, Map<String, INDArray> parameters);
}
