package dev.gradserve.compute;

import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max or average pooling over [batch, channels, height, width], per channel, as PyTorch's MaxPool2d
 * and AvgPool2d without padding. Plain loops (pooling is comparisons and sums, which ND4J's
 * general ops do slowly on 5-D window arrays). Backward: each window's gradient to its first
 * maximum, or its first NaN when it has one (max pooling), or shared equally by its elements (average
 * pooling), summed where windows overlap.
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
        long[] shape = {g.batch(), g.channels(), g.outHeight(), g.outWidth()};
        if (!max) {
            return new Trace(g, x.shape(), null, NdArrays.fromDoubles(averages(NdArrays.doubles(x), g), shape, x.dataType()));
        }
        int[] corners = corners(g);
        int[] offsets = offsets(g);
        int[] chosen = new int[corners.length];
        // compared in the input's own precision, so float32 never goes through doubles
        INDArray pooled = x.dataType() == DataType.FLOAT
                ? NdArrays.fromFloats(maxima(NdArrays.floats(x), corners, offsets, chosen), shape)
                : NdArrays.fromDoubles(maxima(NdArrays.doubles(x), corners, offsets, chosen), shape, x.dataType());
        return new Trace(g, x.shape(), chosen, pooled);
    }

    /**
     * Each window's maximum, and in {@code chosen} its input index: the first maximum in scan order (ky, kx), or the
     * first NaN when there is one (NaN wins, as in PyTorch). One window element at a time for all windows, which
     * the JIT compiles without branches (with ReLU before pooling, which element wins is unpredictable: window by
     * window with a branch per comparison, this took four times as long).
     */
    private static float[] maxima(float[] in, int[] corners, int[] offsets, int[] chosen) {
        float[] best = new float[corners.length];
        for (int o = 0; o < corners.length; o++) {
            best[o] = in[corners[o]];
            chosen[o] = corners[o];
        }
        for (int k = 1; k < offsets.length; k++) {
            for (int o = 0, offset = offsets[k]; o < corners.length; o++) {
                float value = in[corners[o] + offset];
                chosen[o] = value > best[o] ? corners[o] + offset : chosen[o];
                best[o] = Math.max(best[o], value);
            }
        }
        for (int o = 0; o < corners.length; o++) {
            chosen[o] = best[o] == best[o] ? chosen[o] : firstNaN(corners[o], offsets, i -> in[i]);
            best[o] = in[chosen[o]];
        }
        return best;
    }

    /** {@link #maxima(float[], int[], int[], int[])} in float64. */
    private static double[] maxima(double[] in, int[] corners, int[] offsets, int[] chosen) {
        double[] best = new double[corners.length];
        for (int o = 0; o < corners.length; o++) {
            best[o] = in[corners[o]];
            chosen[o] = corners[o];
        }
        for (int k = 1; k < offsets.length; k++) {
            for (int o = 0, offset = offsets[k]; o < corners.length; o++) {
                double value = in[corners[o] + offset];
                chosen[o] = value > best[o] ? corners[o] + offset : chosen[o];
                best[o] = Math.max(best[o], value);
            }
        }
        for (int o = 0; o < corners.length; o++) {
            chosen[o] = best[o] == best[o] ? chosen[o] : firstNaN(corners[o], offsets, i -> in[i]);
            best[o] = in[chosen[o]];
        }
        return best;
    }

    private static int firstNaN(int corner, int[] offsets, IntToDoubleFunction in) {
        int k = 0;
        while (!Double.isNaN(in.applyAsDouble(corner + offsets[k]))) {
            k++;
        }
        return corner + offsets[k];
    }

    /** The input index of each window's first element, in output order. */
    private int[] corners(Windows.Geometry g) {
        int[] corners = new int[g.batch() * g.channels() * g.outHeight() * g.outWidth()];
        int o = 0;
        for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    corners[o++] = (plane * g.height() + oy * stride[0]) * g.width() + ox * stride[1];
                }
            }
        }
        return corners;
    }

    /** Each window element's index relative to its window's first, in scan order (ky, kx). */
    private int[] offsets(Windows.Geometry g) {
        int[] offsets = new int[window[0] * window[1]];
        for (int ky = 0, k = 0; ky < window[0]; ky++) {
            for (int kx = 0; kx < window[1]; kx++) {
                offsets[k++] = ky * g.width() + kx;
            }
        }
        return offsets;
    }

    private double[] averages(double[] in, Windows.Geometry g) {
        double[] out = new double[g.batch() * g.channels() * g.outHeight() * g.outWidth()];
        int o = 0;
        for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
            int base = plane * g.height() * g.width();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, o++) {
                    double sum = 0;
                    for (int ky = 0; ky < window[0]; ky++) {
                        for (int kx = 0; kx < window[1]; kx++) {
                            sum += in[base + (oy * stride[0] + ky) * g.width() + ox * stride[1] + kx];
                        }
                    }
                    out[o] = sum / (window[0] * window[1]);
                }
            }
        }
        return out;
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
            if (max && dLdZ.dataType() == DataType.FLOAT && stride[0] >= window[0] && stride[1] >= window[1]) {
                return new LayerGradients(Map.of(), NdArrays.fromFloats(routedToMaxima(NdArrays.floats(dLdZ)), inputShape));
            }
            double[] delta = NdArrays.doubles(dLdZ);
            double[] dX = new double[inputLength()];
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

        private int inputLength() {
            return (int) (inputShape[0] * inputShape[1] * inputShape[2] * inputShape[3]);
        }

        /**
         * Max pooling's dL/dx in float32 when windows do not overlap: each input is in one window at most, so it gets
         * one window's dL/dz or nothing, and the sum that the float64 path makes in doubles and rounds (0 + d) is the
         * same float; without the two conversions through doubles, which took most of this pass (−0 becomes +0 both
         * ways).
         */
        private float[] routedToMaxima(float[] delta) {
            float[] dX = new float[inputLength()];
            for (int o = 0; o < delta.length; o++) {
                dX[chosen[o]] += delta[o];
            }
            return dX;
        }
    }
}
