package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.GruSpec;
import dev.gradserve.model.Include;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.LayerSpec;
import dev.gradserve.model.LossSpec;
import dev.gradserve.model.LossType;
import dev.gradserve.model.LstmSpec;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.NetworkValidator;
import dev.gradserve.model.Reduction;
import dev.gradserve.model.RnnSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violations;
import dev.gradserve.model.WeightInit;
import dev.gradserve.model.Weights;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Networks with recurrent layers through the engine: the gradient check of whole networks (float64, relative error
 * at most 1e-6), the shapes of what {@code include} reports for them, and ‖dL/dh_t‖ vanishing back in time.
 */
class RecurrentNetworkTest {

    /**
     * The API's defaults. At ε = 1e-6 the rounding of a loss computed through a sequence shows as up to ~1.3e-9 in
     * the difference quotient of every element, so absolute errors up to 1e-8 count as exact here;
     * {@link BackpropagationThroughTimeTest} holds each layer to 1e-10 with a fourth-order difference.
     */
    private static final GradientCheck.Settings CHECK = new GradientCheck.Settings(GradientCheck.Settings.DEFAULT_EPSILON,
            GradientCheck.Settings.DEFAULT_TOLERANCE, GradientCheck.Settings.DEFAULT_ABSOLUTE_TOLERANCE);
    private static final int BATCH = 2;
    private static final int TIME = 7;
    private static final int FEATURES = 3;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("tanh rnn, last state, dense softmax head, cross_entropy", List.of(
                        rnn(5, "tanh", false, null), dense(3, "softmax")), new LossSpec(LossType.CROSS_ENTROPY, null, null, null),
                        new int[] {BATCH, 3}),
                Arguments.of("relu rnn with an initial state, sequences, dense per step, mse", List.of(
                        rnn(5, "relu", true, Tensor.vector(0.4, -0.2, 0.7, 0.1, -0.5)), dense(2, "identity")),
                        new LossSpec(LossType.MSE, Reduction.MEAN, null, null), new int[] {BATCH, TIME, 2}),
                Arguments.of("lstm sequences into a gru's last state, dense sigmoid head, binary_cross_entropy", List.of(
                        new LstmSpec(null, "lstm", 4, true, null), new GruSpec(null, "gru", 5, false, null), dense(2, "sigmoid")),
                        new LossSpec(LossType.BINARY_CROSS_ENTROPY, Reduction.SUM, null, null), new int[] {BATCH, 2}),
                Arguments.of("gru sequences into an lstm's sequences, mse sum", List.of(
                        new GruSpec("encoder", "gru", 3, true, null), new LstmSpec("decoder", "lstm", 2, true, null)),
                        new LossSpec(LossType.MSE, Reduction.SUM, 0.5, null), new int[] {BATCH, TIME, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void wholeNetworksPassTheGradientCheck(String description, List<LayerSpec> layers, LossSpec loss, int[] outputShape) {
        Architecture architecture = architecture(layers, loss);
        Weights weights = WeightInit.initialize(architecture, new InitSpec(InitScheme.XAVIER_UNIFORM, 7L));
        Tensor targets = random(new Random(3), 0.05, 0.95, outputShape);
        if (loss.type() == LossType.CROSS_ENTROPY) {
            targets = new Tensor(outputShape, new double[] {0, 1, 0, 0, 0, 1});
        }
        GradientCheckResult result = new GradientEngine().checkGradients(architecture, weights, inputs(), targets, CHECK);
        assertThat(result.maxRelativeError()).as(description).isLessThanOrEqualTo(1e-6);
        assertThat(result.passed()).isTrue();
    }

    @Test
    void anLstmReportsGatesStatesAndErrorSignalsAtEveryStep() {
        GradientResult result = gradients(List.of(new LstmSpec("lstm", "lstm", 4, false, null), dense(2, "identity")),
                new int[] {BATCH, 2}, EnumSet.of(Include.ACTIVATIONS, Include.DELTAS, Include.GRADIENT_NORMS));
        LayerValues lstm = result.activations().get("lstm");
        assertThat(lstm.z().shape()).containsExactly(BATCH, TIME, 16);
        assertThat(lstm.a().shape()).containsExactly(BATCH, TIME, 4);
        assertThat(lstm.c().shape()).containsExactly(BATCH, TIME, 4);
        assertThat(result.deltas().get("lstm").shape()).containsExactly(BATCH, TIME, 16);
        assertThat(result.gradientNorms().get("lstm").timeSteps()).hasSize(TIME);
        assertThat(result.gradientNorms().get("layer2").timeSteps()).isNull();
        assertThat(result.gradientNorms().get("lstm").parameters()).containsOnlyKeys("W_xh", "W_hh", "b");
        double[] a = lstm.a().data();
        double[] c = lstm.c().data();
        for (int i = 0; i < a.length; i++) {
            int gate = (i / 4) * 16 + 12 + i % 4;
            double o = 1 / (1 + Math.exp(-lstm.z().data()[gate]));
            assertThat(a[i]).as("h = o ⊙ tanh(c) at %d", i).isCloseTo(o * Math.tanh(c[i]), within(1e-12));
        }
    }

    @Test
    void aGruAndAnRnnReportTheirPreActivationsPerStep() {
        GradientResult result = gradients(List.of(new GruSpec("gru", "gru", 3, true, 2), rnn(5, "tanh", false, null)),
                new int[] {BATCH, 5}, EnumSet.of(Include.ACTIVATIONS, Include.DELTAS, Include.GRADIENT_NORMS));
        assertThat(result.activations().get("gru").z().shape()).containsExactly(BATCH, TIME, 9);
        assertThat(result.activations().get("gru").a().shape()).containsExactly(BATCH, TIME, 3);
        assertThat(result.activations().get("gru").c()).isNull();
        assertThat(result.deltas().get("gru").shape()).containsExactly(BATCH, TIME, 9);
        assertThat(result.activations().get("layer2").z().shape()).containsExactly(BATCH, TIME, 5);
        assertThat(result.activations().get("layer2").a().shape()).containsExactly(BATCH, TIME, 5);
        assertThat(result.deltas().get("layer2").shape()).containsExactly(BATCH, TIME, 5);
        assertThat(result.gradientNorms().get("gru").timeSteps()).hasSize(TIME);
    }

    /** For a tanh rnn, δ_t = (1 − h_t²) ⊙ dL/dh_t: the reported deltas, activations and step norms agree. */
    @Test
    void stepNormsAreTheNormsOfTheGradientReachingEachHiddenState() {
        GradientResult result = gradients(List.of(rnn(5, "tanh", true, null), dense(2, "identity")),
                new int[] {BATCH, TIME, 2}, EnumSet.of(Include.ACTIVATIONS, Include.DELTAS, Include.GRADIENT_NORMS));
        double[] h = result.activations().get("layer1").a().data();
        double[] delta = result.deltas().get("layer1").data();
        double[] norms = result.gradientNorms().get("layer1").timeSteps();
        for (int t = 0; t < TIME; t++) {
            double sum = 0;
            for (int n = 0; n < BATCH; n++) {
                for (int j = 0; j < 5; j++) {
                    int i = (n * TIME + t) * 5 + j;
                    double dLdH = delta[i] / (1 - h[i] * h[i]);
                    sum += dLdH * dLdH;
                }
            }
            assertThat(norms[t]).as("t = %d", t).isCloseTo(Math.sqrt(sum), within(1e-12 * Math.sqrt(sum)));
        }
    }

    @Test
    void gradientsVanishBackInTimeThroughALongTanhRnnWithSmallWeights() {
        int time = 40;
        Architecture architecture = architecture(new int[] {time, FEATURES}, List.of(rnn(4, "tanh", false, null),
                dense(1, "identity")), new LossSpec(LossType.MSE, null, null, null));
        Weights weights = scaled(WeightInit.initialize(architecture, new InitSpec(InitScheme.XAVIER_UNIFORM, 1L)), "W_hh", 0.3);
        GradientResult result = new GradientEngine().gradients(architecture, weights,
                random(new Random(2), -1, 1, BATCH, time, FEATURES), random(new Random(4), -1, 1, BATCH, 1), DType.FLOAT64,
                EnumSet.of(Include.GRADIENT_NORMS));
        double[] norms = result.gradientNorms().get("layer1").timeSteps();
        assertThat(norms).hasSize(time);
        for (int t = 0; t + 1 < time; t++) {
            assertThat(norms[t]).as("‖dL/dh_%d‖ < ‖dL/dh_%d‖", t, t + 1).isLessThan(norms[t + 1]);
        }
        assertThat(norms[0]).isPositive().isLessThan(1e-12 * norms[time - 1]);
    }

    /** With only the last state as output, no gradient reaches the chunks before the last one. */
    @Test
    void truncationStopsTheGradientAtChunkBoundaries() {
        GradientResult result = gradients(List.of(new LstmSpec(null, "lstm", 4, false, 3), dense(1, "identity")),
                new int[] {BATCH, 1}, EnumSet.of(Include.GRADIENT_NORMS));
        double[] norms = result.gradientNorms().get("layer1").timeSteps();
        assertThat(norms).containsExactly(0, 0, 0, 0, 0, 0, norms[6]);
        assertThat(norms[6]).isPositive();
    }

    private static GradientResult gradients(List<LayerSpec> layers, int[] outputShape, EnumSet<Include> include) {
        Architecture architecture = architecture(layers, new LossSpec(LossType.MSE, null, null, null));
        Weights weights = WeightInit.initialize(architecture, new InitSpec(InitScheme.XAVIER_UNIFORM, 11L));
        return new GradientEngine().gradients(architecture, weights, inputs(), random(new Random(6), -1, 1, outputShape),
                DType.FLOAT64, include);
    }

    private static Architecture architecture(List<LayerSpec> layers, LossSpec loss) {
        return architecture(new int[] {TIME, FEATURES}, layers, loss);
    }

    private static Architecture architecture(int[] inputShape, List<LayerSpec> layers, LossSpec loss) {
        Violations violations = new Violations();
        Architecture architecture = NetworkValidator.resolve(new NetworkSpec(List.of(inputShape[0], inputShape[1]), layers,
                loss), TestLimits.GENEROUS, "/network", violations);
        violations.throwIfAny();
        return architecture;
    }

    private static Weights scaled(Weights weights, String parameter, double factor) {
        Map<String, Map<String, Tensor>> layers = new LinkedHashMap<>();
        weights.layers().forEach((layer, parameters) -> {
            Map<String, Tensor> tensors = new LinkedHashMap<>(parameters);
            Tensor tensor = tensors.get(parameter);
            if (tensor != null) {
                double[] data = tensor.data().clone();
                for (int i = 0; i < data.length; i++) {
                    data[i] *= factor;
                }
                tensors.put(parameter, new Tensor(tensor.shape(), data));
            }
            layers.put(layer, tensors);
        });
        return new Weights(layers);
    }

    private static Tensor inputs() {
        return random(new Random(1), -1, 1, BATCH, TIME, FEATURES);
    }

    private static Tensor random(Random random, double low, double high, int... shape) {
        return new Tensor(shape, random.doubles(Tensor.elementCount(shape), low, high).toArray());
    }

    private static RnnSpec rnn(int units, String activation, boolean sequences, Tensor initialState) {
        return new RnnSpec(null, "rnn", units, ActivationSpec.named(activation), sequences, null, initialState);
    }

    private static DenseSpec dense(int units, String activation) {
        return new DenseSpec(null, "dense", units, ActivationSpec.named(activation), true);
    }
}
