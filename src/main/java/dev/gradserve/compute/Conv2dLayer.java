package dev.gradserve.compute;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution over [batch, channels, height, width], as PyTorch's Conv2d: cross-correlation
 * z[n, f] = Σ_c W[f, c] ⋆ x[n, c] + b[f], then a = act(z). Computed as one matrix product: every
 * window of the (padded) input becomes a row (im2col), so z = rows·W₂ᵀ + b with W₂ = W as
 * [filters, channels·kh·kw].
 */
final class Conv2dLayer implements Layer {

    private final String name;
    private final Activation activation;
    private final int[] kernel;
    private final int[] stride;
    /** Zero padding [top, bottom, left, right]. */
    private final int[] padding;

    Conv2dLayer(String name, Activation activation, int[] kernel, int[] stride, int[] padding) {
        this.name = name;
        this.activation = activation;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
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
        Windows.Geometry g = Windows.Geometry.of(x.shape(), kernel[0], kernel[1], stride[0], stride[1], padding);
        INDArray rows = Windows.rows(x, g);
        INDArray W2 = W.reshape('c', W.size(0), g.windowSize());
        INDArray z2 = Nd4j.gemm(rows, W2, Nd4j.createUninitialized(x.dataType(), g.positions(), W.size(0)), false, true,
                1.0, 0.0);
        if (b != null) {
            Nd4j.exec(new BiasAdd(z2, b, z2, false));
        }
        INDArray z = Windows.toChannelsFirst(z2, g.batch(), (int) W.size(0), g.outHeight(), g.outWidth());
        return new Trace(g, rows, W, b != null, z, activation.forward(z));
    }

    private record Trace(Windows.Geometry g, INDArray rows, INDArray W, boolean hasBias, INDArray z, INDArray a)
            implements LayerTrace {

        /**
         * With δ = dL/dz as rows [batch·oh·ow, filters]: dL/dW₂ = δᵀ·rows, dL/db = Σ δ, and dL/d rows = δ·W₂,
         * whose windows are summed back into the input (col2im) and the padding cut off.
         */
        @Override
        public LayerGradients backward(INDArray dLdZ, boolean needInputGradient) {
            INDArray delta = Windows.toPositions(dLdZ);
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W", Nd4j.gemm(delta, rows, Nd4j.createUninitialized(W.dataType(), W.size(0), g.windowSize()), true,
                    false, 1.0, 0.0).reshape('c', W.shape()));
            if (hasBias) {
                gradients.put("b", DenseLayer.columnSums(delta));
            }
            if (!needInputGradient) {
                return new LayerGradients(gradients, null);
            }
            INDArray dRows = Nd4j.gemm(delta, W.reshape('c', W.size(0), g.windowSize()),
                    Nd4j.createUninitialized(W.dataType(), g.positions(), g.windowSize()), false, false, 1.0, 0.0);
            return new LayerGradients(gradients, Windows.scatterRows(dRows, g));
        }
    }
}
