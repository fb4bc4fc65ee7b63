package dev.gradserve.compute;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Runs of a float32 array's values between {@code float[]} and {@code double[]} (the doubles exactly the floats; the
 * floats the doubles rounded to nearest, ties to even, as Java's cast): through {@link VectorConversions} where the JVM
 * has the Vector API ({@link VectorApi}), else one value at a time, the same values. Every float32 tensor passes
 * here on its way between the API's {@code double[]} and ND4J's native memory, a base64 one between its bytes
 * (little-endian IEEE 754 floats) and {@code double[]}, and a float32 session's state on its way to and from Redis.
 */
public final class Conversions {

    private static final VarHandle FLOAT_LITTLE_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private Conversions() {}

    /** target[i] = the float in source[4i .. 4i + 3], little-endian, for every float source holds. */
    public static void fromLittleEndianFloats(byte[] source, double[] target) {
        int count = source.length / Float.BYTES;
        int done = VectorApi.AVAILABLE ? VectorConversions.fromLittleEndianFloats(source, target, count) : 0;
        for (int i = done; i < count; i++) {
            target[i] = (float) FLOAT_LITTLE_ENDIAN.get(source, i * Float.BYTES);
        }
    }

    /** target[4i .. 4i + 3] = (float) source[i], little-endian, for every value of source. */
    public static void toLittleEndianFloats(double[] source, byte[] target) {
        int done = VectorApi.AVAILABLE ? VectorConversions.toLittleEndianFloats(source, target, source.length) : 0;
        for (int i = done; i < source.length; i++) {
            FLOAT_LITTLE_ENDIAN.set(target, i * Float.BYTES, (float) source[i]);
        }
    }

    /** target[to + i] = (float) source[from + i] for i &lt; count. */
    public static void toFloats(double[] source, int from, float[] target, int to, int count) {
        int done = VectorApi.AVAILABLE ? VectorConversions.toFloats(source, from, target, to, count) : 0;
        for (int i = done; i < count; i++) {
            target[to + i] = (float) source[from + i];
        }
    }

    /** target[to + i] = source[from + i] for i &lt; count. */
    public static void toDoubles(float[] source, int from, double[] target, int to, int count) {
        int done = VectorApi.AVAILABLE ? VectorConversions.toDoubles(source, from, target, to, count) : 0;
        for (int i = done; i < count; i++) {
            target[to + i] = source[from + i];
        }
    }
}
