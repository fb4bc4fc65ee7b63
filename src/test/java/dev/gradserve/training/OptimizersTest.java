package dev.gradserve.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradserve.compute.NonFiniteResultException;
import dev.gradserve.model.AdamSpec;
import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A step that would make a weight non-finite is refused, naming the first such weight, whether the optimizer's pass
 * reported it (Adam from its second update) or a scan of the new weights found it (its first update, which starts
 * the buffers, and the plain loops).
 */
class OptimizersTest {

    /**
     * One weight of five near the largest finite value; Adam moves every weight up by lr at its first update and by
     * about 0.74·lr at its second here (the gradient −1 everywhere, the buffers zero before), which takes that one
     * past it.
     */
    @ParameterizedTest(name = "{0}, update {1}")
    @CsvSource({"FLOAT32, 1, 3.0e38, 5e37", "FLOAT32, 2, 3.0e38, 1e38", "FLOAT64, 1, 1.79e308, 2e306",
            "FLOAT64, 2, 1.79e308, 1e307"})
    void refusesAnUpdateThatWouldMakeAWeightNonFinite(DType dtype, long t, double large, double lr) {
        double[] start = {0.5, large, 0.5, 0.5, 0.5};
        Weights weights = weights(start);
        Weights gradients = weights(new double[] {-1, -1, -1, -1, -1});
        OptimizerState state = t == 1 ? new OptimizerState(Map.of())
                : new OptimizerState(Map.of("expAvg", weights(new double[5]), "expAvgSq", weights(new double[5])));
        AdamSpec adam = new AdamSpec("adam", lr, 0.9, 0.999, 1e-8, 0.0, false, null, null);

        assertThatThrownBy(() -> Optimizers.step(adam, weights, gradients, state, t, dtype, null))
                .isInstanceOf(NonFiniteResultException.class)
                .hasMessageContaining("the update would make out.W[1] Infinity");
    }

    private static Weights weights(double[] values) {
        return new Weights(Map.of("out", Map.of("W", new Tensor(new int[] {5}, values))));
    }
}
