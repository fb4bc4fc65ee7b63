package dev.gradserve.model.keras;

import dev.gradserve.model.Tensor;
import java.util.function.IntUnaryOperator;

/**
 * One gradserve parameter as (part of) one Keras variable: both shapes, and where each element goes.
 * Every mapping is a permutation (a transpose, gate blocks reordered, a flatten's features reordered),
 * so gradients convert exactly as weights do.
 *
 * @param keras      the Keras variable, e.g. {@code kernel}
 * @param kerasShape its shape
 * @param name       the gradserve parameter, e.g. {@code W}
 * @param shape      its shape
 * @param toKeras    flat (row-major) index in gradserve's parameter → flat index in the Keras variable
 */
record ParameterMapping(String keras, int[] kerasShape, String name, int[] shape, IntUnaryOperator toKeras) {

    int size() {
        return (int) Tensor.elementCount(shape);
    }

    int kerasSize() {
        return (int) Tensor.elementCount(kerasShape);
    }

    /** A vector both write alike: a Dense or Conv2D bias. */
    static ParameterMapping same(String keras, String name, int size) {
        return new ParameterMapping(keras, new int[] {size}, name, new int[] {size}, IntUnaryOperator.identity());
    }

    /**
     * W [units, in] from a Dense kernel [in, units]: W[o][f] = kernel[featureOrder(f)][o].
     *
     * @param featureOrder gradserve's input feature → Keras' (the identity unless a Flatten reordered them)
     */
    static ParameterMapping dense(int units, int in, IntUnaryOperator featureOrder) {
        return new ParameterMapping("kernel", new int[] {in, units}, "W", new int[] {units, in},
                i -> featureOrder.applyAsInt(i % in) * units + i / in);
    }

    /** W [filters, channels, kh, kw] from a Conv2D kernel [kh, kw, channels, filters]. */
    static ParameterMapping conv(int filters, int channels, int kh, int kw) {
        int area = kh * kw;
        return new ParameterMapping("kernel", new int[] {kh, kw, channels, filters}, "W",
                new int[] {filters, channels, kh, kw}, i -> {
                    int filter = i / (channels * area);
                    int channel = i / area % channels;
                    int position = i % area;
                    return (position * channels + channel) * filters + filter;
                });
    }

    /**
     * A recurrent matrix W [gates·units, columns] from a Keras kernel [columns, gates·units], whose gate
     * blocks may come in another order: gradserve's block g is Keras' block {@code kerasGate[g]}.
     */
    static ParameterMapping gates(String keras, String name, int units, int columns, int[] kerasGate) {
        int width = kerasGate.length * units;
        return new ParameterMapping(keras, new int[] {columns, width}, name, new int[] {width, columns}, i -> {
            int row = i / columns;
            return i % columns * width + kerasGate[row / units] * units + row % units;
        });
    }

    /**
     * A recurrent bias [gates·units] from row {@code row} of a Keras bias: [gates·units] itself when it has
     * one row, [rows, gates·units] otherwise (a GRU's input and recurrent biases).
     */
    static ParameterMapping gateBias(String name, int units, int[] kerasGate, int row, int rows) {
        int width = kerasGate.length * units;
        int[] kerasShape = rows == 1 ? new int[] {width} : new int[] {rows, width};
        return new ParameterMapping("bias", kerasShape, name, new int[] {width},
                i -> row * width + kerasGate[i / units] * units + i % units);
    }
}
