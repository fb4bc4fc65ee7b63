package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The answer of {@code POST /v1/forward}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The outputs; the loss when targets were given; more with include.")
record ForwardResponse(
        @Schema(description = "The network's outputs, [batch, ...].", example = "[[0.75136507, 0.772928465]]") EncodedTensor outputs,
        @Schema(description = "The loss, when targets were given.", example = "0.298371109") Number loss,
        @Schema(description = "With include activations: per layer z and a.") Map<String, LayerActivations> activations,
        @Schema(description = "With include weights: the weights used.") Map<String, Map<String, EncodedTensor>> weights) {}
