package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Elementwise#tanhForFloat}, which the recurrent layers use in float32 instead of {@link Math#tanh}. */
class TanhForFloatTest {

    @Test
    void isWithin1e11OfMathTanhFromTheSmallestToTheLargestValues() {
        for (double magnitude = Double.MIN_VALUE; magnitude < 40; magnitude = Math.max(magnitude * 1.01, magnitude + 1e-300)) {
            for (double z : new double[] {magnitude, -magnitude}) {
                double exact = Math.tanh(z);
                assertThat(Math.abs(Elementwise.tanhForFloat(z) - exact)).as("tanh(%s)", z)
                        .isLessThanOrEqualTo(1e-11 * Math.abs(exact));
            }
        }
    }

    @Test
    void roundsToTheFloatThatMathTanhRoundsTo() {
        Random random = new Random(31);
        for (int i = 0; i < 1_000_000; i++) {
            double z = random.nextGaussian() * 3;
            assertThat((float) Elementwise.tanhForFloat(z)).as("tanh(%s)", z).isEqualTo((float) Math.tanh(z));
        }
    }

    @Test
    void keepsSignedZeroInfinitiesAndNaN() {
        assertThat(Elementwise.tanhForFloat(0.0)).isEqualTo(0.0);
        assertThat(1 / Elementwise.tanhForFloat(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Elementwise.tanhForFloat(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Elementwise.tanhForFloat(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Elementwise.tanhForFloat(Double.NaN)).isNaN();
    }
}
