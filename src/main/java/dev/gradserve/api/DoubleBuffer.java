package dev.gradserve.api;

import java.util.Arrays;

/** A growable double[]: numbers go in unboxed (the tensor codec's nested and flat arrays, and those read ahead). */
final class DoubleBuffer {

    private double[] values = new double[16];
    private int size;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** Empties the buffer, keeping its capacity. */
    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
