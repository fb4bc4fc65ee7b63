package dev.gradserve.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WeightInitTest {

    private static final Limits LIMITS = new Limits(10, 10_000_000, 100, 10_000_000, 0, 100);

    /**
     * The weights for seed 42, pinned: java.util.Random's algorithm is part of the Java specification,
     * so these are the numbers on every machine. They were computed outside Java, by a Python
     * transcription of that algorithm (48-bit LCG, nextDouble = (next(26)·2²⁷ + next(27))·2⁻⁵³), as
     * (2u − 1)·√(6 / (2 + 2)). If this test fails, the "same seed, same weights" promise is broken.
     */
    @Test
    void aSeedGivesTheSameWeightsOnEveryMachine() {
        Weights weights = WeightInit.initialize(architecture(2, 2, 2), new InitSpec(InitScheme.XAVIER_UNIFORM, 42L));
        assertThat(weights.get("layer1", "W").data()).containsExactly(new double[] {
            0.5574149000705034, 0.44880401471286463, -0.4685397321566294, -0.5460439520091407}, within(1e-16));
        assertThat(weights.get("layer1", "b").data()).containsExactly(0.0, 0.0);
    }

    @Test
    void theSameSeedRepeatsAndAnotherSeedDiffers() {
        Architecture architecture = architecture(3, 4, 2);
        Weights first = WeightInit.initialize(architecture, new InitSpec(InitScheme.HE_NORMAL, 7L));
        Weights again = WeightInit.initialize(architecture, new InitSpec(InitScheme.HE_NORMAL, 7L));
        Weights other = WeightInit.initialize(architecture, new InitSpec(InitScheme.HE_NORMAL, 8L));
        assertThat(again).isEqualTo(first);
        assertThat(other.get("layer1", "W")).isNotEqualTo(first.get("layer1", "W"));
    }

    @ParameterizedTest
    @EnumSource(InitScheme.class)
    void drawsFromTheDistributionTorchDefines(InitScheme scheme) {
        int in = 400;
        int out = 300;
        double[] w = WeightInit.initialize(architecture(in, out), new InitSpec(scheme, 1L)).get("layer1", "W").data();
        double fanSum = scheme == InitScheme.XAVIER_UNIFORM || scheme == InitScheme.XAVIER_NORMAL ? in + out : in;
        double expectedStd = Math.sqrt(2.0 / fanSum);
        double mean = 0;
        double square = 0;
        double largest = 0;
        for (double v : w) {
            mean += v / w.length;
            square += v * v / w.length;
            largest = Math.max(largest, Math.abs(v));
        }
        assertThat(mean).isCloseTo(0, within(4 * expectedStd / Math.sqrt(w.length)));
        assertThat(Math.sqrt(square - mean * mean)).isCloseTo(expectedStd, within(0.01 * expectedStd));
        if (scheme == InitScheme.XAVIER_UNIFORM || scheme == InitScheme.HE_UNIFORM) {
            assertThat(largest).isLessThanOrEqualTo(Math.sqrt(3) * expectedStd);
        }
    }

    private static Architecture architecture(int... widths) {
        List<LayerSpec> layers = new java.util.ArrayList<>();
        for (int i = 1; i < widths.length; i++) {
            layers.add(new DenseSpec(null, "dense", widths[i], null, null));
        }
        Violations violations = new Violations();
        Architecture architecture = NetworkValidator.resolve(new NetworkSpec(List.of(widths[0]), layers, null), LIMITS,
                "/network", violations);
        violations.throwIfAny();
        return architecture;
    }
}
