package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradserve.compute.GradientResult;
import dev.gradserve.model.Include;
import dev.gradserve.training.StepResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import java.util.Set;

/** The answer of {@code POST /v1/sessions/{id}/steps}; optional parts only when asked for with include. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The step taken: the session's new step count and version, and the loss of the weights before the update.")
record StepResponse(
        @Schema(description = "Updates applied, this one included.", example = "1") long step,
        @Schema(description = "The session's version after this step; also the ETag.", example = "1") long version,
        @Schema(description = "The loss of the batch under the weights before the update.", example = "0.298371109") Number loss,
        @Schema(description = "With include outputs: the outputs before the update.", example = "[[0.75136507, 0.772928465]]")
        EncodedTensor outputs,
        @Schema(description = "With include gradients: dL/d parameter at the weights before the update (before clipping).")
        Map<String, Map<String, EncodedTensor>> gradients,
        @Schema(description = "With include weights: the weights after the update.") Map<String, Map<String, EncodedTensor>> weights,
        @Schema(description = "With include activations: per layer z and a, before the update.")
        Map<String, LayerActivations> activations,
        @Schema(description = "With include deltas: per layer dL/dz, before the update.") Map<String, EncodedTensor> deltas,
        @Schema(description = "With include inputGradients: dL/d inputs, before the update.") EncodedTensor inputGradients) {

    static StepResponse of(StepResult result, Set<Include> include, AnswerEncoder encoder) {
        GradientResult computed = result.computed();
        return new StepResponse(result.step(), result.version(), encoder.scalar(computed.loss()),
                include.contains(Include.OUTPUTS) ? encoder.tensor(computed.outputs()) : null,
                include.contains(Include.GRADIENTS) ? encoder.weights(computed.gradients()) : null,
                include.contains(Include.WEIGHTS) ? encoder.weights(result.weights()) : null,
                encoder.activations(computed.activations()), encoder.perLayer(computed.deltas()),
                encoder.tensor(computed.inputGradients()));
    }
}
