package dev.gradserve.compute;

import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place where {@link Tensor}s become ND4J arrays and back. The data type is always passed
 * explicitly: ND4J's global default is never read or changed, so requests in float32 and float64
 * can run side by side.
 */
public final class NdArrays {

    private NdArrays() {}

    public static DataType dataType(DType dtype) {
        return dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    }

    public static INDArray toArray(Tensor tensor, DType dtype) {
        long[] shape = new long[tensor.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.shape()[i];
        }
        return fromDoubles(tensor.data(), shape, dataType(dtype));
    }


    public static Tensor toTensor(INDArray array) {
        double[] data = doubles(array);
        long[] longShape = array.shape();
        int[] shape = new int[longShape.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) longShape[i];
        }
        return new Tensor(shape, data);
    }

    /**
     * float32 is converted through a Java array of this many floats (16 KB, in the cache): a whole-size one cost the
     * JVM zeroing it and a pass more over memory.
     */
    private static final int CHUNK = 4096;

    /** The elements in row-major order, as a new array. */
    static double[] doubles(INDArray array) {
        INDArray rowMajor = rowMajor(array);
        int length = (int) rowMajor.length();
        double[] data = new double[length];
        if (rowMajor.dataType() == DataType.DOUBLE) {
            ((DoublePointer) rowMajor.data().addressPointer()).get(data, 0, length);
        } else if (rowMajor.dataType() == DataType.FLOAT) {
            FloatBuffer in = floatBuffer(rowMajor);
            float[] chunk = new float[Math.min(CHUNK, length)];
            for (int at = 0; at < length; at += chunk.length) {
                int count = Math.min(chunk.length, length - at);
                in.get(at, chunk, 0, count);
                Conversions.toDoubles(chunk, 0, data, at, count);
            }
        } else {
            System.arraycopy(rowMajor.data().asDouble(), 0, data, 0, length);
        }
        return data;
    }

    /**
     * A new array of this shape and type holding {@code data} (row-major), written straight into its
     * buffer: ND4J's own {@code create(double[], …)} converts element by element and costs several
     * times as much for large arrays.
     */
    static INDArray fromDoubles(double[] data, long[] shape, DataType type) {
        if (type != DataType.DOUBLE && type != DataType.FLOAT) {
            return Nd4j.create(data, shape, type);
        }
        INDArray array = Nd4j.createUninitialized(type, shape);
        if (type == DataType.DOUBLE) {
            ((DoublePointer) array.data().addressPointer()).put(data, 0, data.length);
        } else {
            FloatBuffer out = floatBuffer(array);
            float[] chunk = new float[Math.min(CHUNK, data.length)];
            for (int at = 0; at < data.length; at += chunk.length) {
                int count = Math.min(chunk.length, data.length - at);
                Conversions.toFloats(data, at, chunk, 0, count);
                out.put(at, chunk, 0, count);
            }
        }
        return array;
    }

    /**
     * Σ over the rows of row-major values [rows, width] in a plain array, per column, as a new array [width] of
     * this type: a bias's gradient. Summed in double, and several times faster than ND4J's sum along a dimension
     * or a product with a row of ones (65–125 vs 35 µs for an MLP layer's [128, 256] in float32, measured side by
     * side), which for the recurrent layers' [1600, 256] took a tenth of the backward pass.
     */
    static INDArray columnSums(double[] values, int width, DataType type) {
        double[] sums = new double[width];
        for (int at = 0; at < values.length; at += width) {
            for (int j = 0; j < width; j++) {
                sums[j] += values[at + j];
            }
        }
        return fromDoubles(sums, new long[] {width}, type);
    }

    /**
     * {@link #columnSums(double[], int, DataType)} of an array [rows, width]; float32 is read as floats (converting
     * it to doubles first took longer than the sums: 85 vs 37 µs for [128, 256]).
     */
    static INDArray columnSums(INDArray rows) {
        int width = (int) rows.size(1);
        if (rows.dataType() != DataType.FLOAT) {
            return columnSums(doubles(rows), width, rows.dataType());
        }
        float[] values = floats(rows);
        double[] sums = new double[width];
        for (int at = 0; at < values.length; at += width) {
            for (int j = 0; j < width; j++) {
                sums[j] += values[at + j];
            }
        }
        return fromDoubles(sums, new long[] {width}, DataType.FLOAT);
    }

    /** The elements in row-major order, as a new array (converted if the array is not float32). */
    static float[] floats(INDArray array) {
        INDArray rowMajor = rowMajor(array);
        if (rowMajor.dataType() != DataType.FLOAT) {
            float[] data = rowMajor.data().asFloat();
            return data.length == rowMajor.length() ? data : Arrays.copyOf(data, (int) rowMajor.length());
        }
        float[] data = new float[(int) rowMajor.length()];
        ((FloatPointer) rowMajor.data().addressPointer()).get(data, 0, data.length);
        return data;
    }

    /**
     * A packed float32 array's native memory as a buffer of its length, for absolute gets and puts in bulk from Java
     * arrays (no copy of the whole array on either side).
     */
    static FloatBuffer floatBuffer(INDArray array) {
        return new FloatPointer(array.data().addressPointer()).capacity(array.length()).asBuffer();
    }

    /** {@link #floatBuffer} for a packed float64 array. */
    static DoubleBuffer doubleBuffer(INDArray array) {
        return new DoublePointer(array.data().addressPointer()).capacity(array.length()).asBuffer();
    }

    /** A new float32 array of this shape holding {@code data} (row-major), written straight into its buffer. */
    static INDArray fromFloats(float[] data, long[] shape) {
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape);
        ((FloatPointer) array.data().addressPointer()).put(data, 0, data.length);
        return array;
    }

    /**
     * The array itself when its buffer holds exactly its elements in row-major order, else a row-major copy.
     * Strides are compared too: a permuted array reports order 'c' and no view, yet its buffer is in the
     * old order.
     */
    private static INDArray rowMajor(INDArray array) {
        return isPacked(array) ? array : array.dup('c');
    }

    /** Whether the array's buffer holds exactly its elements in row-major order, from its start. */
    static boolean isPacked(INDArray array) {
        return !array.isView() && isRowMajorFromStart(array);
    }

    /**
     * Whether the array's elements are its buffer's first ones in row-major order, as with {@link #isPacked} but a
     * view allowed (a reshape of a packed array is one).
     */
    static boolean isRowMajorFromStart(INDArray array) {
        return array.ordering() == 'c' && array.offset() == 0 && array.data().offset() == 0
                && array.data().length() >= array.length()
                && Arrays.equals(array.stride(), Nd4j.getStrides(array.shape(), 'c'));
    }

    public static Network.Parameters toParameters(Weights weights, DType dtype) {
        Map<String, Map<String, INDArray>> layers = new LinkedHashMap<>();
        weights.layers().forEach((layer, parameters) -> {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            parameters.forEach((name, tensor) -> arrays.put(name, toArray(tensor, dtype)));
            layers.put(layer, arrays);
        });
        return new Network.Parameters(layers);
    }

    public static Weights toWeights(Map<String, Map<String, INDArray>> arrays) {
        Map<String, Map<String, Tensor>> layers = new LinkedHashMap<>();
        arrays.forEach((layer, parameters) -> {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            parameters.forEach((name, array) -> tensors.put(name, toTensor(array)));
            layers.put(layer, tensors);
        });
        return new Weights(layers);
    }
}
