package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradserve.compute.GradientResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The answer of {@code POST /v1/gradients}; optional parts only when asked for with include. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Loss, outputs and the gradient of every parameter; more with include.")
record GradientResponse(
        @Schema(description = "The loss.", example = "0.2983711087600027", requiredMode = Schema.RequiredMode.REQUIRED)
        Number loss,
        @Schema(description = "The network's outputs (the last layer's activations), [batch, ...].",
                example = Docs.OUTPUTS_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED) EncodedTensor outputs,
        @Schema(description = "dL/d parameter, keyed and shaped like the weights.", example = GRADIENTS_EXAMPLE,
                requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Map<String, EncodedTensor>> gradients,
        @Schema(description = "With include activations: per layer z (pre-activation) and a (activation).",
                example = Docs.ACTIVATIONS_EXAMPLE)
        Map<String, LayerActivations> activations,
        @Schema(description = "With include deltas: per layer dL/dz, the error signal backpropagation sends backwards.",
                example = "{\"hidden\": [[0.008771354689486937, 0.009954254705217202]], "
                        + "\"output\": [[0.13849856162855698, -0.03809823651655623]]}")
        Map<String, EncodedTensor> deltas,
        @Schema(description = "With include inputGradients: dL/d inputs, shaped like the inputs.",
                example = "[[0.003804266879727341, 0.004740547349462548]]") EncodedTensor inputGradients,
        @Schema(description = "With include weights: the weights used.", example = Docs.WEIGHTS_EXAMPLE)
        Map<String, Map<String, EncodedTensor>> weights) {

    private static final String GRADIENTS_EXAMPLE = "{\"hidden\": {"
            + "\"W\": [[4.3856773447434685E-4, 8.771354689486937E-4], [4.977127352608601E-4, 9.954254705217202E-4]], "
            + "\"b\": [0.008771354689486937, 0.009954254705217202]}, \"output\": {"
            + "\"W\": [[0.08216704056423078, 0.08266762784753326], [-0.022602540477475067, -0.02274024221597822]], "
            + "\"b\": [0.13849856162855698, -0.03809823651655623]}}";

    static GradientResponse of(GradientResult result, AnswerEncoder encoder) {
        return new GradientResponse(encoder.scalar(result.loss()), encoder.tensor(result.outputs()),
                encoder.weights(result.gradients()), encoder.activations(result.activations()),
                encoder.perLayer(result.deltas()), encoder.tensor(result.inputGradients()), encoder.weights(result.weights()));
    }
}
