package dev.gradserve.compute;

/**
 * Runs of a float32 array's values between {@code float[]} and {@code double[]} (the doubles exactly the floats; the
 * floats the doubles rounded to nearest, ties to even, as Java's cast): through {@link VectorConversions} where the JVM
 * has the Vector API ({@link VectorApi}), else one value at a time, the same values. Every float32 tensor passes
 * here on its way between the API's {@code double[]} and ND4J's native memory.
 */
final class Conversions {

    private Conversions() {}

    /** target[to + i] = (float) source[from + i] for i &lt; count. */
    static void toFloats(double[] source, int from, float[] target, int to, int count) {
        int done = VectorApi.AVAILABLE ? VectorConversions.toFloats(source, from, target, to, count) : 0;
        for (int i = done; i < count; i++) {
            target[to + i] = (float) source[from + i];
        }
    }

    /** target[to + i] = source[from + i] for i &lt; count. */
    static void toDoubles(float[] source, int from, double[] target, int to, int count) {
        int done = VectorApi.AVAILABLE ? VectorConversions.toDoubles(source, from, target, to, count) : 0;
        for (int i = done; i < count; i++) {
            target[to + i] = source[from + i];
        }
    }
}
