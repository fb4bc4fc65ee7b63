package dev.gradserve.api;

import dev.gradserve.model.DType;
import dev.gradserve.model.Include;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;
import dev.gradserve.model.WeightLayout;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /v1/forward}. */
@Schema(description = "A network, its weights (or init) and a batch; with targets the answer has the loss too.")
record ForwardRequest(
        @Schema(description = Docs.NETWORK, example = Docs.NETWORK_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Valid NetworkSpec network,
        @Schema(description = Docs.WEIGHTS, example = Docs.WEIGHTS_EXAMPLE) Map<String, Map<String, Tensor>> weights,
        @Schema(description = Docs.WEIGHT_LAYOUT, example = "gradserve", defaultValue = "gradserve")
        WeightLayout weightLayout,
        @Schema(description = Docs.INIT, example = Docs.INIT_EXAMPLE) @Valid InitSpec init,
        @Schema(description = Docs.INPUTS, example = "[[0.05, 0.1]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Tensor inputs,
        @Schema(description = "Optional: " + Docs.TARGETS, example = "[[0.01, 0.99]]") Tensor targets,
        @Schema(description = Docs.DTYPE, example = "float64", defaultValue = "float64") DType dtype,
        @Schema(description = "Optional parts of the answer: outputs (always there), activations (z and a per layer), "
                + "weights (those used). deltas, inputGradients and gradients are refused (422): a forward pass computes no "
                + "gradients.",
                example = "[\"activations\"]") List<@NotNull Include> include,
        @Schema(description = Docs.TENSOR_ENCODING, example = "nested", defaultValue = "nested") TensorEncoding tensorEncoding) {}
