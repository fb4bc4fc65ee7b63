package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * An LSTM over [time, features] with PyTorch's equations and gate order (input, forget, cell, output):
 * i, f, o = σ(·), g = tanh(·) of W_xh·x_t + W_hh·h_{t−1} + b (blocks stacked in that order);
 * c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t); h_0 = c_0 = 0.
 *
 * @param name            optional; default {@code layerN}
 * @param type            always {@code lstm}
 * @param units           hidden units
 * @param returnSequences every h_t or only the last; default false
 * @param bpttTruncation  if given, gradients do not flow back across every k-th step
 */
@Schema(description = "An LSTM over inputs [time, features] with PyTorch's equations and gate order (input, forget, cell, "
        + "output): [i, f, g, o] = W_xh·x_t + W_hh·h_{t−1} + b; i, f, o through σ, g through tanh; c_t = f⊙c_{t−1} + i⊙g; "
        + "h_t = o⊙tanh(c_t); h_0 = c_0 = 0. Parameters W_xh [4·units, in], W_hh [4·units, units], b [4·units] (PyTorch's "
        + "b_ih + b_hh).")
public record LstmSpec(
        @Schema(description = "Name used as the key in weights and gradients; default layerN (1-based).", example = "lstm")
        String name,
        @Schema(description = "The layer type: lstm.", example = "lstm", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = "lstm") String type,
        @Schema(description = "Hidden units.", example = "64", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Positive Integer units,
        @Schema(description = "Output every h_t, [time, units], or only the last, [units]; default false.", example = "false",
                defaultValue = "false") Boolean returnSequences,
        @Schema(description = "Truncated backpropagation through time in chunks of this many steps; default none.",
                example = "10") Integer bpttTruncation) implements RecurrentSpec {

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public LayerGeometry resolve(int[] inputShape, String pointer, Violations violations) {
        int in = checkInput(inputShape, pointer, violations);
        return in < 0 ? null : new LayerGeometry(outputShape(inputShape), List.of(RecurrentSpec.matrix("W_xh", 4 * units, in),
                RecurrentSpec.matrix("W_hh", 4 * units, units), RecurrentSpec.bias("b", 4 * units, in)));
    }
}
