package dev.gradserve.compute;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.factory.Nd4j;

/**
 * z = x·Wᵀ + b, a = act(z): PyTorch's Linear, W [units, in], b [units], followed by the activation.
 * Like Linear it applies to the last axis: an input [batch, …, in] is computed as rows [batch·…, in].
 */
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
        INDArray rows = x.rank() == 2 ? x : x.reshape('c', -1, x.size(x.rank() - 1));
        INDArray z = Gemm.product(rows, W, false, true);
        if (b != null) {
            Nd4j.exec(new BiasAdd(z, b, z, false));
        }
        if (x.rank() != 2) {
            long[] shape = x.shape().clone();
            shape[shape.length - 1] = W.size(0);
            z = z.reshape('c', shape);
        }
        return new Trace(rows, x.shape(), W, b != null, z, activation.forward(z));
    }

    private record Trace(INDArray rows, long[] inputShape, INDArray W, boolean hasBias, INDArray z, INDArray a)
            implements LayerTrace {

        /** dL/dW = δᵀ·x, dL/db = Σ_batch δ, dL/dx = δ·W, with δ = dL/dz (as rows). */
        @Override
        public LayerGradients backward(INDArray dLdZ, boolean needInputGradient) {
            INDArray delta = dLdZ.rank() == 2 ? dLdZ : dLdZ.reshape('c', -1, W.size(0));
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W", Gemm.product(delta, rows, true, false));
            if (hasBias) {
                gradients.put("b", NdArrays.columnSums(delta));
            }
            INDArray dLdX = null;
            if (needInputGradient) {
                dLdX = Gemm.product(delta, W, false, false);
                dLdX = inputShape.length == 2 ? dLdX : dLdX.reshape('c', inputShape);
            }
            return new LayerGradients(gradients, dLdX);
        }
    }
}
