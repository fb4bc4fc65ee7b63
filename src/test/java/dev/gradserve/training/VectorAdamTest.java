package dev.gradserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.compute.VectorApi;
import dev.gradserve.model.AdamSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adam's one pass of vector instructions ({@link VectorAdam}) gives bit for bit what the copy, the update in place and
 * the rounding give, for the weights and every buffer, over several steps that feed each other, and reads its inputs
 * only.
 */
class VectorAdamTest {

    /** Lengths below, at and around multiples of the vector's lanes, so both the vector loop and its tail run. */
    private static final int[] LENGTHS = {1, 3, 4, 5, 8, 13, 64, 1001};

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new AdamSpec("adam", 0.01, 0.9, 0.999, 1e-8, 0.0, false, null, null), true),
                Arguments.of(new AdamSpec("adam", 0.01, 0.9, 0.999, 1e-8, 0.0, false, null, null), false),
                Arguments.of(new AdamSpec("adam", 0.3, 0.8, 0.99, 1e-6, 0.01, true, null, null), true),
                Arguments.of(new AdamSpec("adam", 0.3, 0.8, 0.99, 1e-6, 0.01, true, null, null), false),
                Arguments.of(new AdamSpec("adam", 1e-9, 0.0, 0.5, 0.0, 2.5, false, null, null), true));
    }

    @Test
    void theTestJvmHasTheVectorApi() {
        // the build gives every test JVM the module (pom.xml's gradserve.jvm.modules): else the tests below compare
        // the plain loops with themselves
        assertThat(VectorApi.AVAILABLE).isTrue();
    }

    /**
     * Each case 400 times over at every length (9,600 calls of the vector pass a case; the JIT compiles it within the
     * first case, as -XX:+PrintCompilation shows), so that the bits of the compiled vector instructions are compared,
     * not only the API's Java fallback.
     */
    @ParameterizedTest(name = "{0}, float32 {1}")
    @MethodSource("cases")
    void onePassGivesTheBitsOfCopyUpdateAndRound(AdamSpec spec, boolean single) {
        Random random = new Random(7);
        for (int round = 0; round < 400; round++) {
            for (int length : LENGTHS) {
                compareOverSteps(spec, single, random, length);
            }
        }
    }

    private static void compareOverSteps(AdamSpec spec, boolean single, Random random, int length) {
        double[] p = values(random, length, single);
        Map<String, double[]> plainBuffers = new LinkedHashMap<>();
        Map<String, double[]> vectorBuffers = new LinkedHashMap<>();
        double[] plainP = p;
        double[] vectorP = p;
        for (long t = 1; t <= 4; t++) {
            double[] g = values(random, length, single);
            if (t == 3) {
                g[0] = 0.0;
                g[length - 1] = -0.0;
                if (length > 2) {
                    g[1] = Double.MIN_VALUE;
                }
            }
            Step plain = step(new Adam(spec, false), plainP, g, plainBuffers, t, single);
            Step vector = step(new Adam(spec, true), vectorP, g, vectorBuffers, t, single);
            assertThat(plain.knownFinite).as("the plain loops do not look").isFalse();
            assertThat(vector.knownFinite).as("step %d, length %d", t, length).isEqualTo(t > 1 && allFinite(vector.p));
            assertThat(bits(vector.p)).as("p after step %d, length %d", t, length).isEqualTo(bits(plain.p));
            assertThat(vector.buffers.keySet()).isEqualTo(plain.buffers.keySet());
            for (String name : plain.buffers.keySet()) {
                assertThat(bits(vector.buffers.get(name))).as("%s after step %d, length %d", name, t, length)
                        .isEqualTo(bits(plain.buffers.get(name)));
            }
            plainP = plain.p;
            vectorP = vector.p;
            plainBuffers = plain.buffers;
            vectorBuffers = vector.buffers;
        }
    }

    /**
     * The new weights' finiteness as the pass reports it, one value at a time at each position of a vector and of
     * the tail: NaN, ±∞, and a finite double that rounds to float's infinity.
     */
    @Test
    void saysWhetherEveryNewWeightIsFinite() {
        AdamSpec spec = new AdamSpec("adam", 0.1, 0.9, 0.999, 1e-8, 0.0, false, null, null);
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3.5e38};
        int length = 11;
        for (boolean single : new boolean[] {false, true}) {
            for (double value : bad) {
                for (int at = 0; at < length; at++) {
                    double[] p = new double[length];
                    java.util.Arrays.fill(p, 0.25);
                    p[at] = value;
                    Map<String, double[]> buffers = Map.of("expAvg", new double[length], "expAvgSq", new double[length]);
                    Step vector = step(new Adam(spec, true), p, new double[length], buffers, 2, single);
                    assertThat(vector.knownFinite).as("%s at %d, float32 %s", value, at, single)
                            .isEqualTo(allFinite(vector.p));
                    assertThat(vector.knownFinite).isEqualTo(!single && value == 3.5e38);
                }
            }
        }
    }

    @Test
    void nonFiniteValuesComeOutAsThePlainLoopsMakeThem() {
        AdamSpec spec = new AdamSpec("adam", 0.1, 0.9, 0.999, 1e-8, 0.0, true, null, null);
        double[] p = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 1e300, -1e300, 0.5, -0.0, 2};
        double[] g = {Double.NaN, 1, Double.NEGATIVE_INFINITY, 1, 1e300, 1e-300, 3e38, 4e38, -0.0};
        double[] m = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, Double.NaN};
        for (boolean single : new boolean[] {false, true}) {
            Map<String, double[]> buffers = Map.of("expAvg", m, "expAvgSq", v, "maxExpAvgSq", v);
            Step plain = step(new Adam(spec, false), p, g, buffers, 2, single);
            Step vector = step(new Adam(spec, true), p, g, buffers, 2, single);
            assertThat(bits(vector.p)).isEqualTo(bits(plain.p));
            assertThat(vector.knownFinite).isFalse();
            for (String name : plain.buffers.keySet()) {
                assertThat(bits(vector.buffers.get(name))).as(name).isEqualTo(bits(plain.buffers.get(name)));
            }
        }
    }

    /** @param knownFinite what the update answered: whether it knows every new weight to be finite */
    private record Step(double[] p, Map<String, double[]> buffers, boolean knownFinite) {}

    /** One update out of place into arrays full of junk (as a spare's are), checking that the inputs stay as they were. */
    private static Step step(Adam adam, double[] p, double[] g, Map<String, double[]> buffers, long t, boolean single) {
        double[] pBefore = p.clone();
        Map<String, double[]> before = new LinkedHashMap<>();
        buffers.forEach((name, values) -> before.put(name, values.clone()));
        double[] into = junk(p.length);
        Map<String, double[]> buffersInto = new LinkedHashMap<>();
        buffers.forEach((name, values) -> buffersInto.put(name, junk(values.length)));
        boolean knownFinite = adam.update(p, g, buffers, t, into, buffersInto, single);
        assertThat(bits(p)).isEqualTo(bits(pBefore));
        buffers.forEach((name, values) -> assertThat(bits(values)).as(name).isEqualTo(bits(before.get(name))));
        return new Step(into, buffersInto, knownFinite);
    }

    private static double[] values(Random random, int length, boolean single) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            double value = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 6);
            values[i] = single ? (float) value : value;
        }
        return values;
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    private static double[] junk(int length) {
        double[] values = new double[length];
        java.util.Arrays.fill(values, 12345.678);
        return values;
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
