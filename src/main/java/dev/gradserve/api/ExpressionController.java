package dev.gradserve.api;

import dev.gradserve.expression.Backpropagation;
import dev.gradserve.expression.ComputationGraph;
import dev.gradserve.expression.InvalidExpressionException;
import dev.gradserve.expression.Parser;
import dev.gradserve.model.InvalidRequestException;
import dev.gradserve.model.Violation;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Backpropagation through a scalar expression, answered with its computation graph. */
@RestController
@RequestMapping(path = "/v1", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
class ExpressionController {

    @Operation(operationId = "expressionGradients", summary = "The gradient of a scalar expression, with its computation graph",
            description = "Parses the expression, builds its computation graph (a node per variable, number and "
                    + "operation; a variable used twice is one node with two out-edges), computes every node's value "
                    + "forward and its gradient ∂f/∂node backward by the chain rule, in float64: f = (x + y)·z at x = -2, "
                    + "y = 5, z = -4 is -12, with ∂f/∂x = ∂f/∂y = -4 and ∂f/∂z = 3.\n\n"
                    + "- **Gradients as PyTorch's.** At kinks relu′(0) = 0 and abs′(0) = 0; max and min of equal operands "
                    + "pass half the gradient to each (torch.maximum, torch.minimum). Nodes no variable flows into "
                    + "(constants, operations of constants only) take no gradient, as tensors that do not require grad: "
                    + "their gradient and the local derivative of their out-edges are absent, so that (x - 3)^2 at x = 1 "
                    + "never needs ln(-2) for the exponent. A variable of at that the expression does not use gets "
                    + "gradient 0.\n"
                    + "- **422 invalid-request** (pointer /expression): an expression that cannot be parsed; the message "
                    + "starts with the 0-based character offset (at 9: …) and ends with the expression and a caret under "
                    + "that offset. Also an expression over 10000 characters or nested over 200 levels. Pointer /at: a "
                    + "variable without a value; /at/{name}: a name that cannot be a variable (a function's name, or not "
                    + "letters, digits and _), or a value that is not a finite number.\n"
                    + "- **422 non-finite-result** (pointer /expression): a value, gradient or local derivative that is "
                    + "NaN or infinite (log(-1), 1/0, exp(1000), sqrt at 0 whose derivative is +∞); the message names "
                    + "the first such node, in forward order for values and backward order for the rest, and points at it.")
    @PostMapping("/expressions/gradients")
    ExpressionGradientResponse gradients(@Valid @RequestBody ExpressionGradientRequest request) {
        Map<String, Double> at = request.at() == null ? Map.of() : request.at();
        ComputationGraph graph;
        try {
            graph = ComputationGraph.of(request.expression());
        } catch (InvalidExpressionException e) {
            throw new InvalidRequestException("/expression", e.getMessage());
        }
        checkValues(graph, at);
        return ExpressionGradientResponse.of(graph, Backpropagation.run(graph, at), at.keySet());
    }

    /** Every variable of the graph has a finite value, and every name given can be a variable. */
    private static void checkValues(ComputationGraph graph, Map<String, Double> at) {
        List<Violation> violations = new ArrayList<>();
        List<String> missing = graph.variables().stream().filter(variable -> !at.containsKey(variable)).toList();
        if (!missing.isEmpty()) {
            violations.add(new Violation("/at", "no value for " + String.join(", ", missing)
                    + "; every variable of the expression needs one"));
        }
        at.forEach((name, value) -> {
            String pointer = "/at/" + name.replace("~", "~0").replace("/", "~1");
            if (!Parser.isVariableName(name)) {
                violations.add(new Violation(pointer, "'" + name + "' cannot be a variable: " + (Parser.isFunction(name)
                        ? "it is a function's name" : "a name is ASCII letters, digits and _, not starting with a digit")));
            } else if (value == null || !Double.isFinite(value)) {
                violations.add(new Violation(pointer, "a finite number is required, got " + value));
            }
        });
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }
}
