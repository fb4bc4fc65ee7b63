package dev.gradserve.compute;

import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Conversions} a vector at a time: lane casts between doubles and as many floats, which round as Java's cast
 * does (to nearest, ties to even). JDK 17's compiler vectorises neither direction of a plain conversion loop.
 */
final class VectorConversions {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as DOUBLES has doubles. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private VectorConversions() {}

    static boolean wideEnough() {
        return DOUBLES.length() >= 4;
    }

    /** @return how many values it converted (a multiple of the lanes); the caller converts the rest */
    static int toFloats(double[] source, int from, float[] target, int to, int count) {
        int lanes = DOUBLES.length();
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            ((FloatVector) DoubleVector.fromArray(DOUBLES, source, from + i).castShape(FLOATS, 0)).intoArray(target, to + i);
        }
        return i;
    }

    /** @return how many values it converted (a multiple of the lanes); the caller converts the rest */
    static int toDoubles(float[] source, int from, double[] target, int to, int count) {
        int lanes = DOUBLES.length();
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            ((DoubleVector) FloatVector.fromArray(FLOATS, source, from + i).castShape(DOUBLES, 0)).intoArray(target, to + i);
        }
        return i;
    }

    /** @return how many values it converted (a multiple of the lanes); the caller converts the rest */
    static int fromLittleEndianFloats(byte[] source, double[] target, int count) {
        int lanes = DOUBLES.length();
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            ((DoubleVector) FloatVector.fromByteArray(FLOATS, source, i * Float.BYTES, ByteOrder.LITTLE_ENDIAN)
                    .castShape(DOUBLES, 0)).intoArray(target, i);
        }
        return i;
    }

    /** @return how many values it converted (a multiple of the lanes); the caller converts the rest */
    static int toLittleEndianFloats(double[] source, byte[] target, int count) {
        int lanes = DOUBLES.length();
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            ((FloatVector) DoubleVector.fromArray(DOUBLES, source, i).castShape(FLOATS, 0))
                    .intoByteArray(target, i * Float.BYTES, ByteOrder.LITTLE_ENDIAN);
        }
        return i;
    }
}
