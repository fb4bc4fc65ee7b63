package dev.gradserve.expression;

import java.util.List;

/** An expression as parsed: immutable, every part with the 0-based offset where it is written. */
public sealed interface Expression {

    /** The offset of its number, name, operator or function name in the expression. */
    int position();

    /** A number written in the expression. */
    record Constant(double value, int position) implements Expression {}

    /** A variable, given its value in the request. */
    record Variable(String name, int position) implements Expression {}

    /** An operator or a function applied to its operands, as many as its arity. */
    record Apply(Operation operation, List<Expression> operands, int position) implements Expression {

        public Apply {
            operands = List.copyOf(operands);
            if (operands.size() != operation.arity()) {
                throw new IllegalArgumentException(operation.symbol() + " takes " + operation.arity() + " operands, got "
                        + operands.size());
            }
        }
    }
}
