package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API's conversions ({@link VectorConversions}, through {@link Conversions}) give what Java's casts give,
 * value for value: doubles halfway between two floats (ties to even), beyond float's range, subnormal on either side,
 * ±0, ±∞ and NaN, in runs of every length around the lanes' multiples, from and to offsets, and over enough calls that
 * the JIT-compiled vector loops are what is compared; and base64's little-endian float bytes as a ByteBuffer reads and
 * writes them.
 */
class ConversionsTest {

    @Test
    void theTestJvmHasTheVectorApi() {
        // the build gives every test JVM the module (pom.xml's gradserve.jvm.modules): else this compares casts with casts
        assertThat(VectorApi.AVAILABLE).isTrue();
    }

    @Test
    void doublesBecomeTheFloatsJavasCastMakes() {
        Random random = new Random(11);
        double[] source = new double[4100];
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < source.length; i++) {
                source[i] = interestingDouble(random);
            }
            int count = round < 40 ? round : 4000 + random.nextInt(90);
            int from = random.nextInt(5);
            int to = random.nextInt(5);
            float[] target = new float[count + to + 3];
            Conversions.toFloats(source, from, target, to, count);
            for (int i = 0; i < count; i++) {
                assertThat(Float.floatToIntBits(target[to + i])).as("%s", source[from + i])
                        .isEqualTo(Float.floatToIntBits((float) source[from + i]));
            }
            assertThat(target[to + count]).as("nothing written past the run").isZero();
            if (to > 0) {
                assertThat(target[to - 1]).as("nothing written before the run").isZero();
            }
        }
    }

    @Test
    void floatsBecomeTheSameValuesAsDoubles() {
        Random random = new Random(12);
        float[] source = new float[4100];
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < source.length; i++) {
                source[i] = (float) interestingDouble(random);
            }
            int count = round < 40 ? round : 4000 + random.nextInt(90);
            int from = random.nextInt(5);
            int to = random.nextInt(5);
            double[] target = new double[count + to + 3];
            Conversions.toDoubles(source, from, target, to, count);
            for (int i = 0; i < count; i++) {
                assertThat(Double.doubleToLongBits(target[to + i])).as("%s", source[from + i])
                        .isEqualTo(Double.doubleToLongBits(source[from + i]));
            }
            assertThat(target[to + count]).as("nothing written past the run").isZero();
            if (to > 0) {
                assertThat(target[to - 1]).as("nothing written before the run").isZero();
            }
        }
    }

    @Test
    void littleEndianFloatBytesAreReadAndWrittenAsByteBuffersDo() {
        Random random = new Random(13);
        for (int round = 0; round < 300; round++) {
            int count = round < 40 ? round : 4000 + random.nextInt(90);
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = interestingDouble(random);
            }
            byte[] written = new byte[count * Float.BYTES];
            Conversions.toLittleEndianFloats(values, written);
            ByteBuffer expected = ByteBuffer.allocate(written.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double value : values) {
                expected.putFloat((float) value);
            }
            assertThat(written).isEqualTo(expected.array());

            double[] read = new double[count];
            Conversions.fromLittleEndianFloats(written, read);
            FloatBuffer floats = ByteBuffer.wrap(written).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            for (int i = 0; i < count; i++) {
                assertThat(Double.doubleToLongBits(read[i])).isEqualTo(Double.doubleToLongBits(floats.get(i)));
            }
        }
    }

    /** Mostly ordinary values; one in eight a tie between two floats, a value past float's range or below its smallest, or a special. */
    private static double interestingDouble(Random random) {
        switch (random.nextInt(16)) {
            case 0: {
                // exactly halfway between two adjacent floats: ties go to the even one
                float below = (float) random.nextGaussian();
                return ((double) below + Math.nextUp(below)) / 2;
            }
            case 1:
                return random.nextGaussian() * 1e39;
            case 2:
                return random.nextGaussian() * 1e-44;
            case 3: {
                double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                        Float.MAX_VALUE, Float.MIN_VALUE, Double.MIN_VALUE, 3.4028235677973366e38};
                return special[random.nextInt(special.length)];
            }
            default:
                return random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
        }
    }
}
