package dev.gradserve.compute;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** [batch, d₁, …, d_k] as [batch, d₁·…·d_k] in row-major order, as torch.flatten(x, 1); backward reshapes back. */
final class FlattenLayer implements Layer {

    private final String name;

    FlattenLayer(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Activation activation() {
        return Activations.IDENTITY;
    }

    @Override
    public LayerTrace forward(INDArray x, Map<String, INDArray> parameters) {
        INDArray flat = x.dup('c').reshape('c', x.size(0), -1);
        long[] shape = x.shape();
        return new LayerTrace() {
            @Override
            public INDArray z() {
                return flat;
            }

            @Override
            public INDArray a() {
                return flat;
            }

            @Override
            public LayerGradients backward(INDArray dLdZ, boolean needInputGradient) {
                return new LayerGradients(Map.of(), needInputGradient ? dLdZ.dup('c').reshape('c', shape) : null);
            }
        };
    }
}
