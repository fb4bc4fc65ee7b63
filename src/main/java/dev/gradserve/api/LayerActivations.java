package dev.gradserve.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** One layer's forward values. */
@Schema(description = "A layer's pre-activation z and activation a = act(z), each [batch, ...].")
record LayerActivations(
        @Schema(description = "The pre-activation, e.g. x·Wᵀ + b.", example = "[[0.3775, 0.3925]]") EncodedTensor z,
        @Schema(description = "The activation.", example = "[[0.593269992, 0.596884378]]") EncodedTensor a) {}
