package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.ActivationType;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.LayerSpec;
import dev.gradserve.model.LossSpec;
import dev.gradserve.model.LossType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.NetworkValidator;
import dev.gradserve.model.Reduction;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violations;
import dev.gradserve.model.WeightInit;
import dev.gradserve.model.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole networks checked against central finite differences in float64: every activation in a
 * hidden layer, every loss (with the output activations it pairs with), both reductions, a scale,
 * layers without bias. Relative error at most 1e-6 for every parameter.
 */
class NetworkGradientCheckTest {

    private static final GradientCheck.Settings STRICT = new GradientCheck.Settings(1e-6, 1e-6, 1e-9);

    static Stream<Arguments> everyHiddenActivation() {
        return Stream.of(ActivationType.values()).map(type -> Arguments.of(type.hasAlpha()
                ? new ActivationSpec(type, 0.3) : new ActivationSpec(type, null)));
    }

    @ParameterizedTest(name = "{0} in a hidden layer")
    @MethodSource("everyHiddenActivation")
    void everyActivationBackpropagatesExactly(ActivationSpec hidden) {
        NetworkSpec network = network(List.of(dense(5, hidden, true), dense(4, named("tanh"), false), dense(3, named("identity"), true)),
                new LossSpec(LossType.MSE, Reduction.MEAN, null, null));
        assertPasses(network, targets(4, 3, false));
    }

    static Stream<Arguments> everyLoss() {
        return Stream.of(
                Arguments.of("identity", LossType.MSE, Reduction.SUM, false),
                Arguments.of("sigmoid", LossType.MSE, Reduction.MEAN, false),
                Arguments.of("sigmoid", LossType.BINARY_CROSS_ENTROPY, Reduction.MEAN, false),
                Arguments.of("softmax", LossType.BINARY_CROSS_ENTROPY, Reduction.SUM, false),
                Arguments.of("softmax", LossType.CROSS_ENTROPY, Reduction.MEAN, true),
                Arguments.of("identity", LossType.CROSS_ENTROPY, Reduction.SUM, true),
                Arguments.of("identity", LossType.CROSS_ENTROPY, Reduction.MEAN, false),
                Arguments.of("tanh", LossType.CROSS_ENTROPY, Reduction.MEAN, true),
                Arguments.of("identity", LossType.MULTICLASS_HINGE, Reduction.MEAN, true),
                Arguments.of("silu", LossType.MULTICLASS_HINGE, Reduction.SUM, true));
    }

    @ParameterizedTest(name = "{0} output with {1}, {2}, class indices: {3}")
    @MethodSource("everyLoss")
    void everyLossBackpropagatesExactly(String output, LossType loss, Reduction reduction, boolean classIndices) {
        NetworkSpec network = network(List.of(dense(6, named("gelu"), true), dense(3, named(output), true)),
                new LossSpec(loss, reduction, 1.7, loss == LossType.MULTICLASS_HINGE ? 0.4 : null));
        boolean probabilities = loss == LossType.BINARY_CROSS_ENTROPY || loss == LossType.CROSS_ENTROPY;
        assertPasses(network, classIndices ? oneHot(4, 3) : targets(4, 3, probabilities));
    }

    private static void assertPasses(NetworkSpec spec, Tensor targets) {
        Violations violations = new Violations();
        Architecture architecture = NetworkValidator.resolve(spec, TestLimits.GENEROUS, "/network", violations);
        violations.throwIfAny();
        Weights weights = WeightInit.initialize(architecture, new InitSpec(InitScheme.XAVIER_NORMAL, 5L));
        Tensor inputs = targets(4, 4, false);
        GradientCheckResult result = new GradientEngine().checkGradients(architecture, shiftBiases(weights), inputs, targets,
                STRICT);
        assertThat(result.maxRelativeError()).isLessThanOrEqualTo(1e-6);
        assertThat(result.passed()).isTrue();
        assertThat(result.parameters()).hasSize(architecture.layers().size());
    }

    /** Non-zero biases, so that the bias gradients and kinks away from 0 are exercised. */
    private static Weights shiftBiases(Weights weights) {
        Random random = new Random(9);
        var layers = new java.util.LinkedHashMap<String, java.util.Map<String, Tensor>>();
        weights.layers().forEach((layer, parameters) -> {
            var shifted = new java.util.LinkedHashMap<String, Tensor>();
            parameters.forEach((name, tensor) -> shifted.put(name, name.equals("b")
                    ? new Tensor(tensor.shape(), random.doubles(tensor.size(), -0.5, 0.5).toArray()) : tensor));
            layers.put(layer, shifted);
        });
        return new Weights(layers);
    }

    private static NetworkSpec network(List<LayerSpec> layers, LossSpec loss) {
        return new NetworkSpec(List.of(4), layers, loss);
    }

    private static DenseSpec dense(int units, ActivationSpec activation, boolean bias) {
        return new DenseSpec(null, "dense", units, activation, bias);
    }

    private static ActivationSpec named(String name) {
        return ActivationSpec.named(name);
    }

    /** Random values; with {@code probabilities}, rows in (0, 1) that sum to 1 (fine for BCE too). */
    private static Tensor targets(int rows, int columns, boolean probabilities) {
        Random random = new Random(rows * 31L + columns);
        double[] data = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < columns; j++) {
                data[i * columns + j] = probabilities ? 0.1 + random.nextDouble() : random.nextDouble() * 2 - 1;
                sum += data[i * columns + j];
            }
            for (int j = 0; probabilities && j < columns; j++) {
                data[i * columns + j] /= sum;
            }
        }
        return new Tensor(new int[] {rows, columns}, data);
    }

    private static Tensor oneHot(int rows, int classes) {
        List<Double> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < classes; j++) {
                data.add(j == (i * 2 + 1) % classes ? 1.0 : 0.0);
            }
        }
        return new Tensor(new int[] {rows, classes}, data.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
