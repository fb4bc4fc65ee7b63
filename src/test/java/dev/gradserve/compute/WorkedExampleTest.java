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
    void float32GivesTheSameFiguresToSinglePrecision() {
        GradientResult single = engine.gradients(WorkedExample.architecture(), WorkedExample.weights(),
                WorkedExample.INPUTS, WorkedExample.TARGETS, DType.FLOAT32, Set.of());
        assertThat(single.loss()).isCloseTo(WorkedExample.LOSS, within(1e-6));
        assertThat(single.gradients().get("output", "W").data()[0]).isCloseTo(WorkedExample.DE_DW5, within(1e-6));
        assertThat(single.loss()).isNotEqualTo(result.loss());
    }
}
