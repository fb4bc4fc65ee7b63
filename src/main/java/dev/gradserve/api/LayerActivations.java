package dev.gradserve.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** One layer's forward values. */
@Schema(description = "A layer's pre-activation z and activation a = act(z), each [batch, ...]. For recurrent layers, per "
        + "time step [batch, time, ...]: rnn z = W_xh·x_t + W_hh·h_{t−1} + b and a = h_t; lstm z = the gate pre-activations "
        + "[i, f, g, o] (4·units) and a = h_t, with c = the cell states c_t; gru z = the gate pre-activations [r, z, n] "
        + "(3·units, n's with the reset gate applied) and a = h_t.")
record LayerActivations(
        @Schema(description = "The pre-activation, e.g. x·Wᵀ + b for dense.", example = "[[0.3775, 0.3925]]",
                requiredMode = Schema.RequiredMode.REQUIRED) EncodedTensor z,
        @Schema(description = "The activation a = act(z).", example = "[[0.5932699921071872, 0.596884378259767]]",
                requiredMode = Schema.RequiredMode.REQUIRED) EncodedTensor a,
        @Schema(description = "lstm only: the cell states c_t, [batch, time, units].", example = "[[[0.1, -0.2]]]")
        EncodedTensor c) {}
