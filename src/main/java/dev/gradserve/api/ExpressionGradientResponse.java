package dev.gradserve.api;

import dev.gradserve.expression.Backpropagation;
import dev.gradserve.expression.ComputationGraph;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer of {@code POST /v1/expressions/gradients}. */
@Schema(description = "The value f of the expression, ∂f/∂v for every variable, and the computation graph with every "
        + "value, gradient and local derivative: enough to draw the chain rule at work.")
record ExpressionGradientResponse(
        @Schema(description = "f: the value of the expression.", example = "-12.0", requiredMode = Schema.RequiredMode.REQUIRED)
        double value,
        @Schema(description = "∂f/∂v for every variable of at: first those of the expression, in the order they first "
                + "appear, then the unused ones with 0 (as PyTorch's zero gradient for an input that does not reach the "
                + "output).", example = "{\"x\": -4.0, \"y\": -4.0, \"z\": 3.0}", requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Double> gradients,
        @Schema(description = "The computation graph: nodes in topological order and the edges between them.",
                example = GRAPH_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED)
        ExpressionGraph graph) {

    static final String GRAPH_EXAMPLE = "{\"nodes\": ["
            + "{\"id\": 0, \"op\": \"variable\", \"name\": \"x\", \"inputs\": [], \"value\": -2.0, \"gradient\": -4.0}, "
            + "{\"id\": 1, \"op\": \"variable\", \"name\": \"y\", \"inputs\": [], \"value\": 5.0, \"gradient\": -4.0}, "
            + "{\"id\": 2, \"op\": \"variable\", \"name\": \"z\", \"inputs\": [], \"value\": -4.0, \"gradient\": 3.0}, "
            + "{\"id\": 3, \"op\": \"+\", \"inputs\": [0, 1], \"value\": 3.0, \"gradient\": -4.0}, "
            + "{\"id\": 4, \"op\": \"*\", \"inputs\": [3, 2], \"value\": -12.0, \"gradient\": 1.0}], "
            + "\"edges\": [{\"from\": 0, \"to\": 3, \"localDerivative\": 1.0}, {\"from\": 1, \"to\": 3, \"localDerivative\": 1.0}, "
            + "{\"from\": 3, \"to\": 4, \"localDerivative\": -4.0}, {\"from\": 2, \"to\": 4, \"localDerivative\": 3.0}]}";

    @Schema(description = "The computation graph of the expression.")
    record ExpressionGraph(
            @Schema(description = "Every variable, number and operation, in topological order: the variables first, in "
                    + "the order they first appear, then the rest in the order they are computed, every node after its "
                    + "inputs. The last node is the output f. A variable used twice is one node.",
                    example = "[{\"id\": 3, \"op\": \"+\", \"inputs\": [0, 1], \"value\": 3.0, \"gradient\": -4.0}]",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            List<ExpressionNode> nodes,
            @Schema(description = "One edge from each input to each node that uses it (an input used twice by one node, "
                    + "as in x * x, has two), in the order of the nodes they enter, then of those nodes' operands.",
                    example = "[{\"from\": 3, \"to\": 4, \"localDerivative\": -4.0}]", requiredMode = Schema.RequiredMode.REQUIRED)
            List<ExpressionEdge> edges) {}

    @Schema(description = "A node of the computation graph: a variable, a number written in the expression, or an operation.")
    record ExpressionNode(
            @Schema(description = "Its index in nodes.", example = "3", requiredMode = Schema.RequiredMode.REQUIRED) int id,
            @Schema(description = "variable, constant, + - * / ^, neg (unary minus), or the function: exp, log, sqrt, sin, "
                    + "cos, tanh, sigmoid, relu, abs, max, min.", example = "+", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"variable", "constant", "+", "-", "*", "/", "^", "neg", "exp", "log", "sqrt", "sin", "cos",
                            "tanh", "sigmoid", "relu", "abs", "max", "min"})
            String op,
            @Schema(description = "A variable's name; absent on other nodes.", example = "x") String name,
            @Schema(description = "The ids of its operands, in order (for - and /, and ^: [left, right]); empty for a "
                    + "variable or a constant.", example = "[0, 1]", requiredMode = Schema.RequiredMode.REQUIRED)
            List<Integer> inputs,
            @Schema(description = "Its value in the forward pass.", example = "3.0", requiredMode = Schema.RequiredMode.REQUIRED)
            double value,
            @Schema(description = "∂f/∂node, summed over its out-edges; 1 at the output. Absent on nodes no variable flows "
                    + "into (constants, and operations of constants only), which as in PyTorch take no gradient.",
                    example = "-4.0") Double gradient) {}

    @Schema(description = "An edge from an input to the node that uses it. The gradient it carries back is "
            + "localDerivative × the gradient of to.")
    record ExpressionEdge(
            @Schema(description = "The id of the input.", example = "3", requiredMode = Schema.RequiredMode.REQUIRED) int from,
            @Schema(description = "The id of the node that uses it.", example = "4", requiredMode = Schema.RequiredMode.REQUIRED)
            int to,
            @Schema(description = "∂to/∂from at the values of the forward pass. Absent when from takes no gradient (no "
                    + "variable flows into it).", example = "-4.0") Double localDerivative) {}

    /** @param requested the variables of the request, in its order */
    static ExpressionGradientResponse of(ComputationGraph graph, Backpropagation.Result result, Collection<String> requested) {
        Map<String, Double> gradients = new LinkedHashMap<>();
        graph.variables().forEach(variable -> gradients.put(variable, result.gradientOf(graph, variable)));
        requested.forEach(variable -> gradients.putIfAbsent(variable, 0.0));
        List<ExpressionNode> nodes = result.nodes().stream()
                .map(n -> new ExpressionNode(n.node().id(), n.node().op(), n.node().variable(), n.node().inputs(), n.value(),
                        n.gradient()))
                .toList();
        List<ExpressionEdge> edges = result.edges().stream()
                .map(e -> new ExpressionEdge(e.from(), e.to(), e.localDerivative()))
                .toList();
        return new ExpressionGradientResponse(result.value(), gradients, new ExpressionGraph(nodes, edges));
    }
}
