package dev.gradserve.compute;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** z = x·Wᵀ + b, a = act(z): PyTorch's Linear, W [units, in], b [units], followed by the activation. */
final class DenseLayer implements Layer {

    private final String name;
    private final Activation activation;

    DenseLayer(String name, Activation activation) {
        this.name = name;
        this.activation = activation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public LayerTrace forward(INDArray x, Map<String, INDArray> parameters) {
        INDArray W = parameters.get("W");
        INDArray b = parameters.get("b");
        INDArray z = Nd4j.gemm(x, W, false, true);
        if (b != null) {
            z.addiRowVector(b);
        }
        return new Trace(x, W, b != null, z, activation.forward(z));
    }

    private record Trace(INDArray x, INDArray W, boolean hasBias, INDArray z, INDArray a) implements LayerTrace {

        /** dL/dW = δᵀ·x, dL/db = Σ_batch δ, dL/dx = δ·W, with δ = dL/dz. */
        @Override
        public LayerGradients backward(INDArray dLdZ, boolean needInputGradient) {
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W", Nd4j.gemm(dLdZ, x, true, false));
            if (hasBias) {
                gradients.put("b", dLdZ.sum(0));
            }
            return new LayerGradients(gradients, needInputGradient ? Nd4j.gemm(dLdZ, W, false, false) : null);
        }
    }
}
