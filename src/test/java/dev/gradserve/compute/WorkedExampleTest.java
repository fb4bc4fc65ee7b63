package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradserve.model.DType;
import dev.gradserve.model.Include;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkedExampleTest {

    private final GradientEngine engine = new GradientEngine();
    private final GradientResult result = engine.gradients(WorkedExample.architecture(), WorkedExample.weights(),
            WorkedExample.INPUTS, WorkedExample.TARGETS, DType.FLOAT64, Set.of(Include.INPUT_GRADIENTS));

    @Test
    void reproducesThePublishedFigures() {
        assertThat(result.loss()).isCloseTo(WorkedExample.LOSS, within(1e-8));
        assertThat(result.outputs().data()).containsExactly(WorkedExample.OUTPUTS, within(1e-8));
        assertThat(result.gradients().get("output", "W").data()[0]).isCloseTo(WorkedExample.DE_DW5, within(1e-8));
    }

    @Test
    void matchesAnIndependentScalarComputationToTheLastDigits() {
        ScalarReference reference = new ScalarReference();
        assertThat(result.loss()).isCloseTo(reference.loss, within(1e-12));
        assertThat(result.outputs().data()).containsExactly(reference.outputs, within(1e-12));
        assertThat(result.gradients().get("output", "W").data()).containsExactly(flatten(reference.outputW), within(1e-12));
        assertThat(result.gradients().get("output", "b").data()).containsExactly(reference.outputB, within(1e-12));
        assertThat(result.gradients().get("hidden", "W").data()).containsExactly(flatten(reference.hiddenW), within(1e-12));
        assertThat(result.gradients().get("hidden", "b").data()).containsExactly(reference.hiddenB, within(1e-12));
        assertThat(result.inputGradients().data()).containsExactly(reference.inputGradients, within(1e-12));
    }

    @Test
    void float32GivesTheSameFiguresToSinglePrecision() {
        GradientResult single = engine.gradients(WorkedExample.architecture(), WorkedExample.weights(),
                WorkedExample.INPUTS, WorkedExample.TARGETS, DType.FLOAT32, Set.of());
        assertThat(single.loss()).isCloseTo(WorkedExample.LOSS, within(1e-6));
        assertThat(single.gradients().get("output", "W").data()[0]).isCloseTo(WorkedExample.DE_DW5, within(1e-6));
        assertThat(single.loss()).isNotEqualTo(result.loss());
    }

    private static double[] flatten(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
