package dev.gradserve.compute;

import dev.gradserve.model.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finds the first quantity that went non-finite, in the order the computation produced them:
 * each layer's z and a, the loss, then backwards each layer's dL/dz and parameter gradients,
 * and last dL/d inputs. Only called once something is known to be non-finite, so it may be slow.
 */
final class NonFiniteLocator {

    private NonFiniteLocator() {}

    static NonFiniteResultException locate(List<Layer> layers, ForwardPass forward, Double loss, BackwardPass backward) {
        for (int i = 0; i < layers.size(); i++) {
            LayerTrace trace = forward.traces().get(i);
            NonFiniteResultException found = check(i, layers, "pre-activation z", trace.z());
            found = found != null ? found : check(i, layers, "activation a", trace.a());
            if (found != null) {
                return found;
            }
        }
        if (loss != null && !Double.isFinite(loss)) {
            return new NonFiniteResultException(-1, "the loss is " + loss);
        }
        if (backward != null) {
            for (int i = layers.size() - 1; i >= 0; i--) {
                NonFiniteResultException found = check(i, layers, "error signal dL/dz", backward.deltas().get(i).get());
                for (Map.Entry<String, INDArray> gradient : backward.gradients().get(i).parameters().entrySet()) {
                    found = found != null ? found : check(i, layers, "gradient dL/d" + gradient.getKey(), gradient.getValue());
                }
                if (found != null) {
                    return found;
                }
            }
            if (backward.inputGradients() != null) {
                NonFiniteResultException found = check(0, layers, "input gradient dL/dx", backward.inputGradients());
                if (found != null) {
                    return found;
                }
            }
        }
        return new NonFiniteResultException(layers.size() - 1, "a result is not finite");
    }

    private static NonFiniteResultException check(int layer, List<Layer> layers, String quantity, INDArray array) {
        Tensor tensor = NdArrays.toTensor(array);
        int bad = tensor.firstNonFinite();
        if (bad < 0) {
            return null;
        }
        return new NonFiniteResultException(layer, "the " + quantity + " of layer '" + layers.get(layer).name()
                + "' is not finite: " + tensor.data()[bad] + " at " + Arrays.toString(tensor.indexOf(bad))
                + "; smaller weights, inputs or learning rates keep it in range");
    }
}
