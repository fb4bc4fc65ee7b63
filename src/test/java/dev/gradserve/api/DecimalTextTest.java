package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * DecimalText must write exactly what Jackson's fast number writer writes (and so what JDK 19+'s
 * Double.toString/Float.toString specify): checked against Jackson on values chosen to hit every branch
 * (notation boundaries, subnormals, powers of two, integers) and on a million random ones. Every float was
 * checked once, outside the suite (all 2³² − 2²⁴ finite bit patterns, no difference).
 */
class DecimalTextTest {

    private static final JsonFactory JACKSON = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private static final MathContext PRECISE = new MathContext(60);

    @ParameterizedTest
    @CsvSource({
            "0.0, 0.0", "-0.0, -0.0", "1.0, 1.0", "100.0, 100.0", "1250.0, 1250.0", "0.001, 0.001", "0.00125, 0.00125",
            "9.999E-4, 9.999E-4", "1.0E-4, 1.0E-4", "9999999.0, 9999999.0", "1.0E7, 1.0E7", "1.25E7, 1.25E7",
            "0.1, 0.1", "-2.5, -2.5", "1.0E23, 1.0E23", "4.9E-324, 4.9E-324", "1.0E-323, 9.9E-324",
            "1.7976931348623157E308, 1.7976931348623157E308", "2.2250738585072014E-308, 2.2250738585072014E-308"})
    void writesDoublesAsJavaSpecifies(double value, String text) {
        assertThat(mine(value)).isEqualTo(text).isEqualTo(jackson(value));
    }

    @Test
    void writesWhatJacksonWritesForDoubles() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 300_000; i++) {
            assertSameAsJackson(randomFinite(random));
            assertSameAsJackson(random.nextGaussian() * Math.pow(10, random.nextInt(-12, 12)));
            assertSameAsJackson((double) random.nextLong(1L << 55));
        }
        for (long bits = 1; bits < 1000; bits++) {
            assertSameAsJackson(Double.longBitsToDouble(bits));
        }
        for (int e = -1074; e <= 1023; e++) {
            double power = Math.scalb(1.0, e);
            assertSameAsJackson(power);
            assertSameAsJackson(Math.nextUp(power));
            assertSameAsJackson(Math.nextDown(power));
        }
        for (int e = -323; e <= 308; e++) {
            double power = Double.parseDouble("1e" + e);
            assertSameAsJackson(power);
            assertSameAsJackson(Math.nextUp(power));
            assertSameAsJackson(Math.nextDown(power));
        }
    }

    @Test
    void writesWhatJacksonWritesForFloats() {
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 300_000; i++) {
            float bits = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(bits)) {
                assertSameAsJackson(bits);
            }
            assertSameAsJackson((float) (random.nextGaussian() * Math.pow(10, random.nextInt(-8, 8))));
        }
        for (int bits = 1; bits < 100_000; bits++) {
            assertSameAsJackson(Float.intBitsToFloat(bits));
        }
        for (int e = -149; e <= 127; e++) {
            float power = Math.scalb(1.0f, e);
            assertSameAsJackson(power);
            assertSameAsJackson(Math.nextUp(power));
            assertSameAsJackson(Math.nextDown(power));
        }
        assertThat(mine(Float.MIN_VALUE)).isEqualTo("1.4E-45");
        assertThat(mine(Float.MAX_VALUE)).isEqualTo("3.4028235E38");
        assertThat(mine(0.1f)).isEqualTo("0.1");
        assertThat(mine(16777216f)).isEqualTo("1.6777216E7");
    }

    @Test
    void splitsEveryEightDigitNumberIntoItsDigits() {
        for (int value = 0; value < 100_000_000; value++) {
            long digits = DecimalText.eightDigits(value);
            int back = 0;
            boolean decimal = true;
            for (int i = 0; i < 8; i++) {
                int digit = (int) (digits >>> 8 * i & 0xff);
                decimal &= digit <= 9;
                back = 10 * back + digit;
            }
            if (back != value || !decimal) {
                fail("the digits of %d came out as %016x", value, digits);
            }
        }
    }

    @Test
    void refusesValuesThatAreNotFinite() {
        byte[] out = new byte[DecimalText.MAX_LENGTH];
        assertThatThrownBy(() -> DecimalText.write(Double.NaN, out, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecimalText.write(Float.NEGATIVE_INFINITY, out, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void logarithmsAreExactOverTheirRange() {
        assertFloorsMatch(-5000, 5000, DecimalText::floorLog10Pow2, e -> BigDecimal.valueOf(2).pow(e, PRECISE), 10);
        assertFloorsMatch(-5000, 5000, DecimalText::floorLog10ThreeQuartersPow2,
                e -> BigDecimal.valueOf(2).pow(e, PRECISE).multiply(new BigDecimal("0.75")), 10);
        assertFloorsMatch(-1500, 1500, DecimalText::floorLog2Pow10, e -> BigDecimal.TEN.pow(e, PRECISE), 2);
    }

    /** floor(log_base(value(e))) == floor(e) for every e, by comparing value(e) with base^floor. */
    private static void assertFloorsMatch(int from, int to, IntFunction<Integer> floor, IntFunction<BigDecimal> value, int base) {
        BigDecimal b = BigDecimal.valueOf(base);
        for (int e = from; e <= to; e++) {
            int f = floor.apply(e);
            BigDecimal v = value.apply(e);
            assertThat(b.pow(f, PRECISE).compareTo(v)).as("base^%d <= value at e = %d", f, e).isLessThanOrEqualTo(0);
            assertThat(b.pow(f + 1, PRECISE).compareTo(v)).as("value < base^%d at e = %d", f + 1, e).isPositive();
        }
    }

    private static double randomFinite(SplittableRandom random) {
        double value;
        do {
            value = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(value));
        return value;
    }

    private static void assertSameAsJackson(double value) {
        assertThat(mine(value)).as("bits %x", Double.doubleToRawLongBits(value)).isEqualTo(jackson(value));
    }

    private static void assertSameAsJackson(float value) {
        assertThat(mine(value)).as("bits %x", Float.floatToRawIntBits(value)).isEqualTo(jackson(value));
    }

    private static String mine(double value) {
        byte[] out = new byte[DecimalText.MAX_LENGTH];
        return new String(out, 0, DecimalText.write(value, out, 0), StandardCharsets.ISO_8859_1);
    }

    private static String mine(float value) {
        byte[] out = new byte[DecimalText.MAX_LENGTH];
        return new String(out, 0, DecimalText.write(value, out, 0), StandardCharsets.ISO_8859_1);
    }

    private static String jackson(double value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JACKSON.createGenerator(ObjectWriteContext.empty(), out)) {
            generator.writeNumber(value);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String jackson(float value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JACKSON.createGenerator(ObjectWriteContext.empty(), out)) {
            generator.writeNumber(value);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
