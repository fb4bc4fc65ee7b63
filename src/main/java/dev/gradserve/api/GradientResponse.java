package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradserve.compute.GradientResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The answer of {@code POST /v1/gradients}; optional parts only when asked for with include. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Loss, outputs and the gradient of every parameter; more with include.")
record GradientResponse(
        @Schema(description = "The loss; absent when outputGradients were given instead of targets.", example = "0.2983711087600027")
        Number loss,
        @Schema(description = "The network's outputs (the last layer's activations), [batch, ...].",
                example = Docs.OUTPUTS_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED) EncodedTensor outputs,
        @Schema(description = "dL/d parameter, keyed and shaped like the weights.", example = Docs.GRADIENTS_EXAMPLE,
                requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Map<String, EncodedTensor>> gradients,
        @Schema(description = "With include activations: per layer z (pre-activation) and a (activation).",
                example = Docs.ACTIVATIONS_EXAMPLE)
        Map<String, LayerActivations> activations,
        @Schema(description = "With include deltas: per layer dL/dz, the error signal backpropagation sends backwards.",
                example = Docs.DELTAS_EXAMPLE)
        Map<String, EncodedTensor> deltas,
        @Schema(description = "With include inputGradients: dL/d inputs, shaped like the inputs.",
                example = Docs.INPUT_GRADIENTS_EXAMPLE) EncodedTensor inputGradients,
        @Schema(description = "With include weights: the weights used.", example = Docs.WEIGHTS_EXAMPLE)
        Map<String, Map<String, EncodedTensor>> weights,
        @Schema(description = "With include gradientNorms: per layer the L2 norms of its gradients, and for recurrent "
                + "layers ‖dL/dh_t‖ at every time step.",
                example = "{\"hidden\": {\"norm\": 0.0014, \"parameters\": {\"W\": 0.0011, \"b\": 0.0013}}}") Map<String, GradientNormsView> gradientNorms,
        @Schema(description = "With include perExampleGradients: keyed like the weights, each parameter's gradient for "
                + "every example on its own, [batch, ...parameter shape] — what a request with only that example gives "
                + "(with mean reduction their mean is the batch gradient; with sum, their sum).",
                example = "{\"output\": {\"b\": [[0.13849856162855698, -0.03809823651655623]]}}")
        Map<String, Map<String, EncodedTensor>> perExampleGradients) {

    static GradientResponse of(GradientResult result, AnswerEncoder encoder) {
        return new GradientResponse(encoder.scalar(result.loss()), encoder.tensor(result.outputs()),
                encoder.weights(result.gradients()), encoder.activations(result.activations()),
                encoder.perLayer(result.deltas()), encoder.tensor(result.inputGradients()), encoder.weights(result.weights()),
                AnswerEncoder.norms(result.gradientNorms()), encoder.weights(result.perExample()));
    }
}
