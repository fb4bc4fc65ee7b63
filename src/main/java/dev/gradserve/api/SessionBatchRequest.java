package dev.gradserve.api;

import dev.gradserve.model.Include;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The body of {@code POST /v1/sessions/{id}/gradients} and {@code /forward}: a batch for the session's network. */
@Schema(description = "A batch computed on the session's current weights; nothing changes.")
record SessionBatchRequest(
        @Schema(description = Docs.INPUTS, example = "[[0.05, 0.1]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Tensor inputs,
        @Schema(description = Docs.TARGETS + " Required for /gradients (else 422), optional for /forward (then the answer "
                + "has the loss).", example = "[[0.01, 0.99]]")
        Tensor targets,
        @Schema(description = "Optional parts of the answer: outputs (always there), activations (z and a per layer), "
                + "weights (the session's current weights); /gradients only: deltas, inputGradients and gradients (always "
                + "there), which /forward refuses (422).",
                example = "[\"activations\", \"deltas\"]") List<@NotNull Include> include,
        @Schema(description = Docs.TENSOR_ENCODING, example = "nested", defaultValue = "nested")
        TensorEncoding tensorEncoding) {}
