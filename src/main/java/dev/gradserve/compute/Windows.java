package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sliding windows over [batch, channels, height, width] (no padding: callers pad first). The output
 * arrays are made here in the input's data type: ND4J's own convenience overloads allocate in its
 * global default type and then refuse float64 inputs.
 */
final class Windows {

    private Windows() {}

    /** Every window as [batch, channels, kh, kw, outHeight, outWidth] (im2col). */
    static INDArray gather(INDArray x, int kh, int kw, int sh, int sw) {
        long outHeight = (x.size(2) - kh) / sh + 1;
        long outWidth = (x.size(3) - kw) / sw + 1;
        INDArray windows = Nd4j.create(x.dataType(), x.size(0), x.size(1), kh, kw, outHeight, outWidth);
        return Convolution.im2col(x, kh, kw, sh, sw, 0, 0, false, windows);
    }

    /**
     * The inverse placement (col2im): each window's values added back at its place in a [batch, channels,
     * height, width] array. (The overload that takes an output array passes the kernel size where the
     * native op expects the image size, so this one is used; it keeps the data type.)
     */
    static INDArray scatter(INDArray windows, int sh, int sw, long height, long width) {
        return Convolution.col2im(windows, sh, sw, 0, 0, (int) height, (int) width);
    }
}
