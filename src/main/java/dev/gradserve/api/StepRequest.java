package dev.gradserve.api;

import dev.gradserve.model.Include;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The body of {@code POST /v1/sessions/{id}/steps}. */
@Schema(description = "A batch to train on: one forward pass, one backward pass, one optimizer update.")
record StepRequest(
        @Schema(description = Docs.INPUTS, example = "[[0.05, 0.1]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Tensor inputs,
        @Schema(description = Docs.TARGETS, example = "[[0.01, 0.99]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Tensor targets,
        @Schema(description = "Optional parts of the answer: gradients (of the weights before the update, before clipping), "
                + "weights (after the update), outputs, activations, deltas, inputGradients (all of the pass before the "
                + "update). Without include the answer is step, version and loss.",
                example = "[\"weights\", \"gradients\"]") List<@NotNull Include> include,
        @Schema(description = Docs.TENSOR_ENCODING, example = "nested", defaultValue = "nested")
        TensorEncoding tensorEncoding) {}
