package dev.gradserve.api;

import dev.gradserve.model.Include;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /v1/sessions/{id}/updates}: gradients computed elsewhere, for the session's optimizer. */
@Schema(description = "Gradients computed elsewhere (e.g. the average of workers' /v1/gradients answers on shards of a "
        + "batch), applied by the session's optimizer as one step.")
record UpdateRequest(
        @Schema(description = "dL/d parameter, keyed and shaped like the session's weights: every parameter of every layer.",
                example = Docs.WEIGHTS_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Map<String, Map<String, Tensor>> gradients,
        @Schema(description = "Optional parts of the answer: weights (after the update).", example = "[\"weights\"]")
        List<@NotNull Include> include,
        @Schema(description = Docs.TENSOR_ENCODING, example = "nested", defaultValue = "nested") TensorEncoding tensorEncoding) {}
