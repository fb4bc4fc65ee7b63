package dev.gradserve.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The answer of {@code POST /v1/gradient-checks}. */
@Schema(description = "Analytic gradients compared with central finite differences (L(w+ε) − L(w−ε)) / 2ε, in float64.")
record GradientCheckResponse(
        @Schema(description = "Whether every relative error is at most the tolerance.", example = "true") boolean passed,
        @Schema(description = "The largest relative error over all parameters.", example = "2.1e-10") double maxRelativeError,
        @Schema(description = "The largest absolute error over all parameters.", example = "3.4e-12") double maxAbsoluteError,
        @Schema(description = "The step used.", example = "1e-6") double epsilon,
        @Schema(description = "The tolerance used.", example = "1e-6") double tolerance,
        @Schema(description = "Per layer, per parameter.") Map<String, Map<String, ParameterCheck>> parameters) {

    @Schema(description = "The check of one parameter tensor.")
    record ParameterCheck(
            @Schema(description = "Largest relative error |analytic − numeric| / max(|analytic|, |numeric|), counting "
                    + "elements within absoluteTolerance as 0.", example = "2.1e-10") double maxRelativeError,
            @Schema(description = "Largest absolute error |analytic − numeric|.", example = "3.4e-12") double maxAbsoluteError,
            @Schema(description = "Index of the element with the largest relative error.", example = "[0, 1]") int[] worstIndex,
            @Schema(description = "Backpropagation's gradient at that element.", example = "0.082167041") double analytic,
            @Schema(description = "The finite-difference gradient at that element.", example = "0.0821670407") double numeric) {}
}
