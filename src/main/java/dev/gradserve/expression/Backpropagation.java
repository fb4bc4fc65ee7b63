package dev.gradserve.expression;

import dev.gradserve.expression.ComputationGraph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The forward pass and reverse-mode accumulation over a computation graph, in double precision.
 * Forward: every node's value, in topological order. Backward: the output's gradient is 1; walking
 * the nodes in reverse, each node's gradient is final when it is reached (every node that uses it
 * comes later), and passes to each input the gradient times the local derivative ∂node/∂input,
 * summed over the input's out-edges. Only nodes that depend on a variable take part in the backward
 * pass, as in PyTorch; so the exponent 2 of (x − 3)^2 at x = 1 needs no ln(−2).
 */
public final class Backpropagation {

    private Backpropagation() {}

    /**
     * A node's value and gradient.
     *
     * @param gradient ∂output/∂node, or null when the node depends on no variable
     */
    public record NodeValue(Node node, double value, Double gradient) {}

    /**
     * An edge from an input to the node that uses it; an input used twice by one node has two edges.
     *
     * @param localDerivative ∂to/∂from, or null when {@code from} depends on no variable (no gradient flows along it)
     */
    public record Edge(int from, int to, Double localDerivative) {}

    /**
     * @param nodes in the graph's order
     * @param edges in the order of the nodes they enter, then of those nodes' operands
     */
    public record Result(double value, List<NodeValue> nodes, List<Edge> edges) {

        /** ∂output/∂variable: the gradient of the variable's node, or 0 when the expression does not use it. */
        public double gradientOf(ComputationGraph graph, String variable) {
            int node = graph.nodeOf(variable);
            return node < 0 ? 0 : nodes.get(node).gradient();
        }
    }

    /**
     * @param at a finite value for every variable of the graph (others are ignored)
     * @throws NonFiniteNodeException naming the first value (forward order), local derivative or gradient
     *                                (backward order) that is not finite
     */
    public static Result run(ComputationGraph graph, Map<String, Double> at) {
        List<Node> nodes = graph.nodes();
        int count = nodes.size();
        double[] values = new double[count];
        for (Node node : nodes) {
            values[node.id()] = node.variable() != null ? valueOf(node.variable(), at)
                    : node.operation() == null ? node.constant() : node.operation().value(operands(node, values));
            if (!Double.isFinite(values[node.id()])) {
                throw new NonFiniteNodeException(graph, node, node.operation() == null ? "its value is " + values[node.id()]
                        : node.operation().describe(operands(node, values)) + " = " + values[node.id()]);
            }
        }

        double[] gradients = new double[count];
        double[][] localDerivatives = new double[count][];
        gradients[count - 1] = 1;
        for (int id = count - 1; id >= 0; id--) {
            Node node = nodes.get(id);
            if (!node.dependsOnVariable()) {
                continue;
            }
            if (!Double.isFinite(gradients[id])) {
                throw new NonFiniteNodeException(graph, node, "its gradient is " + gradients[id]);
            }
            if (node.operation() == null) {
                continue;
            }
            double[] x = operands(node, values);
            localDerivatives[id] = node.operation().localDerivatives(x, values[id]);
            for (int i = 0; i < x.length; i++) {
                Node input = nodes.get(node.inputs().get(i));
                if (!input.dependsOnVariable()) {
                    continue;
                }
                double derivative = localDerivatives[id][i];
                if (!Double.isFinite(derivative)) {
                    throw new NonFiniteNodeException(graph, node, "the local derivative of " + node.operation().describe(x)
                            + " with respect to its operand " + (i + 1) + ", " + input.describe() + ", is " + derivative);
                }
                gradients[input.id()] += gradients[id] * derivative;
            }
        }

        List<NodeValue> nodeValues = new ArrayList<>(count);
        List<Edge> edges = new ArrayList<>();
        for (Node node : nodes) {
            nodeValues.add(new NodeValue(node, values[node.id()], node.dependsOnVariable() ? gradients[node.id()] : null));
            for (int i = 0; i < node.inputs().size(); i++) {
                int from = node.inputs().get(i);
                edges.add(new Edge(from, node.id(), nodes.get(from).dependsOnVariable() ? localDerivatives[node.id()][i] : null));
            }
        }
        return new Result(values[count - 1], nodeValues, edges);
    }

    private static double valueOf(String variable, Map<String, Double> at) {
        Double value = at.get(variable);
        if (value == null) {
            throw new IllegalArgumentException("no value for the variable " + variable);
        }
        return value;
    }

    private static double[] operands(Node node, double[] values) {
        return node.inputs().stream().mapToDouble(input -> values[input]).toArray();
    }
}
