package dev.gradserve.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** The body of {@code POST /v1/expressions/gradients}. */
@Schema(description = "A scalar expression and the values of its variables.")
record ExpressionGradientRequest(
        @Schema(description = "The expression: numbers (2, 0.5, .5, 1e-3), variables (letters, digits and _, not starting "
                + "with a digit), + - * / ^ (power), unary minus, parentheses, and the functions exp, log (natural), sqrt, "
                + "sin, cos, tanh, sigmoid, relu, abs (one argument) and max, min (two). ^ binds tightest and is "
                + "right-associative (2^3^2 = 2^9, -x^2 = -(x^2), 2^-1 = 0.5), then unary minus, then * and /, then + "
                + "and -. At most 10000 characters and 200 levels of nesting (parentheses, function calls, unary minus "
                + "and ^ each nest one level).",
                example = "(x + y) * z", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull String expression,
        @Schema(description = "A finite value for every variable of the expression, keyed by name. A name the expression "
                + "does not use is accepted and gets gradient 0. Optional when the expression has no variables.",
                example = "{\"x\": -2, \"y\": 5, \"z\": -4}")
        Map<String, Double> at) {}
