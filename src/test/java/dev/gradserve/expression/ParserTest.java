package dev.gradserve.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gradserve.expression.Expression.Apply;
import dev.gradserve.expression.Expression.Constant;
import dev.gradserve.expression.Expression.Variable;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Precedence, associativity, numbers and names, and every kind of malformed expression with its position. */
class ParserTest {

    /** Fully parenthesised, so that the tree's shape shows. */
    private static String shape(String text) {
        return shape(Parser.parse(text));
    }

    private static String shape(Expression expression) {
        if (expression instanceof Constant constant) {
            return constant.value() == Math.rint(constant.value()) ? Long.toString((long) constant.value())
                    : Double.toString(constant.value());
        }
        if (expression instanceof Variable variable) {
            return variable.name();
        }
        Apply apply = (Apply) expression;
        Operation operation = apply.operation();
        if (operation.isFunction()) {
            return operation.symbol() + apply.operands().stream().map(ParserTest::shape).collect(Collectors.joining(", ", "(", ")"));
        }
        if (operation == Operation.NEGATE) {
            return "(-" + shape(apply.operands().get(0)) + ")";
        }
        return "(" + shape(apply.operands().get(0)) + " " + operation.symbol() + " " + shape(apply.operands().get(1)) + ")";
    }

    private static double valueOf(String text) {
        return Backpropagation.run(ComputationGraph.of(text), Map.of()).value();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            (x + y) * z           | ((x + y) * z)
            x + y * z             | (x + (y * z))
            x * y + z             | ((x * y) + z)
            x - y - z             | ((x - y) - z)
            x / y / z             | ((x / y) / z)
            x / y * z             | ((x / y) * z)
            x - y + z             | ((x - y) + z)
            2^3^2                 | (2 ^ (3 ^ 2))
            -x^2                  | (-(x ^ 2))
            -x*y                  | ((-x) * y)
            x*-y                  | (x * (-y))
            x - -y                | (x - (-y))
            --x                   | (-(-x))
            2^-1                  | (2 ^ (-1))
            2^-x^2                | (2 ^ (-(x ^ 2)))
            (-x)^2                | ((-x) ^ 2)
            x^y*z                 | ((x ^ y) * z)
            exp(x)^2              | (exp(x) ^ 2)
            max(x + 1, -y) * 2    | (max((x + 1), (-y)) * 2)
            sigmoid(relu(x))      | sigmoid(relu(x))
            ((x))                 | x
            """)
    void operatorsBindAsInMathematics(String text, String expected) {
        assertThat(shape(text)).isEqualTo(expected);
    }

    @Test
    void powerIsRightAssociativeAndTighterThanUnaryMinus() {
        assertThat(valueOf("2^3^2")).isEqualTo(512);
        assertThat(valueOf("(2^3)^2")).isEqualTo(64);
        assertThat(valueOf("-2^2")).isEqualTo(-4);
        assertThat(valueOf("(-2)^2")).isEqualTo(4);
        assertThat(valueOf("2^-1")).isEqualTo(0.5);
        assertThat(valueOf("10 - 4 - 3")).isEqualTo(3);
        assertThat(valueOf("8 / 4 / 2")).isEqualTo(1);
        assertThat(valueOf("1 + 2 * 3 ^ 2")).isEqualTo(19);
    }

    @ParameterizedTest
    @CsvSource({"2, 2", "0.5, 0.5", ".5, 0.5", "5., 5", "1e-3, 0.001", "1E3, 1000", "2.5e+2, 250", "1e-400, 0"})
    void numbersAreReadAsWritten(String text, double expected) {
        assertThat(valueOf(text)).isEqualTo(expected);
    }

    @Test
    void namesTakeLettersDigitsAndUnderscoresAndWhitespaceIsFree() {
        assertThat(shape(" w_0 *\tx1\n+ _b ")).isEqualTo("((w_0 * x1) + _b)");
        assertThat(Parser.isVariableName("w0")).isTrue();
        assertThat(Parser.isVariableName("_")).isTrue();
        assertThat(Parser.isVariableName("0w")).isFalse();
        assertThat(Parser.isVariableName("w[0]")).isFalse();
        assertThat(Parser.isVariableName("")).isFalse();
        assertThat(Parser.isVariableName("exp")).isFalse();
        assertThat(Parser.isVariableName("expo")).isTrue();
    }

    @Test
    void partsRememberWhereTheyAreWritten() {
        Apply product = (Apply) Parser.parse("(x + y) * z");
        assertThat(product.position()).isEqualTo(8);
        assertThat(product.operands().get(0).position()).isEqualTo(3);
        assertThat(product.operands().get(1).position()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "(x + y) *"   | 9  | expected an operand after '*', got the end of the expression
            "(x + y"      | 6  | expected ')' to close the '(' at 0, got the end of the expression
            "((x + y) * z"| 12 | expected ')' to close the '(' at 0, got the end of the expression
            "x + y)"      | 5  | ')' has no matching '('
            "foo(x)"      | 0  | unknown function 'foo'; the functions are exp, log, sqrt, sin, cos, tanh, sigmoid, relu, abs, max, min
            "x + * y"     | 4  | expected an operand after '+', got '*'
            "x * / y"     | 4  | expected an operand after '*', got '/'
            "x ** 2"      | 3  | expected an operand after '*', got '*' (a power is written ^)
            "x + + y"     | 4  | expected an operand after '+', got '+'
            "* x"         | 0  | expected a number, a variable, a function or '(', got '*'
            ""            | 0  | the expression is empty
            "   "         | 3  | the expression is empty
            "1e"          | 0  | '1e' is not a number: its exponent has no digits
            "x * 2e+"     | 4  | '2e+' is not a number: its exponent has no digits
            "."           | 0  | '.' is not a number
            "1e400"       | 0  | 1e400 is too large for a double
            "x y"         | 2  | expected an operator or the end of the expression, got 'y' (multiplication is written *)
            "2x"          | 1  | expected an operator or the end of the expression, got 'x' (multiplication is written *)
            "(x) (y)"     | 4  | expected an operator or the end of the expression, got '(' (multiplication is written *)
            "x (y)"       | 0  | unknown function 'x'
            "1.2.3"       | 3  | expected an operator or the end of the expression, got '.3'
            "x, y"        | 1  | expected an operator or the end of the expression, got ','
            "x # y"       | 2  | unexpected character '#'
            "x · y"       | 2  | unexpected character '·'; multiplication is written *
            "exp x"       | 0  | 'exp' is a function: write exp(...)
            "exp()"       | 0  | exp takes 1 argument, got 0
            "exp(x, y)"   | 0  | exp takes 1 argument, got 2
            "max(x)"      | 0  | max takes 2 arguments, got 1
            "max(x y)"    | 6  | expected ',' or ')' to close the '(' at 3, got 'y'
            "max(x,)"     | 6  | expected an operand after ',', got ')'
            "()"          | 1  | expected an operand after '(', got ')'
            "x^"          | 2  | expected an operand after '^', got the end of the expression
            """)
    void malformedExpressionsAreRefusedWithThePositionOfTheProblem(String text, int position, String reason) {
        InvalidExpressionException refusal = catchThrowableOfType(() -> Parser.parse(text), InvalidExpressionException.class);
        assertThat(refusal).as(text).isNotNull();
        assertThat(refusal.position()).isEqualTo(position);
        assertThat(refusal.getMessage()).startsWith("at " + position + ": " + reason);
    }

    @Test
    void messageEndsWithTheExpressionAndACaretUnderThePosition() {
        assertThatThrownBy(() -> Parser.parse("(x + y) *")).hasMessage("""
                at 9: expected an operand after '*', got the end of the expression
                (x + y) *
                         ^""");
        // a tab shows as a space, so that the caret stays under its character
        assertThatThrownBy(() -> Parser.parse("x +\ty )")).hasMessage("""
                at 6: ')' has no matching '('
                x + y )
                      ^""");
    }

    @Test
    void excerptOfALongExpressionIsCutAroundThePosition() {
        String text = "x + ".repeat(1000) + "* y + " + "x + ".repeat(1000) + "x";
        InvalidExpressionException refusal = catchThrowableOfType(() -> Parser.parse(text), InvalidExpressionException.class);
        assertThat(refusal.position()).isEqualTo(4000);
        String[] lines = refusal.getMessage().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("…").endsWith("…").hasSize(2 * Excerpt.CONTEXT + 2);
        assertThat(lines[2]).isEqualTo(" ".repeat(Excerpt.CONTEXT + 1) + "^");
        assertThat(lines[1].charAt(Excerpt.CONTEXT + 1)).isEqualTo('*');
    }

    @Test
    void expressionsUpToTheLengthLimitAreReadAndLongerOnesRefused() {
        String longest = "x" + " + x".repeat((Parser.MAX_LENGTH - 1) / 4);
        assertThat(longest.length()).isLessThanOrEqualTo(Parser.MAX_LENGTH);
        assertThat(valueOfWithX(longest, 1)).isEqualTo((Parser.MAX_LENGTH - 1) / 4 + 1);

        String tooLong = longest + " + x";
        InvalidExpressionException refusal = catchThrowableOfType(() -> Parser.parse(tooLong), InvalidExpressionException.class);
        assertThat(refusal.position()).isEqualTo(-1);
        assertThat(refusal.getMessage()).isEqualTo("the expression has " + tooLong.length() + " characters; at most "
                + Parser.MAX_LENGTH + " are allowed");
    }

    private static double valueOfWithX(String text, double x) {
        return Backpropagation.run(ComputationGraph.of(text), Map.of("x", x)).value();
    }

    @Test
    void nestingUpToTheDepthLimitIsReadAndDeeperIsRefusedWherePassed() {
        int depth = Parser.MAX_DEPTH;
        assertThat(valueOfWithX("(".repeat(depth) + "x" + ")".repeat(depth), 3)).isEqualTo(3);
        assertThat(valueOfWithX("-".repeat(depth) + "x", 3)).isEqualTo(3);
        assertThat(valueOfWithX("relu(".repeat(depth) + "x" + ")".repeat(depth), 3)).isEqualTo(3);

        assertDepthRefusedAt("(".repeat(depth + 1) + "x" + ")".repeat(depth + 1), depth);
        assertDepthRefusedAt("-".repeat(depth + 1) + "x", depth);
        assertDepthRefusedAt("1" + "^1".repeat(depth + 1), 2 * depth + 1);
        assertDepthRefusedAt("relu(".repeat(depth + 1) + "x" + ")".repeat(depth + 1), 5 * depth + 4);
        // far deeper than the limit: refused, never a StackOverflowError
        assertDepthRefusedAt("(".repeat(Parser.MAX_LENGTH), depth);
        assertDepthRefusedAt("-(".repeat(Parser.MAX_LENGTH / 2), depth);
    }

    private static void assertDepthRefusedAt(String text, int position) {
        InvalidExpressionException refusal = catchThrowableOfType(() -> Parser.parse(text), InvalidExpressionException.class);
        assertThat(refusal).isNotNull();
        assertThat(refusal.position()).isEqualTo(position);
        assertThat(refusal.getMessage()).startsWith("at " + position + ": nested more than " + Parser.MAX_DEPTH + " levels deep");
    }

    @Test
    void longChainsThatDoNotNestAreNotLimitedByDepth() {
        // x^1001 - x + 2000·x, as a product and a sum each thousands of operations long
        String text = "x" + " * x".repeat(1000) + " - x" + "+x".repeat(2000);
        ComputationGraph graph = ComputationGraph.of(text);
        Backpropagation.Result result = Backpropagation.run(graph, Map.of("x", 1.0));
        assertThat(result.value()).isEqualTo(2000);
        assertThat(result.gradientOf(graph, "x")).isEqualTo(1001 - 1 + 2000);
    }
}
