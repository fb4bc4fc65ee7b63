package dev.gradserve.compute;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max or average pooling over [batch, channels, height, width], per channel, as PyTorch's MaxPool2d
 * and AvgPool2d without padding. The windows are gathered with im2col; the backward pass scatters
 * the gradient back with col2im (summing where windows overlap): to the first maximum of each window
 * for max pooling, and equally to every element for average pooling.
 */
final class Pool2dLayer implements Layer {

    private final String name;
    private final boolean max;
    private final int windowHeight;
    private final int windowWidth;
    private final int strideHeight;
    private final int strideWidth;

    Pool2dLayer(String name, boolean max, int[] window, int[] stride) {
        this.name = name;
        this.max = max;
        this.windowHeight = window[0];
        this.windowWidth = window[1];
        this.strideHeight = stride[0];
        this.strideWidth = stride[1];
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
        INDArray windows = Windows.gather(x, windowHeight, windowWidth, strideHeight, strideWidth);
        long[] s = windows.shape();
        INDArray flat = windows.reshape('c', s[0], s[1], s[2] * s[3], s[4], s[5]);
        INDArray pooled = max ? flat.max(2) : flat.mean(2);
        INDArray chosen = max ? firstMaximum(flat) : null;
        return new Trace(x.shape(), s, chosen, pooled);
    }

    /** 1 at the first maximum of each window (along dimension 2), 0 elsewhere: where max pooling sends its gradient. */
    private static INDArray firstMaximum(INDArray flat) {
        INDArray index = flat.argMax(2);
        INDArray positions = Nd4j.arange(0, flat.size(2)).castTo(flat.dataType()).reshape(1, 1, flat.size(2), 1, 1);
        INDArray indexAsType = index.castTo(flat.dataType()).reshape(flat.size(0), flat.size(1), 1, flat.size(3), flat.size(4));
        return positions.sub(indexAsType).eq(0).castTo(flat.dataType());
    }

    private final class Trace implements LayerTrace {

        private final long[] inputShape;
        private final long[] windowsShape;
        private final INDArray chosen;
        private final INDArray pooled;

        Trace(long[] inputShape, long[] windowsShape, INDArray chosen, INDArray pooled) {
            this.inputShape = inputShape;
            this.windowsShape = windowsShape;
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

        /** dL/dx = col2im(spread(dL/dz)): each window's gradient to its maximum, or divided equally among its elements. */
        @Override
        public LayerGradients backward(INDArray dLdZ, boolean needInputGradient) {
            if (!needInputGradient) {
                return new LayerGradients(Map.of(), null);
            }
            long[] s = windowsShape;
            INDArray perWindow = dLdZ.reshape('c', s[0], s[1], 1, s[4], s[5]);
            INDArray spread = max ? chosen.mul(perWindow)
                    : Nd4j.zeros(dLdZ.dataType(), s[0], s[1], s[2] * s[3], s[4], s[5]).addi(perWindow.div(s[2] * s[3]));
            INDArray dWindows = spread.reshape('c', s);
            return new LayerGradients(Map.of(), Windows.scatter(dWindows, strideHeight, strideWidth, inputShape[2],
                    inputShape[3]));
        }
    }
}
