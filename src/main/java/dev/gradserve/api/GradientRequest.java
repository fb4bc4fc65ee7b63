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

/** The body of {@code POST /v1/gradients}. */
@Schema(description = "A network, its weights (or init) and a batch with targets.")
record GradientRequest(
        @Schema(description = Docs.NETWORK, example = Docs.NETWORK_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Valid NetworkSpec network,
        @Schema(description = Docs.WEIGHTS, example = Docs.WEIGHTS_EXAMPLE) Map<String, Map<String, Tensor>> weights,
        @Schema(description = Docs.WEIGHT_LAYOUT, example = "gradserve", defaultValue = "gradserve")
        WeightLayout weightLayout,
        @Schema(description = Docs.INIT, example = Docs.INIT_EXAMPLE) @Valid InitSpec init,
        @Schema(description = Docs.INPUTS, example = "[[0.05, 0.1]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Tensor inputs,
        @Schema(description = Docs.TARGETS + " Required unless outputGradients are given.", example = "[[0.01, 0.99]]")
        Tensor targets,
        @Schema(description = "Instead of targets (and without needing a loss): dL/d outputs of a loss you compute "
                + "yourself, shaped like the outputs [batch, ...]. Backpropagation starts from them through the last "
                + "layer's activation (a vector-Jacobian product); the answer then has no loss.",
                example = "[[0.74136507, -0.217071535]]") Tensor outputGradients,
        @Schema(description = Docs.DTYPE, example = "float64", defaultValue = "float64") DType dtype,
        @Schema(description = Docs.INCLUDE, example = "[\"activations\", \"deltas\"]") List<@NotNull Include> include,
        @Schema(description = Docs.TENSOR_ENCODING, example = "nested", defaultValue = "nested") TensorEncoding tensorEncoding) {}
