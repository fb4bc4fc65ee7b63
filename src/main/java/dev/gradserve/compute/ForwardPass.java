package dev.gradserve.compute;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The traces of every layer, in order. */
public record ForwardPass(List<LayerTrace> traces) {

    public LayerTrace output() {
        return traces.get(traces.size() - 1);
    }

    public INDArray outputs() {
        return output().a();
    }
}
