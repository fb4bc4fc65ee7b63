package dev.gradserve.compute;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution over [batch, channels, height, width], as PyTorch's Conv2d: cross-correlation
 * z[n, f] = Σ_c W[f, c] ⋆ x[n, c] + b[f], then a = act(z). Computed as one matrix product: every
 * window of the (padded) input becomes a column (im2col), so z = W₂·columns + b with W₂ = W as
 * [filters, channels·kh·kw], one row of the product per filter, whose blocks per image are z's planes.
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
        int[] runs = Windows.runs(g);
        INDArray columns = Windows.columns(x, g, runs);
        INDArray W2 = W.reshape('c', W.size(0), g.windowSize());
        INDArray zByFilter = Gemm.product(W2, columns, false, false);
        INDArray z = Windows.toPlanes(zByFilter, b, g.batch(), g.outHeight(), g.outWidth());
        return new Trace(g, runs, columns, W2, W.shape(), b != null, z, activation.forward(z));
    }

    private record Trace(Windows.Geometry g, int[] runs, INDArray columns, INDArray W2, long[] shapeOfW, boolean hasBias, INDArray z,
            INDArray a) implements LayerTrace {

        /**
         * With δ = dL/dz as [filters, batch·oh·ow]: dL/dW₂ = δ·columnsᵀ, dL/db = Σ δ per filter, and
         * dL/d columns = W₂ᵀ·δ, whose windows are summed back into the input (col2im) and the padding cut off.
         */
        @Override
        public LayerGradients backward(INDArray dLdZ, boolean needInputGradient) {
            INDArray delta = Windows.byChannel(dLdZ);
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W", Gemm.product(delta, columns, false, true).reshape('c', shapeOfW));
            if (hasBias) {
                // each filter's row summed by a product with a row of ones (tens of thousands of positions a row)
                INDArray ones = Nd4j.ones(delta.dataType(), 1, delta.size(1));
                gradients.put("b", Gemm.product(ones, delta, false, true).reshape(delta.size(0)));
            }
            if (!needInputGradient) {
                return new LayerGradients(gradients, null);
            }
            INDArray dColumns = Gemm.product(W2, delta, true, false);
            return new LayerGradients(gradients, Windows.scatterColumns(dColumns, g, runs));
        }
    }
}
