package dev.gradserve.compute;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max or average pooling over [batch, channels, height, width], per channel, as PyTorch's MaxPool2d
 * and AvgPool2d without padding. Plain loops (pooling is comparisons and sums, which ND4J's
 * general ops do slowly on 5-D window arrays). Backward: each window's gradient to its first
 * maximum (max pooling), or shared equally by its elements (average pooling), summed where windows
 * overlap.
 */
final class Pool2dLayer implements Layer {

    private final String name;
    private final boolean max;
    private final int[] window;
    private final int[] stride;

    Pool2dLayer(String name, boolean max, int[] window, int[] stride) {
        this.name = name;
        this.max = max;
        this.window = window;
        this.stride = stride;
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
        Windows.Geometry g = Windows.Geometry.of(x.shape(), window[0], window[1], stride[0], stride[1], new int[4]);
        double[] in = NdArrays.doubles(x);
        double[] out = new double[g.batch() * g.channels() * g.outHeight() * g.outWidth()];
        int[] chosen = max ? new int[out.length] : null;
        int o = 0;
        for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
            int base = plane * g.height() * g.width();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int where = -1;
                    for (int ky = 0; ky < window[0]; ky++) {
                        for (int kx = 0; kx < window[1]; kx++) {
                            int index = base + (oy * stride[0] + ky) * g.width() + ox * stride[1] + kx;
                            double value = in[index];
                            sum += value;
                            if (where < 0 || value > best) {
                                best = value;
                                where = index;
                            }
                        }
                    }
                    if (max) {
                        out[o] = best;
                        chosen[o] = where;
                    } else {
                        out[o] = sum / (window[0] * window[1]);
                    }
                }
            }
        }
        INDArray pooled = NdArrays.fromDoubles(out, new long[] {g.batch(), g.channels(), g.outHeight(), g.outWidth()}, x.dataType());
        return new Trace(g, x.shape(), chosen, pooled);
    }

    private final class Trace implements LayerTrace {

        private final Windows.Geometry g;
        private final long[] inputShape;
        private final int[] chosen;
        private final INDArray pooled;

        Trace(Windows.Geometry g, long[] inputShape, int[] chosen, INDArray pooled) {
            this.g = g;
            this.inputShape = inputShape;
            this.chosen = chosen;
            this.pooled = pooled;
        }

        @Override
        public INDArray z() {
            return pooled;
        }

        @Override
        public INDArray a() {
            return pooled;
        }

        /** dL/dx: each window's dL/dz to its maximum, or divided equally among its elements; summed where windows overlap. */
        @Override
        public LayerGradients backward(INDArray dLdZ, boolean needInputGradient) {
            if (!needInputGradient) {
                return new LayerGradients(Map.of(), null);
            }
            double[] delta = NdArrays.doubles(dLdZ);
            double[] dX = new double[(int) (inputShape[0] * inputShape[1] * inputShape[2] * inputShape[3])];
            double share = 1.0 / (window[0] * window[1]);
            int o = 0;
            for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
                int base = plane * g.height() * g.width();
                for (int oy = 0; oy < g.outHeight(); oy++) {
                    for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                        if (max) {
                            dX[chosen[o]] += delta[o];
                            continue;
                        }
                        for (int ky = 0; ky < window[0]; ky++) {
                            for (int kx = 0; kx < window[1]; kx++) {
                                dX[base + (oy * stride[0] + ky) * g.width() + ox * stride[1] + kx] += delta[o] * share;
                            }
                        }
                    }
                }
            }
            return new LayerGradients(Map.of(), NdArrays.fromDoubles(dX, inputShape, dLdZ.dataType()));
        }
    }
}
