package dev.gradserve.expression;

import dev.gradserve.expression.ComputationGraph.Node;

/**
 * A value, gradient or local derivative of a node that is NaN or infinite, which JSON cannot carry:
 * log(−1), 1/0, exp(1000), sqrt′(0). The message names the node and points at it in the expression.
 */
public class NonFiniteNodeException extends RuntimeException {

    private final int node;

    NonFiniteNodeException(ComputationGraph graph, Node node, String what) {
        super("at " + node.position() + ": " + node.describe() + ": " + what + "\n" + Excerpt.at(graph.text(), node.position()));
        this.node = node.id();
    }

    /** The id of the node. */
    public int node() {
        return node;
    }
}
