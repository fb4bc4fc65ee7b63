package dev.gradserve.expression;

import dev.gradserve.expression.Expression.Apply;
import dev.gradserve.expression.Expression.Constant;
import dev.gradserve.expression.Expression.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expression as a computation graph: a node per variable, per number written and per operation,
 * in topological order. The variables come first, in the order they first appear; then the other
 * nodes in the order they are computed, every node after its inputs and the output last. A variable
 * used twice is one node with two out-edges. Built without recursion, so that a long chain such as
 * x + x + … + x, which does not nest, cannot exhaust the stack.
 */
public final class ComputationGraph {

    /**
     * One node.
     *
     * @param id                its index in {@link #nodes()}
     * @param operation         the operation it computes, or null for a variable or a constant
     * @param variable          the variable's name, or null
     * @param constant          the constant's value (0 for other nodes)
     * @param inputs            the ids of its operands, in order; empty for a variable or a constant
     * @param position          where it is written in the expression (a variable: where it first appears)
     * @param dependsOnVariable whether a variable flows into it: only such nodes get a gradient, as in PyTorch,
     *                          where only tensors computed from ones requiring grad receive one
     */
    public record Node(int id, Operation operation, String variable, double constant, List<Integer> inputs, int position,
            boolean dependsOnVariable) {

        public Node {
            inputs = List.copyOf(inputs);
        }

        /** How the answer names its operation: {@code variable}, {@code constant}, or the operation's symbol. */
        public String op() {
            return variable != null ? "variable" : operation == null ? "constant" : operation.symbol();
        }

        /** As a message names it: {@code node 0 (variable x)}, {@code node 4 (log)}. */
        String describe() {
            return "node " + id + " (" + op() + (variable != null ? " " + variable : "") + ")";
        }
    }

    private final String text;
    private final List<Node> nodes;
    private final Map<String, Integer> variables;

    private ComputationGraph(String text, List<Node> nodes, Map<String, Integer> variables) {
        this.text = text;
        this.nodes = List.copyOf(nodes);
        this.variables = variables;
    }

    /** Parses {@code text} and builds its graph; see {@link Parser#parse(String)}. */
    public static ComputationGraph of(String text) {
        return of(text, Parser.parse(text));
    }

    static ComputationGraph of(String text, Expression expression) {
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> variables = new LinkedHashMap<>();
        for (Variable variable : variablesInOrder(expression)) {
            if (!variables.containsKey(variable.name())) {
                variables.put(variable.name(), nodes.size());
                nodes.add(new Node(nodes.size(), null, variable.name(), 0, List.of(), variable.position(), true));
            }
        }
        Map<Expression, Integer> ids = new IdentityHashMap<>();
        Deque<Expression> pending = new ArrayDeque<>(List.of(expression));
        while (!pending.isEmpty()) {
            Expression next = pending.peek();
            if (next instanceof Variable variable) {
                ids.put(pending.pop(), variables.get(variable.name()));
            } else if (next instanceof Constant constant) {
                ids.put(pending.pop(), nodes.size());
                nodes.add(new Node(nodes.size(), null, null, constant.value(), List.of(), constant.position(), false));
            } else if (next instanceof Apply apply) {
                List<Expression> undone = apply.operands().stream().filter(operand -> !ids.containsKey(operand)).toList();
                if (undone.isEmpty()) {
                    pending.pop();
                    List<Integer> inputs = apply.operands().stream().map(ids::get).toList();
                    boolean dependsOnVariable = inputs.stream().anyMatch(input -> nodes.get(input).dependsOnVariable());
                    ids.put(apply, nodes.size());
                    nodes.add(new Node(nodes.size(), apply.operation(), null, 0, inputs, apply.position(), dependsOnVariable));
                } else {
                    pushInOrder(pending, undone);
                }
            }
        }
        return new ComputationGraph(text, nodes, variables);
    }

    /** Every variable occurrence, in the order they are written (a pre-order walk, operands left to right). */
    private static List<Variable> variablesInOrder(Expression expression) {
        List<Variable> found = new ArrayList<>();
        Deque<Expression> pending = new ArrayDeque<>(List.of(expression));
        while (!pending.isEmpty()) {
            Expression next = pending.pop();
            if (next instanceof Variable variable) {
                found.add(variable);
            } else if (next instanceof Apply apply) {
                pushInOrder(pending, apply.operands());
            }
        }
        return found;
    }

    /** Pushes them so that the first is on top, to be taken first. */
    private static void pushInOrder(Deque<Expression> stack, List<Expression> expressions) {
        for (int i = expressions.size() - 1; i >= 0; i--) {
            stack.push(expressions.get(i));
        }
    }

    /** In topological order; the last is the output. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The variables' names, in the order they first appear. */
    public List<String> variables() {
        return List.copyOf(variables.keySet());
    }

    /** The node of a variable, or -1 when the expression does not use it. */
    public int nodeOf(String variable) {
        return variables.getOrDefault(variable, -1);
    }

    /** The expression the graph was built from. */
    public String text() {
        return text;
    }
}
