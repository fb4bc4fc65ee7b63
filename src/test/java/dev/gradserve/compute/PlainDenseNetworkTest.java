package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.ActivationType;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.Include;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.LossSpec;
import dev.gradserve.model.LossType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.NetworkValidator;
import dev.gradserve.model.Reduction;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violations;
import dev.gradserve.model.WeightInit;
import dev.gradserve.model.Weights;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small dense networks are computed on plain arrays; everything else with ND4J. Both must give the
 * same answers: for every activation and every loss, every part of the answer agrees to a relative
 * 1e-12 between the two paths.
 */
class PlainDenseNetworkTest {

    private static final GradientEngine PLAIN = new GradientEngine(Long.MAX_VALUE);
    private static final GradientEngine ND4J = new GradientEngine(0);
    private static final EnumSet<Include> EVERYTHING = EnumSet.of(Include.ACTIVATIONS, Include.DELTAS,
            Include.INPUT_GRADIENTS, Include.WEIGHTS, Include.GRADIENT_NORMS);

    static Stream<Arguments> networks() {
        Stream<Arguments> hidden = Stream.of(ActivationType.values()).map(type -> Arguments.of(
                type.hasAlpha() ? new ActivationSpec(type, 0.3) : new ActivationSpec(type, null), "identity", LossType.MSE,
                Reduction.MEAN, false));
        Stream<Arguments> losses = Stream.of(
                Arguments.of(ActivationSpec.named("tanh"), "sigmoid", LossType.BINARY_CROSS_ENTROPY, Reduction.SUM, false),
                Arguments.of(ActivationSpec.named("relu"), "softmax", LossType.BINARY_CROSS_ENTROPY, Reduction.MEAN, false),
                Arguments.of(ActivationSpec.named("gelu"), "softmax", LossType.CROSS_ENTROPY, Reduction.MEAN, true),
                Arguments.of(ActivationSpec.named("silu"), "identity", LossType.CROSS_ENTROPY, Reduction.SUM, false),
                Arguments.of(ActivationSpec.named("elu"), "tanh", LossType.CROSS_ENTROPY, Reduction.MEAN, true),
                Arguments.of(ActivationSpec.named("softplus"), "identity", LossType.MULTICLASS_HINGE, Reduction.MEAN, true),
                Arguments.of(ActivationSpec.named("sigmoid"), "sigmoid", LossType.MSE, Reduction.SUM, false));
        return Stream.concat(hidden, losses);
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2} {3}")
    @MethodSource("networks")
    void bothPathsGiveTheSameAnswer(ActivationSpec hidden, String output, LossType lossType, Reduction reduction,
            boolean classIndices) {
        Architecture architecture = architecture(hidden, output, lossType, reduction);
        Weights weights = withBiases(WeightInit.initialize(architecture, new InitSpec(InitScheme.XAVIER_NORMAL, 11L)));
        Random random = new Random(21);
        Tensor inputs = new Tensor(new int[] {5, 4}, random.doubles(20, -2, 2).toArray());
        Tensor targets = targets(random, lossType, classIndices);

        GradientResult plain = PLAIN.gradients(architecture, weights, inputs, targets, DType.FLOAT64, EVERYTHING);
        GradientResult nd4j = ND4J.gradients(architecture, weights, inputs, targets, DType.FLOAT64, EVERYTHING);

        assertClose("loss", new double[] {plain.loss()}, new double[] {nd4j.loss()});
        assertClose("outputs", plain.outputs().data(), nd4j.outputs().data());
        assertClose("input gradients", plain.inputGradients().data(), nd4j.inputGradients().data());
        nd4j.gradients().layers().forEach((layer, parameters) -> parameters.forEach((name, tensor) -> {
            assertThat(plain.gradients().get(layer, name).shape()).isEqualTo(tensor.shape());
            assertClose(layer + "." + name, plain.gradients().get(layer, name).data(), tensor.data());
        }));
        nd4j.activations().forEach((layer, values) -> {
            assertClose(layer + ".z", plain.activations().get(layer).z().data(), values.z().data());
            assertClose(layer + ".a", plain.activations().get(layer).a().data(), values.a().data());
        });
        nd4j.deltas().forEach((layer, delta) -> assertClose(layer + " delta", plain.deltas().get(layer).data(), delta.data()));
        nd4j.gradientNorms().forEach((layer, norms) -> assertClose(layer + " norm", new double[] {plain.gradientNorms()
                .get(layer).norm()}, new double[] {norms.norm()}));
        assertThat(plain.weights()).isEqualTo(weights);

        ForwardResult plainForward = PLAIN.forward(architecture, weights, inputs, targets, DType.FLOAT64, EVERYTHING);
        ForwardResult nd4jForward = ND4J.forward(architecture, weights, inputs, targets, DType.FLOAT64, EVERYTHING);
        assertClose("forward loss", new double[] {plainForward.loss()}, new double[] {nd4jForward.loss()});
        assertClose("forward outputs", plainForward.outputs().data(), nd4jForward.outputs().data());
    }

    @Test
    void bothPathsNameTheSameFirstNonFiniteQuantity() {
        Architecture architecture = architecture(ActivationSpec.named("identity"), "identity", LossType.MSE, Reduction.SUM);
        Weights weights = WeightInit.initialize(architecture, new InitSpec(InitScheme.XAVIER_NORMAL, 2L));
        Tensor inputs = new Tensor(new int[] {1, 4}, new double[] {1.7e308, 1.7e308, 1.7e308, 1.7e308});
        Tensor targets = new Tensor(new int[] {1, 3}, new double[3]);
        String plain = message(() -> PLAIN.gradients(architecture, weights, inputs, targets, DType.FLOAT64, EVERYTHING));
        String nd4j = message(() -> ND4J.gradients(architecture, weights, inputs, targets, DType.FLOAT64, EVERYTHING));
        assertThat(plain).isEqualTo(nd4j);
    }

    @Test
    void onlySmallFloat64DenseNetworksTakeThePlainPath() {
        Architecture architecture = architecture(ActivationSpec.named("relu"), "identity", LossType.MSE, Reduction.MEAN);
        assertThat(PlainDenseNetwork.forSmall(architecture, 5, DType.FLOAT64, PlainDenseNetwork.MAX_MULTIPLY_ADDS)).isNotNull();
        assertThat(PlainDenseNetwork.forSmall(architecture, 5, DType.FLOAT32, PlainDenseNetwork.MAX_MULTIPLY_ADDS)).isNull();
        assertThat(PlainDenseNetwork.forSmall(architecture, 100_000, DType.FLOAT64, PlainDenseNetwork.MAX_MULTIPLY_ADDS)).isNull();
    }

    private static String message(Runnable computation) {
        try {
            computation.run();
        } catch (NonFiniteResultException e) {
            return e.layerIndex() + ": " + e.getMessage();
        }
        throw new AssertionError("expected a non-finite result");
    }

    private static Architecture architecture(ActivationSpec hidden, String output, LossType loss, Reduction reduction) {
        NetworkSpec spec = new NetworkSpec(List.of(4), List.of(
                new DenseSpec("first", "dense", 6, hidden, null),
                new DenseSpec("second", "dense", 5, ActivationSpec.named("tanh"), false),
                new DenseSpec("out", "dense", 3, ActivationSpec.named(output), null)),
                new LossSpec(loss, reduction, 1.3, loss == LossType.MULTICLASS_HINGE ? 0.7 : null));
        Violations violations = new Violations();
        Architecture architecture = NetworkValidator.resolve(spec, TestLimits.GENEROUS, "/network", violations);
        violations.throwIfAny();
        return architecture;
    }

    private static Weights withBiases(Weights weights) {
        Random random = new Random(3);
        Map<String, Map<String, Tensor>> layers = new java.util.LinkedHashMap<>();
        weights.layers().forEach((layer, parameters) -> {
            Map<String, Tensor> copy = new java.util.LinkedHashMap<>(parameters);
            copy.computeIfPresent("b", (name, b) -> new Tensor(b.shape(), random.doubles(b.size(), -0.5, 0.5).toArray()));
            layers.put(layer, copy);
        });
        return new Weights(layers);
    }

    private static Tensor targets(Random random, LossType loss, boolean classIndices) {
        double[] data = new double[15];
        for (int r = 0; r < 5; r++) {
            if (classIndices) {
                data[r * 3 + random.nextInt(3)] = 1;
            } else {
                for (int j = 0; j < 3; j++) {
                    data[r * 3 + j] = loss == LossType.MSE ? random.nextDouble() * 2 - 1 : random.nextDouble();
                }
            }
        }
        return new Tensor(new int[] {5, 3}, data);
    }

    private static void assertClose(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = Math.max(1e-12 * Math.abs(expected[i]), 1e-15);
            assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: plain %s vs ND4J %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tolerance);
        }
    }
}
