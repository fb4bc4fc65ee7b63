package dev.gradserve.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The answer of {@code POST /v1/gradient-checks}. */
@Schema(description = "Analytic gradients compared with central finite differences (L(w+ε) − L(w−ε)) / 2ε, in float64.")
record GradientCheckResponse(
        @Schema(description = "Whether every relative error is at most the tolerance.", example = "true",
                requiredMode = Schema.RequiredMode.REQUIRED) boolean passed,
        @Schema(description = "The largest relative error over all parameters.", example = "2.1e-10",
                requiredMode = Schema.RequiredMode.REQUIRED) double maxRelativeError,
        @Schema(description = "The largest absolute error over all parameters.", example = "3.4e-12",
                requiredMode = Schema.RequiredMode.REQUIRED) double maxAbsoluteError,
        @Schema(description = "The step ε used.", example = "1e-6", requiredMode = Schema.RequiredMode.REQUIRED) double epsilon,
        @Schema(description = "The tolerance used.", example = "1e-6", requiredMode = Schema.RequiredMode.REQUIRED) double tolerance,
        @Schema(description = "The absolute tolerance used.", example = "1e-8", requiredMode = Schema.RequiredMode.REQUIRED)
        double absoluteTolerance,
        @Schema(description = "Per layer, then per parameter (keyed like the weights): the check of that tensor.",
                example = "{\"output\": {\"W\": {\"maxRelativeError\": 2.1e-10, \"maxAbsoluteError\": 3.4e-12, "
                        + "\"worstIndex\": [0, 1], \"analytic\": 0.082167041, \"numeric\": 0.0821670407}}}",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Map<String, ParameterCheck>> parameters) {

    @Schema(description = "The check of one parameter tensor.")
    record ParameterCheck(
            @Schema(description = "Largest relative error |analytic − numeric| / max(|analytic|, |numeric|), counting "
                    + "elements within absoluteTolerance as 0.", example = "2.1e-10", requiredMode = Schema.RequiredMode.REQUIRED)
            double maxRelativeError,
            @Schema(description = "Largest absolute error |analytic − numeric|.", example = "3.4e-12",
                    requiredMode = Schema.RequiredMode.REQUIRED) double maxAbsoluteError,
            @Schema(description = "Index of the worst element: the largest relative error, and among equal ones "
                    + "the largest absolute error.", example = "[0, 1]",
                    requiredMode = Schema.RequiredMode.REQUIRED) int[] worstIndex,
            @Schema(description = "Backpropagation's gradient at that element.", example = "0.082167041",
                    requiredMode = Schema.RequiredMode.REQUIRED) double analytic,
            @Schema(description = "The central difference (L(w + ε) − L(w − ε)) / 2ε at that element.", example = "0.0821670407",
                    requiredMode = Schema.RequiredMode.REQUIRED) double numeric) {}
}
