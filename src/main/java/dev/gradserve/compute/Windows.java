package dev.gradserve.compute;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sliding windows over [batch, channels, height, width] as plain loops, and the layout changes around them. The
 * windows are pure data movement, which ND4J does slowly for such shapes (its im2col and the 6-D permutation after
 * it took 5–19 ms for a 64-image batch of LeNet's first layer; these loops take about one); the layout changes are
 * 3-D permutations with contiguous blocks, which ND4J does fast (0.2–0.3 ms there). The arithmetic stays in ND4J's
 * GEMMs.
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
     * Every window as a column (im2col): [channels·kh·kw, batch·outHeight·outWidth], rows ordered (c, ky, kx),
     * columns (n, oy, ox); zero where the window covers padding. Moved a {@link #runs run} at a time, image by
     * image, in the input's own precision, straight into the columns' native memory: building them in a Java array
     * first cost as much again (the JVM zeroing 3.7 MB for LeNet's first layer in float32 and the copy out, 0.63 ms
     * of its 0.75; 0.28 ms this way).
     */
    static INDArray columns(INDArray x, Geometry g, int[] runs) {
        long[] shape = {g.windowSize(), g.positions()};
        INDArray columns = isCovered(g, runs) ? Nd4j.createUninitialized(x.dataType(), shape)
                : Nd4j.create(x.dataType(), shape);
        int image = g.channels * g.height * g.width;
        int area = g.outHeight * g.outWidth;
        if (x.dataType() == DataType.FLOAT) {
            float[] in = NdArrays.floats(x);
            FloatBuffer out = NdArrays.floatBuffer(columns);
            float[] strided = new float[g.outWidth];
            for (int n = 0; n < g.batch; n++) {
                for (int r = 0, from = n * image, to = n * area; r < runs.length; r += 3) {
                    if (g.sw == 1) {
                        out.put(to + runs[r + 1], in, from + runs[r], runs[r + 2]);
                    } else {
                        for (int i = 0; i < runs[r + 2]; i++) {
                            strided[i] = in[from + runs[r] + i * g.sw];
                        }
                        out.put(to + runs[r + 1], strided, 0, runs[r + 2]);
                    }
                }
            }
            return columns;
        }
        double[] in = NdArrays.doubles(x);
        DoubleBuffer out = NdArrays.doubleBuffer(columns);
        double[] strided = new double[g.outWidth];
        for (int n = 0; n < g.batch; n++) {
            for (int r = 0, from = n * image, to = n * area; r < runs.length; r += 3) {
                if (g.sw == 1) {
                    out.put(to + runs[r + 1], in, from + runs[r], runs[r + 2]);
                } else {
                    for (int i = 0; i < runs[r + 2]; i++) {
                        strided[i] = in[from + runs[r] + i * g.sw];
                    }
                    out.put(to + runs[r + 1], strided, 0, runs[r + 2]);
                }
            }
        }
        return columns;
    }

    /** Whether the runs fill every column (no window covers padding), so that nothing is left to zero. */
    private static boolean isCovered(Geometry g, int[] runs) {
        long covered = 0;
        for (int r = 2; r < runs.length; r += 3) {
            covered += runs[r];
        }
        return covered * g.batch == (long) g.windowSize() * g.positions();
    }

    /**
     * The inverse of {@link #columns} (col2im): each column's values added back at their places; padding dropped.
     * One row of the columns (one window element) at a time, copied from native memory into a buffer that stays in
     * the caches and added into every image, rather than all the columns copied into a Java array first (2.4 MB for
     * LeNet's second layer in float32, 0.3 ms of the 1.2 this took in a loop; now 0.75). Each input element still
     * receives its values in the rows' order, so its sums are the same bits.
     */
    static INDArray scatterColumns(INDArray dColumns, Geometry g, int[] runs) {
        INDArray packed = NdArrays.isRowMajorFromStart(dColumns) ? dColumns : dColumns.dup('c');
        long[] shape = {g.batch, g.channels, g.height, g.width};
        int image = g.channels * g.height * g.width;
        int area = g.outHeight * g.outWidth;
        int positions = g.positions();
        if (packed.dataType() == DataType.FLOAT) {
            FloatBuffer in = NdArrays.floatBuffer(packed);
            float[] row = new float[positions];
            float[] out = new float[g.batch * image];
            for (int r = 0, next; r < runs.length; r = next) {
                int start = runs[r + 1] / positions * positions;
                next = endOfRow(runs, r, start + positions);
                in.get(start, row, 0, positions);
                for (int n = 0; n < g.batch; n++) {
                    for (int s = r; s < next; s += 3) {
                        add(out, n * image + runs[s], row, n * area + runs[s + 1] - start, runs[s + 2], g.sw);
                    }
                }
            }
            return NdArrays.fromFloats(out, shape);
        }
        DoubleBuffer in = NdArrays.doubleBuffer(packed);
        double[] row = new double[positions];
        double[] out = new double[g.batch * image];
        for (int r = 0, next; r < runs.length; r = next) {
            int start = runs[r + 1] / positions * positions;
            next = endOfRow(runs, r, start + positions);
            in.get(start, row, 0, positions);
            for (int n = 0; n < g.batch; n++) {
                for (int s = r; s < next; s += 3) {
                    add(out, n * image + runs[s], row, n * area + runs[s + 1] - start, runs[s + 2], g.sw);
                }
            }
        }
        return NdArrays.fromDoubles(out, shape, packed.dataType());
    }

    /**
     * out[to + i·step] += in[from + i] for i < length. With stride 1, eight at a time written out: a run is one window
     * row for one row of outputs, often as short as 8, too short for the JIT's vector loop, and the plain loop cost
     * more in its set-up and exit than in its additions.
     */
    private static void add(float[] out, int to, float[] in, int from, int length, int step) {
        int i = 0;
        if (step == 1) {
            for (; i + 8 <= length; i += 8) {
                out[to + i] += in[from + i];
                out[to + i + 1] += in[from + i + 1];
                out[to + i + 2] += in[from + i + 2];
                out[to + i + 3] += in[from + i + 3];
                out[to + i + 4] += in[from + i + 4];
                out[to + i + 5] += in[from + i + 5];
                out[to + i + 6] += in[from + i + 6];
                out[to + i + 7] += in[from + i + 7];
            }
        }
        for (; i < length; i++) {
            out[to + i * step] += in[from + i];
        }
    }

    /** {@link #add(float[], int, float[], int, int, int)} in float64. */
    private static void add(double[] out, int to, double[] in, int from, int length, int step) {
        int i = 0;
        if (step == 1) {
            for (; i + 8 <= length; i += 8) {
                out[to + i] += in[from + i];
                out[to + i + 1] += in[from + i + 1];
                out[to + i + 2] += in[from + i + 2];
                out[to + i + 3] += in[from + i + 3];
                out[to + i + 4] += in[from + i + 4];
                out[to + i + 5] += in[from + i + 5];
                out[to + i + 6] += in[from + i + 6];
                out[to + i + 7] += in[from + i + 7];
            }
        }
        for (; i < length; i++) {
            out[to + i * step] += in[from + i];
        }
    }

    /** The index of the first run from {@code r} on whose columns start at or after {@code rowEnd}. */
    private static int endOfRow(int[] runs, int r, int rowEnd) {
        while (r < runs.length && runs[r + 1] < rowEnd) {
            r += 3;
        }
        return r;
    }

    /**
     * What im2col moves for the first image, as runs of three ints: the input index of a run's first element (the
     * next ones every {@code sw}), the index in the columns array of its first (the next ones adjacent), and its
     * length. A run is one window row's elements for one row of outputs, in bounds; what is left out is padding.
     * Image n's runs are the same, n·channels·height·width further on in the input and n·outHeight·outWidth in the
     * columns.
     */
    static int[] runs(Geometry g) {
        int[] runs = new int[3 * g.windowSize() * g.outHeight];
        int count = 0;
        int row = 0;
        for (int c = 0; c < g.channels; c++) {
            for (int ky = 0; ky < g.kh; ky++) {
                for (int kx = 0; kx < g.kw; kx++, row++) {
                    int offset = kx - g.left;
                    int first = offset >= 0 ? 0 : (-offset + g.sw - 1) / g.sw;
                    int end = offset > g.width - 1 ? 0 : Math.min(g.outWidth, (g.width - 1 - offset) / g.sw + 1);
                    for (int oy = 0; oy < g.outHeight && first < end; oy++) {
                        int y = oy * g.sh + ky - g.top;
                        if (y >= 0 && y < g.height) {
                            runs[count++] = (c * g.height + y) * g.width + offset + first * g.sw;
                            runs[count++] = row * g.positions() + oy * g.outWidth + first;
                            runs[count++] = end - first;
                        }
                    }
                }
            }
        }
        return Arrays.copyOf(runs, count);
    }

    /**
     * [channels, batch·h·w] (a product's rows per channel) as [batch, channels, h, w], with {@code bias[c]}
     * added to channel c when there is a bias.
     */
    static INDArray toPlanes(INDArray byChannel, INDArray bias, int batch, int height, int width) {
        int channels = (int) byChannel.size(0);
        INDArray planes = byChannel.reshape('c', channels, batch, (long) height * width).permute(1, 0, 2).dup('c')
                .reshape('c', batch, channels, height, width);
        if (bias != null) {
            Nd4j.exec(new BiasAdd(planes, bias, planes, true));
        }
        return planes;
    }

    /** [batch, channels, h, w] as [channels, batch·h·w]: the inverse of {@link #toPlanes}. */
    static INDArray byChannel(INDArray image) {
        long batch = image.size(0);
        long channels = image.size(1);
        long area = image.size(2) * image.size(3);
        return image.reshape('c', batch, channels, area).permute(1, 0, 2).dup('c').reshape('c', channels, batch * area);
    }
}
