package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * An Elman RNN over [time, features]: h_t = act(W_xh·x_t + W_hh·h_{t−1} + b), h_0 = 0 or the given
 * initial state; gradients by backpropagation through time.
 *
 * @param name            optional; default {@code layerN}
 * @param type            always {@code rnn}
 * @param units           hidden units
 * @param activation      tanh (default) or relu
 * @param returnSequences every h_t ([time, units]) or only the last ([units]); default false
 * @param bpttTruncation  if given, gradients do not flow back across every k-th step (k-step chunks from the start)
 * @param initialState    h_0 [units] for every example; default zeros
 */
@Schema(description = "An Elman RNN over inputs [time, features]: h_t = act(W_xh·x_t + W_hh·h_{t−1} + b), h_0 = 0 (or "
        + "initialState). Parameters W_xh [units, in], W_hh [units, units], b [units]. Gradients by backpropagation through time.")
public record RnnSpec(
        @Schema(description = "Name used as the key in weights and gradients; default layerN (1-based).", example = "rnn")
        String name,
        @Schema(description = "The layer type: rnn.", example = "rnn", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = "rnn") String type,
        @Schema(description = "Hidden units.", example = "16", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Positive Integer units,
        @Schema(description = "tanh (default) or relu.", example = "tanh", defaultValue = "tanh") @Valid ActivationSpec activation,
        @Schema(description = "Output every h_t, [time, units], or only the last, [units]; default false.", example = "false",
                defaultValue = "false") Boolean returnSequences,
        @Schema(description = "Truncated backpropagation through time: the sequence is cut into chunks of this many steps "
                + "from the start, and gradients do not flow from one chunk into the previous one (the hidden state does). "
                + "Default: none (full BPTT).", example = "10") Integer bpttTruncation,
        @Schema(description = "h_0 [units], the same for every example; default zeros.", example = "[0.0, 0.0]")
        Tensor initialState) implements RecurrentSpec {

    public ActivationSpec activationOrDefault() {
        return activation != null ? activation : ActivationSpec.named("tanh");
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public LayerGeometry resolve(int[] inputShape, String pointer, Violations violations) {
        int in = checkInput(inputShape, pointer, violations);
        if (in < 0) {
            return null;
        }
        ActivationType activation = activationOrDefault().type();
        if (activation != ActivationType.TANH && activation != ActivationType.RELU) {
            violations.add(pointer + "/activation", "an rnn takes tanh or relu (as PyTorch's nn.RNN), got "
                    + activation.wireName());
            return null;
        }
        if (initialState != null && (initialState.rank() != 1 || initialState.shape()[0] != units)) {
            violations.add(pointer + "/initialState", "expected shape [" + units + "], got "
                    + Tensor.shapeString(initialState.shape()));
            return null;
        }
        if (initialState != null && !Numbers.checkRepresentable(initialState, DType.FLOAT32, pointer + "/initialState",
                violations)) {
            return null;
        }
        return new LayerGeometry(outputShape(inputShape), List.of(RecurrentSpec.matrix("W_xh", units, in),
                RecurrentSpec.matrix("W_hh", units, units), RecurrentSpec.bias("b", units, in)));
    }
}
