package dev.gradserve.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.gradserve.expression.Backpropagation.Edge;
import dev.gradserve.expression.Backpropagation.NodeValue;
import dev.gradserve.expression.Backpropagation.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values, gradients and graphs of the chain rule's textbook examples, kinks as PyTorch has them, and non-finite results. */
class BackpropagationTest {

    private static Result run(String text, Map<String, Double> at) {
        return Backpropagation.run(ComputationGraph.of(text), at);
    }

    private static double gradient(String text, Map<String, Double> at, String variable) {
        ComputationGraph graph = ComputationGraph.of(text);
        return Backpropagation.run(graph, at).gradientOf(graph, variable);
    }

    private static String ops(Result result) {
        return String.join(" ", result.nodes().stream().map(n -> n.node().op()).toList());
    }

    @Test
    void sumTimesVariableIsTheChainRulesFirstExample() {
        // CS231n: f = (x + y)·z at x = -2, y = 5, z = -4
        Result result = run("(x + y) * z", Map.of("x", -2.0, "y", 5.0, "z", -4.0));

        assertThat(result.value()).isEqualTo(-12);
        assertThat(result.nodes()).extracting(n -> n.node().op()).containsExactly("variable", "variable", "variable", "+", "*");
        assertThat(result.nodes()).extracting(n -> n.node().variable()).containsExactly("x", "y", "z", null, null);
        assertThat(result.nodes()).extracting(n -> n.node().inputs())
                .containsExactly(List.of(), List.of(), List.of(), List.of(0, 1), List.of(3, 2));
        assertThat(result.nodes()).extracting(NodeValue::value).containsExactly(-2.0, 5.0, -4.0, 3.0, -12.0);
        assertThat(result.nodes()).extracting(NodeValue::gradient).containsExactly(-4.0, -4.0, 3.0, -4.0, 1.0);
        // ∂(x + y)/∂x = ∂(x + y)/∂y = 1; ∂(q·z)/∂q = z = -4, ∂(q·z)/∂z = q = 3
        assertThat(result.edges()).containsExactly(new Edge(0, 3, 1.0), new Edge(1, 3, 1.0), new Edge(3, 4, -4.0),
                new Edge(2, 4, 3.0));
    }

    /** CS231n's single neuron f(w, x) = 1 / (1 + e^-(w0·x0 + w1·x1 + w2)) at w = [2, -3, -3], x = [-1, -2]. */
    private static final Map<String, Double> NEURON = Map.of("w0", 2.0, "x0", -1.0, "w1", -3.0, "x1", -2.0, "w2", -3.0);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))
            sigmoid(w0*x0 + w1*x1 + w2)
            """)
    void sigmoidNeuronGivesThePublishedNumbersToTheirPrintedDigits(String text) {
        ComputationGraph graph = ComputationGraph.of(text);
        Result result = Backpropagation.run(graph, NEURON);

        // as printed in the course's circuit diagram: 0.73; w0 -0.20, x0 0.39, w1 -0.39, x1 -0.59, w2 0.20
        assertThat(twoDigits(result.value())).isEqualTo("0.73");
        assertThat(twoDigits(result.gradientOf(graph, "w0"))).isEqualTo("-0.20");
        assertThat(twoDigits(result.gradientOf(graph, "x0"))).isEqualTo("0.39");
        assertThat(twoDigits(result.gradientOf(graph, "w1"))).isEqualTo("-0.39");
        assertThat(twoDigits(result.gradientOf(graph, "x1"))).isEqualTo("-0.59");
        assertThat(twoDigits(result.gradientOf(graph, "w2"))).isEqualTo("0.20");
        // and exactly: the course's code, ddot = (1 - f)·f, dx = [w0·ddot, w1·ddot], dw = [x0·ddot, x1·ddot, ddot]
        double f = 1 / (1 + Math.exp(-1));
        double ddot = (1 - f) * f;
        assertThat(result.value()).isCloseTo(f, within(1e-15));
        assertThat(result.gradientOf(graph, "w0")).isCloseTo(-ddot, within(1e-15));
        assertThat(result.gradientOf(graph, "x0")).isCloseTo(2 * ddot, within(1e-15));
        assertThat(result.gradientOf(graph, "w1")).isCloseTo(-2 * ddot, within(1e-15));
        assertThat(result.gradientOf(graph, "x1")).isCloseTo(-3 * ddot, within(1e-15));
        assertThat(result.gradientOf(graph, "w2")).isCloseTo(ddot, within(1e-15));
    }

    private static String twoDigits(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    @Test
    void sigmoidNeuronsCircuitHasTheCoursesGates() {
        Result result = run("1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))", NEURON);
        assertThat(ops(result)).isEqualTo("variable variable variable variable variable constant constant * * + + neg exp + /");
        // the gradients on the course's diagram, from the output back: 1.00, then -0.53 into 1/x and into +1,
        // -0.20 into exp, 0.20 into *-1 (the constants 1 are folded into those gates there, nodes here)
        assertThat(result.nodes().get(14).gradient()).isEqualTo(1.0);
        assertThat(twoDigits(result.nodes().get(13).gradient())).isEqualTo("-0.53");
        assertThat(twoDigits(result.nodes().get(12).gradient())).isEqualTo("-0.53");
        assertThat(twoDigits(result.nodes().get(11).gradient())).isEqualTo("-0.20");
        assertThat(twoDigits(result.nodes().get(10).gradient())).isEqualTo("0.20");
        assertThat(result.nodes().get(5).gradient()).isNull();
    }

    @Test
    void variableUsedTwiceIsOneNodeWhoseGradientSumsItsOutEdges() {
        Result result = run("x * x + x", Map.of("x", 3.0));
        assertThat(ops(result)).isEqualTo("variable * +");
        assertThat(result.edges()).containsExactly(new Edge(0, 1, 3.0), new Edge(0, 1, 3.0), new Edge(1, 2, 1.0),
                new Edge(0, 2, 1.0));
        assertThat(result.nodes().get(0).gradient()).isEqualTo(7.0);
    }

    @Test
    void variablesComeFirstInTheOrderTheyAppearThenTheNodesInTheOrderTheyAreComputed() {
        Result result = run("b * (a + 2) - exp(b)", Map.of("a", 1.0, "b", 2.0));
        assertThat(ops(result)).isEqualTo("variable variable constant + * exp -");
        assertThat(result.nodes()).extracting(n -> n.node().variable()).startsWith("b", "a");
        for (NodeValue node : result.nodes()) {
            assertThat(node.node().id()).isEqualTo(result.nodes().indexOf(node));
            assertThat(node.node().inputs()).allSatisfy(input -> assertThat(input).isLessThan(node.node().id()));
        }
    }

    @Test
    void constantsTakeNoGradientSoAConstantExponentNeverNeedsTheLogOfANegativeBase() {
        // (x - 3)^2 at x = 1: base -2, whose log is NaN; PyTorch takes no gradient for the exponent either
        Result result = run("(x - 3)^2", Map.of("x", 1.0));
        assertThat(result.value()).isEqualTo(4);
        assertThat(result.nodes()).extracting(NodeValue::gradient).containsExactly(-4.0, null, -4.0, null, 1.0);
        assertThat(result.edges()).containsExactly(new Edge(0, 2, 1.0), new Edge(1, 2, null), new Edge(2, 4, -4.0),
                new Edge(3, 4, null));

        assertThat(run("x^3", Map.of("x", -2.0)).value()).isEqualTo(-8);
        assertThat(gradient("x^3", Map.of("x", -2.0), "x")).isEqualTo(12);
        assertThat(gradient("x * (-2)^2", Map.of("x", 1.0), "x")).isEqualTo(4);
        assertThat(gradient("x * sqrt(0)", Map.of("x", 1.0), "x")).isEqualTo(0);
    }

    @Test
    void expressionWithoutVariablesHasAValueAndNoGradients() {
        Result result = run("2^10 - 24", Map.of());
        assertThat(result.value()).isEqualTo(1000);
        assertThat(result.nodes()).extracting(NodeValue::gradient).containsOnlyNulls();
        assertThat(result.edges()).extracting(Edge::localDerivative).containsOnlyNulls();
    }

    @Test
    void derivativesAtKinksAreThoseOfPyTorch() {
        assertThat(gradient("relu(x)", Map.of("x", 0.0), "x")).isEqualTo(0);
        assertThat(gradient("abs(x)", Map.of("x", 0.0), "x")).isEqualTo(0);
        // torch.maximum and torch.minimum split the gradient of a tie evenly
        Map<String, Double> tie = Map.of("x", 1.5, "y", 1.5);
        assertThat(gradient("max(x, y)", tie, "x")).isEqualTo(0.5);
        assertThat(gradient("max(x, y)", tie, "y")).isEqualTo(0.5);
        assertThat(gradient("min(x, y)", tie, "x")).isEqualTo(0.5);
        assertThat(gradient("min(x, y)", tie, "y")).isEqualTo(0.5);
        assertThat(gradient("max(x, x)", Map.of("x", 2.0), "x")).isEqualTo(1);
        // pow: ∂(a^b)/∂b = 0 where a = 0 and b ≥ 0; ∂(a^b)/∂a = 0 where b = 0
        assertThat(gradient("x^y", Map.of("x", 0.0, "y", 2.0), "y")).isEqualTo(0);
        assertThat(gradient("x^y", Map.of("x", 0.0, "y", 2.0), "x")).isEqualTo(0);
        assertThat(gradient("x^y", Map.of("x", 0.0, "y", 0.0), "x")).isEqualTo(0);
        assertThat(gradient("x^y", Map.of("x", 0.0, "y", 1.0), "x")).isEqualTo(1);
    }

    @Test
    void sigmoidIsExactFarOutOnBothSides() {
        assertThat(run("sigmoid(x)", Map.of("x", -800.0)).value()).isEqualTo(0);
        assertThat(run("sigmoid(x)", Map.of("x", 800.0)).value()).isEqualTo(1);
        assertThat(gradient("sigmoid(x)", Map.of("x", -30.0), "x")).isCloseTo(Math.exp(-30), within(1e-25));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            log(x - 1)          | 0 | 0  | node 3 (log): log(-1.0) = NaN
            log(x)              | 0 | 0  | node 1 (log): log(0.0) = -Infinity
            y / (x - 2)         | 2 | 2  | node 4 (/): 3.0 / 0.0 = Infinity
            sqrt(x - 3)         | 2 | 0  | node 3 (sqrt): sqrt(-1.0) = NaN
            exp(1000 * x)       | 1 | 0  | node 3 (exp): exp(1000.0) = Infinity
            x^y                 | 2 | 1  | node 2 (^): 2.0 ^ 2000.0 = Infinity
            -x * 1e308 * 10     | 1 | 11 | node 5 (*): -1.0E308 * 10.0 = -Infinity
            """)
    void nonFiniteValuesAreRefusedNamingTheFirstNode(String text, double x, int position, String what) {
        NonFiniteNodeException refusal = catchThrowableOfType(
                () -> run(text, Map.of("x", x, "y", text.contains("^") ? 2000.0 : 3.0)), NonFiniteNodeException.class);
        assertThat(refusal).isNotNull();
        assertThat(refusal.getMessage()).startsWith("at " + position + ": " + what + "\n" + text + "\n");
        assertThat(refusal.getMessage()).endsWith("\n" + " ".repeat(position) + "^");
    }

    @Test
    void infiniteLocalDerivativesAndGradientsAreRefusedNamingTheNode() {
        NonFiniteNodeException sqrtAtZero = catchThrowableOfType(() -> run("sqrt(x)", Map.of("x", 0.0)),
                NonFiniteNodeException.class);
        assertThat(sqrtAtZero.node()).isEqualTo(1);
        assertThat(sqrtAtZero.getMessage()).startsWith("at 0: node 1 (sqrt): the local derivative of sqrt(0.0) with respect "
                + "to its operand 1, node 0 (variable x), is Infinity");

        // every value finite (the difference is 0), but 1e300 · 1e300 overflows on the way back to x
        NonFiniteNodeException overflow = catchThrowableOfType(() -> run("1e300 * (1e300 * x - 1e300 * x)", Map.of("x", 1.0)),
                NonFiniteNodeException.class);
        assertThat(overflow.node()).isEqualTo(0);
        assertThat(overflow.getMessage()).startsWith("at 17: node 0 (variable x): its gradient is NaN");
    }
}
