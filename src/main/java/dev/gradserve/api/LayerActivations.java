package dev.gradserve.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** One layer's forward values. */
@Schema(description = "A layer's pre-activation z and activation a = act(z), each [batch, ...].")
record LayerActivations(
        @Schema(description = "The pre-activation, e.g. x·Wᵀ + b for dense.", example = "[[0.3775, 0.3925]]",
                requiredMode = Schema.RequiredMode.REQUIRED) EncodedTensor z,
        @Schema(description = "The activation a = act(z).", example = "[[0.5932699921071872, 0.596884378259767]]",
                requiredMode = Schema.RequiredMode.REQUIRED) EncodedTensor a) {}
