package dev.gradserve.expression;

import dev.gradserve.expression.Expression.Apply;
import dev.gradserve.expression.Expression.Constant;
import dev.gradserve.expression.Expression.Variable;
import dev.gradserve.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an expression by recursive descent over its grammar, loosest binding first:
 * <pre>
 *   sum     = product (("+" | "-") product)*
 *   product = unary (("*" | "/") unary)*
 *   unary   = "-" unary | power
 *   power   = operand ("^" unary)?
 *   operand = number | name | function "(" sum ("," sum)* ")" | "(" sum ")"
 * </pre>
 * so that {@code ^} binds tightest and is right-associative (2^3^2 = 2^9), −x^2 = −(x^2) as in
 * mathematics (and Python), and 2^-1 = 0.5. Parentheses, function calls, unary minus and {@code ^}
 * each nest one level; at most {@link #MAX_DEPTH} levels keep the recursion far from the stack's end.
 */
public final class Parser {

    /** Longest expression, in characters. */
    public static final int MAX_LENGTH = 10_000;
    /** Deepest nesting of parentheses, function calls, unary minus and ^ operands. */
    public static final int MAX_DEPTH = 200;

    private final String text;
    private final List<Token> tokens;
    private int next;
    private int depth;

    private Parser(String text) {
        this.text = text;
        this.tokens = Tokenizer.tokenize(text);
    }

    /** @throws InvalidExpressionException with the position of the first problem */
    public static Expression parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidExpressionException(text, -1, "the expression has " + text.length()
                    + " characters; at most " + MAX_LENGTH + " are allowed");
        }
        Parser parser = new Parser(text);
        if (parser.peek().is(Kind.END)) {
            throw parser.error(parser.peek(), "the expression is empty");
        }
        Expression expression = parser.sum();
        Token rest = parser.peek();
        if (!rest.is(Kind.END)) {
            throw parser.error(rest, rest.is(Kind.RIGHT) ? "')' has no matching '('" : "expected an operator or the end of "
                    + "the expression, got " + rest.describe() + (rest.startsOperand() ? " (multiplication is written *)" : ""));
        }
        return expression;
    }

    /** Whether {@code name} can name a variable: letters, digits and _, not starting with a digit, and not a function. */
    public static boolean isVariableName(String name) {
        return Tokenizer.isName(name) && !isFunction(name);
    }

    /** Whether {@code name} is a function's: exp, log, sqrt, …. */
    public static boolean isFunction(String name) {
        return Operation.function(name) != null;
    }

    private Expression sum() {
        Expression left = product();
        while (peek().is(Kind.PLUS) || peek().is(Kind.MINUS)) {
            Token operator = take();
            left = new Apply(operator.is(Kind.PLUS) ? Operation.ADD : Operation.SUBTRACT, List.of(left, product()),
                    operator.position());
        }
        return left;
    }

    private Expression product() {
        Expression left = unary();
        while (peek().is(Kind.TIMES) || peek().is(Kind.DIVIDE)) {
            Token operator = take();
            left = new Apply(operator.is(Kind.TIMES) ? Operation.MULTIPLY : Operation.DIVIDE, List.of(left, unary()),
                    operator.position());
        }
        return left;
    }

    private Expression unary() {
        if (!peek().is(Kind.MINUS)) {
            return power();
        }
        Token minus = take();
        enter(minus);
        Expression operand = unary();
        depth--;
        return new Apply(Operation.NEGATE, List.of(operand), minus.position());
    }

    private Expression power() {
        Expression base = operand();
        if (!peek().is(Kind.POWER)) {
            return base;
        }
        Token caret = take();
        enter(caret);
        Expression exponent = unary();
        depth--;
        return new Apply(Operation.POWER, List.of(base, exponent), caret.position());
    }

    private Expression operand() {
        Token token = peek();
        switch (token.kind()) {
            case NUMBER -> {
                take();
                return new Constant(number(token), token.position());
            }
            case NAME -> {
                take();
                if (peek().is(Kind.LEFT)) {
                    return call(token);
                }
                if (Operation.function(token.text()) != null) {
                    throw error(token, "'" + token.text() + "' is a function: write " + token.text() + "(...)");
                }
                return new Variable(token.text(), token.position());
            }
            case LEFT -> {
                take();
                enter(token);
                Expression inside = sum();
                close(token, "')'");
                depth--;
                return inside;
            }
            default -> throw operandExpected(token);
        }
    }

    private Expression call(Token name) {
        Operation function = Operation.function(name.text());
        if (function == null) {
            throw error(name, "unknown function '" + name.text() + "'; the functions are " + Operation.functionNames());
        }
        Token open = take();
        enter(open);
        List<Expression> arguments = new ArrayList<>();
        if (!peek().is(Kind.RIGHT)) {
            arguments.add(sum());
            while (peek().is(Kind.COMMA)) {
                take();
                arguments.add(sum());
            }
        }
        close(open, "',' or ')'");
        depth--;
        if (arguments.size() != function.arity()) {
            throw error(name, name.text() + " takes " + (function.arity() == 1 ? "1 argument" : function.arity() + " arguments")
                    + ", got " + arguments.size());
        }
        return new Apply(function, arguments, name.position());
    }

    /** @param expected what may come here, as the message says it */
    private void close(Token open, String expected) {
        Token token = peek();
        if (!token.is(Kind.RIGHT)) {
            throw error(token, "expected " + expected + " to close the '(' at " + open.position() + ", got "
                    + token.describe());
        }
        take();
    }

    private double number(Token token) {
        double value = Double.parseDouble(token.text());
        if (!Double.isFinite(value)) {
            throw error(token, token.text() + " is too large for a double");
        }
        return value;
    }

    private InvalidExpressionException operandExpected(Token got) {
        if (next == 0) {
            return error(got, "expected a number, a variable, a function or '(', got " + got.describe());
        }
        Token previous = tokens.get(next - 1);
        boolean doubleStar = previous.is(Kind.TIMES) && got.is(Kind.TIMES);
        return error(got, "expected an operand after '" + previous.text() + "', got " + got.describe()
                + (doubleStar ? " (a power is written ^)" : ""));
    }

    private void enter(Token token) {
        if (++depth > MAX_DEPTH) {
            throw error(token, "nested more than " + MAX_DEPTH + " levels deep (parentheses, function calls, unary minus "
                    + "and ^ each nest one level)");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private InvalidExpressionException error(Token token, String reason) {
        return new InvalidExpressionException(text, token.position(), reason);
    }
}
