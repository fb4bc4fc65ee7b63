package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradserve.compute.ForwardResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The answer of {@code POST /v1/forward}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The outputs; the loss when targets were given; more with include.")
record ForwardResponse(
        @Schema(description = "The network's outputs (the last layer's activations), [batch, ...].",
                example = Docs.OUTPUTS_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED) EncodedTensor outputs,
        @Schema(description = "The loss, when targets were given.", example = "0.2983711087600027") Number loss,
        @Schema(description = "With include activations: per layer z (pre-activation) and a (activation).",
                example = Docs.ACTIVATIONS_EXAMPLE) Map<String, LayerActivations> activations,
        @Schema(description = "With include weights: the weights used.", example = Docs.WEIGHTS_EXAMPLE)
        Map<String, Map<String, EncodedTensor>> weights) {

    static ForwardResponse of(ForwardResult result, AnswerEncoder encoder) {
        return new ForwardResponse(encoder.tensor(result.outputs()), encoder.scalar(result.loss()),
                encoder.activations(result.activations()), encoder.weights(result.weights()));
    }
}
