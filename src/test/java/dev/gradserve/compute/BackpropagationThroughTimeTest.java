package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradserve.compute.PlainRecurrence.Cell;
import dev.gradserve.model.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The recurrent layers against {@link PlainRecurrence}, PyTorch's equations in plain Java: the same outputs, and
 * gradients (every parameter and the input, float64) that are the central finite differences of L = Σ c ⊙ output,
 * with full and with truncated backpropagation through time. With truncation the reference loss detaches the
 * state at every chunk boundary (the state there is the unperturbed run's), as a PyTorch loop calling h.detach()
 * every k steps; the finite differences of that loss are exactly what truncated BPTT computes. Odd sizes: batch 2,
 * time 7 (chunks of 3 leave a last chunk of 1), features 3, units 5.
 */
class BackpropagationThroughTimeTest {

    private static final long[] INPUT = {2, 7, 3};
    private static final int UNITS = 5;
    private static final double[] INITIAL_STATE = {0.5, -0.3, 0.8, 0.1, -0.9};
    /** The step of the fourth-order central difference; its error is ~ε⁴, its rounding ~1e-16/ε. */
    private static final double EPSILON = 1e-4;

    static Stream<Arguments> layers() {
        List<Arguments> cases = new ArrayList<>();
        for (Cell cell : Cell.values()) {
            for (boolean sequences : new boolean[] {false, true}) {
                for (int truncation : new int[] {0, 3, 1}) {
                    cases.add(Arguments.of(cell, sequences, truncation, false));
                }
            }
        }
        cases.add(Arguments.of(Cell.RNN_TANH, true, 3, true));
        cases.add(Arguments.of(Cell.RNN_RELU, false, 0, true));
        cases.add(Arguments.of(Cell.RNN_RELU, true, 2, true));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, returnSequences {1}, bpttTruncation {2}, initialState {3}")
    @MethodSource("layers")
    void outputsAndGradientsAgreeWithPlainEquationsAndTheirFiniteDifferences(Cell cell, boolean sequences, int truncation,
            boolean initialState) {
        Random random = new Random(31 * cell.ordinal() + truncation);
        INDArray x = LayerContractTest.random(random, INPUT);
        Map<String, INDArray> parameters = parameters(cell, random);
        double[] h0 = initialState ? INITIAL_STATE : null;
        Layer layer = layer(cell, new Unrolling(sequences, truncation), h0);

        LayerTrace trace = layer.forward(x, parameters);
        PlainRecurrence plain = new PlainRecurrence(cell, parameters, h0);
        double[][][][] states = plain.states(x, truncation, null);
        INDArray c = LayerContractTest.random(random, trace.a().shape());
        assertThat(PlainRecurrence.loss(states, sequences, c)).isCloseTo(trace.a().mul(c).sumNumber().doubleValue(),
                within(1e-12));

        LayerGradients gradients = trace.backward(c, true);
        DoubleSupplier detachedLoss = () -> PlainRecurrence.loss(
                new PlainRecurrence(cell, parameters, h0).states(x, truncation, truncation > 0 ? states : null), sequences, c);
        for (Map.Entry<String, INDArray> parameter : parameters.entrySet()) {
            assertAgrees(parameter.getKey(), parameter.getValue(), gradients.parameters().get(parameter.getKey()),
                    detachedLoss);
        }
        assertAgrees("input", x, gradients.dLdInput(), detachedLoss);
    }

    static Layer layer(Cell cell, Unrolling unrolling, double[] h0) {
        return switch (cell) {
            case RNN_TANH -> new RnnLayer("rnn", new Tanh(), h0 == null ? null : Tensor.vector(h0), unrolling);
            case RNN_RELU -> new RnnLayer("rnn", new Relu(), h0 == null ? null : Tensor.vector(h0), unrolling);
            case LSTM -> new LstmLayer("lstm", unrolling);
            case GRU -> new GruLayer("gru", unrolling);
        };
    }

    static Map<String, INDArray> parameters(Cell cell, Random random) {
        int rows = UNITS * switch (cell) {
            case RNN_TANH, RNN_RELU -> 1;
            case LSTM -> 4;
            case GRU -> 3;
        };
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        parameters.put("W_xh", LayerContractTest.random(random, rows, INPUT[2]));
        parameters.put("W_hh", LayerContractTest.random(random, rows, UNITS));
        if (cell == Cell.GRU) {
            parameters.put("b_xh", LayerContractTest.random(random, rows));
            parameters.put("b_hh", LayerContractTest.random(random, rows));
        } else {
            parameters.put("b", LayerContractTest.random(random, rows));
        }
        return parameters;
    }

    /**
     * Perturbs {@code values} in place element by element (restoring each) and compares {@code analytic} with the
     * fourth-order central difference (8·(L(v+ε) − L(v−ε)) − (L(v+2ε) − L(v−2ε))) / 12ε: relative error at most 1e-6,
     * absolute errors up to 1e-10 counting as exact.
     */
    static void assertAgrees(String name, INDArray values, INDArray analytic, DoubleSupplier loss) {
        INDArray flat = values.reshape(values.length());
        double[] exact = NdArrays.doubles(analytic);
        assertThat(exact).as(name).hasSize((int) values.length());
        for (int i = 0; i < flat.length(); i++) {
            double original = flat.getDouble(i);
            double[] at = new double[4];
            double[] steps = {EPSILON, -EPSILON, 2 * EPSILON, -2 * EPSILON};
            for (int s = 0; s < 4; s++) {
                flat.putScalar(i, original + steps[s]);
                at[s] = loss.getAsDouble();
            }
            flat.putScalar(i, original);
            double numeric = (8 * (at[0] - at[1]) - (at[2] - at[3])) / (12 * EPSILON);
            double absolute = Math.abs(exact[i] - numeric);
            double relative = absolute <= 1e-10 ? 0 : absolute / Math.max(Math.abs(exact[i]), Math.abs(numeric));
            assertThat(relative).as("%s[%d]: %s vs %s", name, i, exact[i], numeric).isLessThanOrEqualTo(1e-6);
        }
    }
}
