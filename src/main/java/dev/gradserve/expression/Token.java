package dev.gradserve.expression;

/**
 * One token of an expression.
 *
 * @param position where it starts: a 0-based character offset into the expression (its length for {@link Kind#END})
 */
record Token(Kind kind, String text, int position) {

    enum Kind { NUMBER, NAME, PLUS, MINUS, TIMES, DIVIDE, POWER, LEFT, RIGHT, COMMA, END }

    boolean is(Kind kind) {
        return this.kind == kind;
    }

    /** Whether this begins an operand that is not negated: a number, a name or an opening parenthesis. */
    boolean startsOperand() {
        return kind == Kind.NUMBER || kind == Kind.NAME || kind == Kind.LEFT;
    }

    /** As a message names it: {@code '*'}, {@code 'x'}, or {@code the end of the expression}. */
    String describe() {
        return kind == Kind.END ? "the end of the expression" : "'" + text + "'";
    }
}
