package dev.gradserve.model;

import java.util.Arrays;

/**
 * A dense, row-major tensor of doubles: the form in which numbers travel between the API and the
 * compute core. Neither side's types leak into the other; float32 values are held exactly as doubles.
 *
 * @param shape dimensions, outermost first; empty for a scalar
 * @param data  the elements in row-major order; its length is the product of {@code shape}
 */
public record Tensor(int[] shape, double[] data) {

    public Tensor {
        if (elementCount(shape) != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + elementCount(shape) + " elements, got " + data.length);
        }
    }

    public static Tensor vector(double... values) {
        return new Tensor(new int[] {values.length}, values);
    }

    public static Tensor matrix(double[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * columns, columns);
        }
        return new Tensor(new int[] {rows.length, columns}, data);
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /**
     * Product of the dimensions, as a long that saturates at {@link Long#MAX_VALUE} rather than wrap, so that a
     * hostile shape such as 65536⁴ can never pass a size check as a small number.
     */
    public static long elementCount(int[] shape) {
        long count = 1;
        for (int dimension : shape) {
            try {
                count = Math.multiplyExact(count, dimension);
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return count;
    }

    /** Example {@code index} of a batch [batch, …] as a batch of one, [1, …]. */
    public Tensor example(int index) {
        int[] one = shape.clone();
        one[0] = 1;
        int size = data.length / shape[0];
        return new Tensor(one, Arrays.copyOfRange(data, index * size, (index + 1) * size));
    }

    /** Index of the first element that is NaN or infinite, or -1 when all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The row-major flat index {@code flat} as a multi-index, e.g. [1, 0]. */
    public int[] indexOf(int flat) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    public static String shapeString(int[] shape) {
        return Arrays.toString(shape);
    }

    /** e.g. {@code [batch, 10]} for one example's shape [10]. */
    public static String batchShapeString(int[] exampleShape) {
        StringBuilder text = new StringBuilder("[batch");
        for (int dimension : exampleShape) {
            text.append(", ").append(dimension);
        }
        return text.append(']').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + (data.length <= 16 ? Arrays.toString(data) : "");
    }
}
