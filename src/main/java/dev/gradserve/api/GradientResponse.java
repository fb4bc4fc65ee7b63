package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The answer of {@code POST /v1/gradients}; optional parts only when asked for with include. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Loss, outputs and the gradient of every parameter; more with include.")
record GradientResponse(
        @Schema(description = "The loss.", example = "0.298371109") Number loss,
        @Schema(description = "The network's outputs (the last layer's activations), [batch, ...].",
                example = "[[0.75136507, 0.772928465]]") EncodedTensor outputs,
        @Schema(description = "dL/d parameter, keyed and shaped like the weights.") Map<String, Map<String, EncodedTensor>> gradients,
        @Schema(description = "With include activations: per layer z (pre-activation) and a (activation).")
        Map<String, LayerActivations> activations,
        @Schema(description = "With include deltas: per layer dL/dz, the error signal backpropagation sends backwards.")
        Map<String, EncodedTensor> deltas,
        @Schema(description = "With include inputGradients: dL/d inputs, shaped like the inputs.") EncodedTensor inputGradients,
        @Schema(description = "With include weights: the weights used.") Map<String, Map<String, EncodedTensor>> weights) {}
