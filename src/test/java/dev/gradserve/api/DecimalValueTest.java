package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DecimalValue} gives the double {@code Double.parseDouble} gives (the correctly rounded one), bit for bit. */
class DecimalValueTest {

    private static final Random RANDOM = new Random(5);

    @Test
    void theDecimalsOfRandomDoubles() {
        for (int i = 0; i < 200_000; i++) {
            double value = Double.longBitsToDouble(RANDOM.nextLong() >>> 1);
            if (Double.isFinite(value)) {
                BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
                assertSameAsParseDouble(decimal.unscaledValue().longValueExact(), -decimal.scale());
            }
        }
    }

    @Test
    void seventeenDigitDecimalsAsJsonDumpsWritesThem() {
        for (int i = 0; i < 200_000; i++) {
            double value = Math.abs(RANDOM.nextGaussian()) * Math.pow(10, RANDOM.nextInt(40) - 20);
            BigDecimal decimal = new BigDecimal(String.format("%.16e", value));
            assertSameAsParseDouble(decimal.unscaledValue().longValueExact(), -decimal.scale());
        }
    }

    @Test
    void randomSignificandsOfUpTo19DigitsAtEveryPowerOfTen() {
        for (int i = 0; i < 200_000; i++) {
            long w = 0;
            for (int digits = 1 + RANDOM.nextInt(19), k = 0; k < digits; k++) {
                w = w * 10 + RANDOM.nextInt(10);
            }
            assertSameAsParseDouble(w, RANDOM.nextInt(700) - 360);
        }
        assertSameAsParseDouble(-1L /* 18446744073709551615, read unsigned */, 0);
    }

    @Test
    void decimalsExactlyHalfwayBetweenTwoDoublesRoundToEven() {
        for (long j = 0; j < 20_000; j++) {
            assertSameAsParseDouble((1L << 53) + 2 * j + 1, 0);
            assertSameAsParseDouble(((1L << 53) + 2 * j + 1) * 10, -1);
        }
        for (int i = 0; i < 20_000; i++) {
            // (2k + 1)·2^(e−1) with a 53-bit k: the midpoint of k·2^e and (k + 1)·2^e, written in decimal
            long k = 1L << 52 | RANDOM.nextLong() >>> 12;
            BigDecimal midpoint = new BigDecimal(BigInteger.valueOf(2 * k + 1))
                    .divide(new BigDecimal(BigInteger.TWO.pow(1 + RANDOM.nextInt(3)))).stripTrailingZeros();
            assertSameAsParseDouble(midpoint.unscaledValue().longValueExact(), -midpoint.scale());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"22250738585072011e-324", "22250738585072012e-324", "49e-325", "24703282292062327e-340",
            "24703282292062328e-340", "17976931348623157e292", "17976931348623158e292", "17976931348623159e292", "1e23",
            "8e-324", "9999999999999999999e-343", "1e-342", "1e-343", "1e308", "1e309", "9999999999999999999e290",
            "1e0", "0e0", "5e-324", "3e-324", "2e-324"})
    void boundaries(String decimal) {
        String[] parts = decimal.split("e");
        assertSameAsParseDouble(Long.parseUnsignedLong(parts[0]), Integer.parseInt(parts[1]));
    }

    private static void assertSameAsParseDouble(long w, int q) {
        String decimal = Long.toUnsignedString(w) + "e" + q;
        assertThat(Double.doubleToRawLongBits(DecimalValue.of(w, q))).as(decimal)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(decimal)));
    }
}
