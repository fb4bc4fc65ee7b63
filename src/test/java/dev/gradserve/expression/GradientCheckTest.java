package dev.gradserve.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every operator's and function's derivative, and a few compositions, against central differences
 * (f(v + h) − f(v − h)) / 2h in float64, at points away from kinks: relative error at most 1e-6, or
 * an absolute error at most 1e-9 where the derivative is 0 or nearly (where the relative error of a
 * finite difference measures only rounding).
 */
class GradientCheckTest {

    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-6;
    private static final double ABSOLUTE_TOLERANCE = 1e-9;

    @ParameterizedTest(name = "{0} at a = {1}, b = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            -a                    | -1.3  | 0
            a + b                 | 0.7   | -2.1
            a - b                 | 0.7   | -2.1
            a * b                 | 0.7   | -2.1
            a / b                 | 0.7   | -2.1
            a / b                 | -3.2  | 0.4
            a ^ b                 | 1.7   | 2.3
            a ^ b                 | 0.3   | -1.4
            a ^ 3                 | -1.6  | 0
            b ^ a                 | -0.4  | 2.5
            exp(a)                | 1.2   | 0
            exp(a)                | -4.5  | 0
            log(a)                | 0.35  | 0
            log(a)                | 17.0  | 0
            sqrt(a)               | 0.09  | 0
            sqrt(a)               | 6.2   | 0
            sin(a)                | 0.9   | 0
            sin(a)                | -2.4  | 0
            cos(a)                | 0.9   | 0
            cos(a)                | -2.4  | 0
            tanh(a)               | 0.6   | 0
            tanh(a)               | -2.2  | 0
            sigmoid(a)            | 0.6   | 0
            sigmoid(a)            | -3.7  | 0
            relu(a)               | 1.3   | 0
            relu(a)               | -1.3  | 0
            abs(a)                | 1.3   | 0
            abs(a)                | -1.3  | 0
            max(a, b)             | 0.5   | -0.5
            max(a, b)             | -0.5  | 0.5
            min(a, b)             | 0.5   | -0.5
            min(a, b)             | -0.5  | 0.5
            a * a * a - 2 * a     | 1.1   | 0
            (a - 3)^2             | 1     | 0
            log(sigmoid(a * b))   | 0.8   | -1.9
            sqrt(a^2 + b^2)       | 3     | -4
            tanh(a) * cos(b) / (1 + exp(-a * b)) + max(a, b)^2 - abs(sin(a - b)) + relu(b - a) * log(a + 5) | 0.7 | -1.2
            """)
    void derivativeMatchesCentralDifferences(String expression, double a, double b) {
        Map<String, Double> at = new LinkedHashMap<>();
        at.put("a", a);
        at.put("b", b);
        ComputationGraph graph = ComputationGraph.of(expression);
        Backpropagation.Result result = Backpropagation.run(graph, at);
        for (String variable : graph.variables()) {
            double analytic = result.gradientOf(graph, variable);
            double numeric = centralDifference(graph, at, variable);
            double error = Math.abs(analytic - numeric);
            double relative = error / Math.max(Math.abs(analytic), Math.abs(numeric));
            assertThat(error <= ABSOLUTE_TOLERANCE || relative <= TOLERANCE)
                    .as("∂/∂%s of %s: analytic %s, numeric %s, relative error %s", variable, expression, analytic, numeric, relative)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "CS231n neuron: ∂f/∂{0}")
    @CsvSource({"w0", "x0", "w1", "x1", "w2"})
    void sigmoidNeuronMatchesCentralDifferences(String variable) {
        Map<String, Double> at = Map.of("w0", 2.0, "x0", -1.0, "w1", -3.0, "x1", -2.0, "w2", -3.0);
        ComputationGraph graph = ComputationGraph.of("1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))");
        double analytic = Backpropagation.run(graph, at).gradientOf(graph, variable);
        double numeric = centralDifference(graph, at, variable);
        assertThat(Math.abs(analytic - numeric) / Math.abs(analytic)).isLessThanOrEqualTo(TOLERANCE);
    }

    private static double centralDifference(ComputationGraph graph, Map<String, Double> at, String variable) {
        double value = at.get(variable);
        double h = STEP * Math.max(1, Math.abs(value));
        return (valueWith(graph, at, variable, value + h) - valueWith(graph, at, variable, value - h)) / (2 * h);
    }

    private static double valueWith(ComputationGraph graph, Map<String, Double> at, String variable, double value) {
        Map<String, Double> moved = new LinkedHashMap<>(at);
        moved.put(variable, value);
        return Backpropagation.run(graph, moved).value();
    }
}
