package dev.gradserve.compute;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
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
    private final int kernelHeight;
    private final int kernelWidth;
    private final int strideHeight;
    private final int strideWidth;
    /** Zero padding [top, bottom, left, right]. */
    private final int[] padding;

    Conv2dLayer(String name, Activation activation, int[] kernel, int[] stride, int[] padding) {
        this.name = name;
        this.activation = activation;
        this.kernelHeight = kernel[0];
        this.kernelWidth = kernel[1];
        this.strideHeight = stride[0];
        this.strideWidth = stride[1];
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
        INDArray padded = pad(x);
        INDArray windows = Windows.gather(padded, kernelHeight, kernelWidth, strideHeight, strideWidth);
        long batch = x.size(0);
        long outHeight = windows.size(4);
        long outWidth = windows.size(5);
        INDArray rows = windows.permute(0, 4, 5, 1, 2, 3).dup('c').reshape('c', batch * outHeight * outWidth, -1);
        INDArray W2 = W.reshape('c', W.size(0), -1);
        INDArray z2 = Nd4j.gemm(rows, W2, false, true);
        if (b != null) {
            z2.addiRowVector(b);
        }
        INDArray z = z2.reshape('c', batch, outHeight, outWidth, W.size(0)).permute(0, 3, 1, 2).dup('c');
        return new Trace(rows, W, b != null, x.shape(), padded.shape(), z, activation.forward(z));
    }

    /** The input with its zero padding, or itself when there is none. */
    private INDArray pad(INDArray x) {
        if (padding[0] + padding[1] + padding[2] + padding[3] == 0) {
            return x;
        }
        return Nd4j.pad(x, new int[][] {{0, 0}, {0, 0}, {padding[0], padding[1]}, {padding[2], padding[3]}});
    }

    private final class Trace implements LayerTrace {

        private final INDArray rows;
        private final INDArray W;
        private final boolean hasBias;
        private final long[] inputShape;
        private final long[] paddedShape;
        private final INDArray z;
        private final INDArray a;

        Trace(INDArray rows, INDArray W, boolean hasBias, long[] inputShape, long[] paddedShape, INDArray z, INDArray a) {
            this.rows = rows;
            this.W = W;
            this.hasBias = hasBias;
            this.inputShape = inputShape;
            this.paddedShape = paddedShape;
            this.z = z;
            this.a = a;
        }

        @Override
        public INDArray z() {
            return z;
        }

        @Override
        public INDArray a() {
            return a;
        }

        /**
         * With δ = dL/dz as rows [batch·oh·ow, filters]: dL/dW₂ = δᵀ·rows, dL/db = Σ δ, and dL/d rows = δ·W₂,
         * whose windows are summed back into the input (col2im) and the padding cut off.
         */
        @Override
        public LayerGradients backward(INDArray dLdZ, boolean needInputGradient) {
            long filters = W.size(0);
            INDArray delta = dLdZ.permute(0, 2, 3, 1).dup('c').reshape('c', -1, filters);
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W", Nd4j.gemm(delta, rows, true, false).reshape('c', W.shape()));
            if (hasBias) {
                gradients.put("b", delta.sum(0));
            }
            if (!needInputGradient) {
                return new LayerGradients(gradients, null);
            }
            long batch = inputShape[0];
            long outHeight = dLdZ.size(2);
            long outWidth = dLdZ.size(3);
            INDArray dRows = Nd4j.gemm(delta, W.reshape('c', filters, -1), false, false);
            INDArray dWindows = dRows.reshape('c', batch, outHeight, outWidth, W.size(1), W.size(2), W.size(3))
                    .permute(0, 3, 4, 5, 1, 2).dup('c');
            INDArray dPadded = Windows.scatter(dWindows, strideHeight, strideWidth, paddedShape[2], paddedShape[3]);
            return new LayerGradients(gradients, unpad(dPadded));
        }

        private INDArray unpad(INDArray dPadded) {
            if (paddedShape[2] == inputShape[2] && paddedShape[3] == inputShape[3]) {
                return dPadded;
            }
            return dPadded.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(padding[0], padding[0] + inputShape[2]),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(padding[2], padding[2] + inputShape[3])).dup('c');
        }
    }
}
