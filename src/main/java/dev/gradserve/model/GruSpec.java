package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * A GRU over [time, features] with PyTorch's equations and gate order (reset, update, new):
 * r = σ(W_xr·x + b_xr + W_hr·h + b_hr), z = σ(W_xz·x + b_xz + W_hz·h + b_hz),
 * n = tanh(W_xn·x + b_xn + r ⊙ (W_hn·h + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}; h_0 = 0.
 *
 * @param name            optional; default {@code layerN}
 * @param type            always {@code gru}
 * @param units           hidden units
 * @param returnSequences every h_t or only the last; default false
 * @param bpttTruncation  if given, gradients do not flow back across every k-th step
 */
@Schema(description = "A GRU over inputs [time, features] with PyTorch's equations and gate order (reset, update, new): "
        + "r = σ(W_xr·x + b_xr + W_hr·h + b_hr), z = σ(W_xz·x + b_xz + W_hz·h + b_hz), n = tanh(W_xn·x + b_xn + r⊙(W_hn·h + "
        + "b_hn)), h_t = (1 − z)⊙n + z⊙h_{t−1}; h_0 = 0. Parameters W_xh [3·units, in], W_hh [3·units, units], b_xh [3·units], "
        + "b_hh [3·units]: the reset gate scales W_hn·h + b_hn, so the two biases stay separate.")
public record GruSpec(
        @Schema(description = "Name used as the key in weights and gradients; default layerN (1-based).", example = "gru")
        String name,
        @Schema(description = "The layer type: gru.", example = "gru", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = "gru") String type,
        @Schema(description = "Hidden units.", example = "32", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Positive Integer units,
        @Schema(description = "Output every h_t, [time, units], or only the last, [units]; default false.", example = "false",
                defaultValue = "false") Boolean returnSequences,
        @Schema(description = "Truncated backpropagation through time in chunks of this many steps; default none.",
                example = "10") Integer bpttTruncation) implements RecurrentSpec {

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public LayerGeometry resolve(int[] inputShape, String pointer, Violations violations) {
        int in = checkInput(inputShape, pointer, violations);
        return in < 0 ? null : new LayerGeometry(outputShape(inputShape), List.of(RecurrentSpec.matrix("W_xh", 3 * units, in),
                RecurrentSpec.matrix("W_hh", 3 * units, units), RecurrentSpec.bias("b_xh", 3 * units, in),
                RecurrentSpec.bias("b_hh", 3 * units, units)));
    }
}
