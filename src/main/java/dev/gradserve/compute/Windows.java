package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sliding windows over [batch, channels, height, width], and the layout changes around them, as plain
 * loops. These are pure data movement, which ND4J does slowly for such shapes (its im2col took 6 ms and
 * the 6-D permutation after it 10 ms for a 64-image batch of LeNet's first layer; these loops take about
 * one); the arithmetic stays in ND4J's GEMMs.
 */
final class Windows {

    /** Geometry of one convolution or pooling over an input of [batch, channels, height, width]. */
    record Geometry(int batch, int channels, int height, int width, int kh, int kw, int sh, int sw, int top, int left,
            int outHeight, int outWidth) {

        static Geometry of(long[] input, int kh, int kw, int sh, int sw, int[] padding) {
            int height = (int) input[2];
            int width = (int) input[3];
            int outHeight = (height + padding[0] + padding[1] - kh) / sh + 1;
            int outWidth = (width + padding[2] + padding[3] - kw) / sw + 1;
            return new Geometry((int) input[0], (int) input[1], height, width, kh, kw, sh, sw, padding[0], padding[2],
                    outHeight, outWidth);
        }

        int positions() {
            return batch * outHeight * outWidth;
        }

        int windowSize() {
            return channels * kh * kw;
        }
    }

    private Windows() {}

    /**
     * Every window as a row (im2col): [batch·outHeight·outWidth, channels·kh·kw], rows ordered (n, oy, ox),
     * columns (c, ky, kx); zero where the window covers padding.
     */
    static INDArray rows(INDArray x, Geometry g) {
        double[] in = NdArrays.doubles(x);
        double[] rows = new double[g.positions() * g.windowSize()];
        int row = 0;
        for (int n = 0; n < g.batch; n++) {
            for (int oy = 0; oy < g.outHeight; oy++) {
                for (int ox = 0; ox < g.outWidth; ox++, row++) {
                    int column = row * g.windowSize();
                    for (int c = 0; c < g.channels; c++) {
                        int plane = (n * g.channels + c) * g.height;
                        for (int ky = 0; ky < g.kh; ky++) {
                            int y = oy * g.sh + ky - g.top;
                            for (int kx = 0; kx < g.kw; kx++, column++) {
                                int xx = ox * g.sw + kx - g.left;
                                if (y >= 0 && y < g.height && xx >= 0 && xx < g.width) {
                                    rows[column] = in[(plane + y) * g.width + xx];
                                }
                            }
                        }
                    }
                }
            }
        }
        return NdArrays.fromDoubles(rows, new long[] {g.positions(), g.windowSize()}, x.dataType());
    }

    /** The inverse of {@link #rows} (col2im): each row's values added back at their places; padding dropped. */
    static INDArray scatterRows(INDArray dRows, Geometry g) {
        double[] rows = NdArrays.doubles(dRows);
        double[] out = new double[g.batch * g.channels * g.height * g.width];
        int row = 0;
        for (int n = 0; n < g.batch; n++) {
            for (int oy = 0; oy < g.outHeight; oy++) {
                for (int ox = 0; ox < g.outWidth; ox++, row++) {
                    int column = row * g.windowSize();
                    for (int c = 0; c < g.channels; c++) {
                        int plane = (n * g.channels + c) * g.height;
                        for (int ky = 0; ky < g.kh; ky++) {
                            int y = oy * g.sh + ky - g.top;
                            for (int kx = 0; kx < g.kw; kx++, column++) {
                                int xx = ox * g.sw + kx - g.left;
                                if (y >= 0 && y < g.height && xx >= 0 && xx < g.width) {
                                    out[(plane + y) * g.width + xx] += rows[column];
                                }
                            }
                        }
                    }
                }
            }
        }
        return NdArrays.fromDoubles(out, new long[] {g.batch, g.channels, g.height, g.width}, dRows.dataType());
    }

    /** [batch·h·w, channels] (rows of positions) as [batch, channels, h, w]. */
    static INDArray toChannelsFirst(INDArray positions, int batch, int channels, int height, int width) {
        double[] in = NdArrays.doubles(positions);
        double[] out = new double[in.length];
        int area = height * width;
        for (int n = 0; n < batch; n++) {
            for (int p = 0; p < area; p++) {
                for (int c = 0; c < channels; c++) {
                    out[(n * channels + c) * area + p] = in[(n * area + p) * channels + c];
                }
            }
        }
        return NdArrays.fromDoubles(out, new long[] {batch, channels, height, width}, positions.dataType());
    }

    /** [batch, channels, h, w] as [batch·h·w, channels]: the inverse of {@link #toChannelsFirst}. */
    static INDArray toPositions(INDArray image) {
        int batch = (int) image.size(0);
        int channels = (int) image.size(1);
        int area = (int) (image.size(2) * image.size(3));
        double[] in = NdArrays.doubles(image);
        double[] out = new double[in.length];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < area; p++) {
                    out[(n * area + p) * channels + c] = in[(n * channels + c) * area + p];
                }
            }
        }
        return NdArrays.fromDoubles(out, new long[] {(long) batch * area, channels}, image.dataType());
    }
}
