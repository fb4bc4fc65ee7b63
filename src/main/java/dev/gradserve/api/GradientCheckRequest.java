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
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /v1/gradient-checks}: that of /v1/gradients plus the check's settings. */
@Schema(description = "The body of /v1/gradients plus epsilon and tolerances. The check always runs in float64; "
        + "dtype, include and tensorEncoding are accepted so that a /v1/gradients body can be sent as it is, and have no effect.")
record GradientCheckRequest(
        @Schema(description = Docs.NETWORK, example = Docs.NETWORK_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Valid NetworkSpec network,
        @Schema(description = Docs.WEIGHTS, example = Docs.WEIGHTS_EXAMPLE) Map<String, Map<String, Tensor>> weights,
        @Schema(description = Docs.WEIGHT_LAYOUT + " The check reports gradserve's parameters by their own names "
                + "(W_xh for a kernel, and so on).", example = "gradserve", defaultValue = "gradserve")
        WeightLayout weightLayout,
        @Schema(description = Docs.INIT, example = Docs.INIT_EXAMPLE) @Valid InitSpec init,
        @Schema(description = Docs.INPUTS, example = "[[0.05, 0.1]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Tensor inputs,
        @Schema(description = Docs.TARGETS, example = "[[0.01, 0.99]]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Tensor targets,
        @Schema(description = "Accepted and ignored: the check always computes in float64.", example = "float64") DType dtype,
        @Schema(description = "Accepted and ignored.", example = "[]") List<@NotNull Include> include,
        @Schema(description = "Accepted and ignored.", example = "nested") TensorEncoding tensorEncoding,
        @Schema(description = "The finite-difference step ε; default 1e-6.", example = "1e-6", defaultValue = "1e-6")
        @Positive Double epsilon,
        @Schema(description = "Largest relative error that passes; default 1e-6.", example = "1e-6", defaultValue = "1e-6")
        @Positive Double tolerance,
        @Schema(description = "Elements whose absolute error is at most this count as exact (relative error 0), because "
                + "for tiny gradients the relative error measures only rounding; default 1e-8.", example = "1e-8",
                defaultValue = "1e-8")
        @Positive Double absoluteTolerance) {}
