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
@Schema(description = "The step taken: the session's new step count and version, and the loss of the weights before the "
        + "update; more with include.")
record StepResponse(
        @Schema(description = "Updates applied, this one included.", example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
        long step,
        @Schema(description = "The session's version after this step; the ETag is this number in quotes.", example = "1",
                requiredMode = Schema.RequiredMode.REQUIRED) long version,
        @Schema(description = "The loss of the batch under the weights before the update; absent for /updates "
                + "(gradients given, no batch).", example = "0.2983711087600027") Number loss,
        @Schema(description = "With include outputs: the outputs before the update.", example = Docs.OUTPUTS_EXAMPLE)
        EncodedTensor outputs,
        @Schema(description = "With include gradients: dL/d parameter at the weights before the update, before clipping.",
                example = Docs.GRADIENTS_EXAMPLE) Map<String, Map<String, EncodedTensor>> gradients,
        @Schema(description = "With include weights: the weights after the update, as now stored.",
                example = Docs.WEIGHTS_AFTER_STEP_EXAMPLE) Map<String, Map<String, EncodedTensor>> weights,
        @Schema(description = "With include activations: per layer z and a, before the update.",
                example = Docs.ACTIVATIONS_EXAMPLE) Map<String, LayerActivations> activations,
        @Schema(description = "With include deltas: per layer dL/dz, before the update.", example = Docs.DELTAS_EXAMPLE)
        Map<String, EncodedTensor> deltas,
        @Schema(description = "With include inputGradients: dL/d inputs, before the update.",
                example = Docs.INPUT_GRADIENTS_EXAMPLE) EncodedTensor inputGradients,
        @Schema(description = "With include gradientNorms: per layer the L2 norms of its gradients before the update (and "
                + "‖dL/dh_t‖ per time step for recurrent layers).",
                example = "{\"hidden\": {\"norm\": 0.0014, \"parameters\": {\"W\": 0.0011, \"b\": 0.0013}}}") Map<String, GradientNormsView> gradientNorms) {

    static StepResponse of(StepResult result, Set<Include> include, AnswerEncoder encoder) {
        GradientResult computed = result.computed();
        Map<String, Map<String, EncodedTensor>> weights = include.contains(Include.WEIGHTS) ? encoder.weights(result.weights())
                : null;
        if (computed == null) {
            return new StepResponse(result.step(), result.version(), null, null, null, weights, null, null, null, null);
        }
        return new StepResponse(result.step(), result.version(), encoder.scalar(computed.loss()),
                include.contains(Include.OUTPUTS) ? encoder.tensor(computed.outputs()) : null,
                include.contains(Include.GRADIENTS) ? encoder.weights(computed.gradients()) : null, weights,
                encoder.activations(computed.activations()), encoder.perLayer(computed.deltas()),
                encoder.tensor(computed.inputGradients()), AnswerEncoder.norms(computed.gradientNorms()));
    }

}
