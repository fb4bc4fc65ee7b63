package dev.gradserve.model.keras;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.compute.TestLimits;
import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.ActivationType;
import dev.gradserve.model.Conv2dSpec;
import dev.gradserve.model.DType;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.GruSpec;
import dev.gradserve.model.LossSpec;
import dev.gradserve.model.LossType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.Padding;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violation;
import dev.gradserve.model.Violations;
import dev.gradserve.model.Weights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The converters on their own: each mapping against the index arithmetic written out, round trips, and configs. */
class KerasImportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LossSpec MSE = new LossSpec(LossType.MSE, null, null, null);

    @Test
    void denseKernelIsTransposed() {
        ParameterMapping mapping = ParameterMapping.dense(3, 2, IntUnaryOperator.identity());
        for (int o = 0; o < 3; o++) {
            for (int f = 0; f < 2; f++) {
                assertThat(mapping.toKeras().applyAsInt(o * 2 + f)).as("W[%d][%d]", o, f).isEqualTo(f * 3 + o);
            }
        }
    }

    @Test
    void convKernelGoesFromHeightWidthInOutToOutInHeightWidth() {
        int filters = 3, channels = 2, kh = 2, kw = 3;
        ParameterMapping mapping = ParameterMapping.conv(filters, channels, kh, kw);
        assertThat(mapping.kerasShape()).containsExactly(kh, kw, channels, filters);
        assertThat(mapping.shape()).containsExactly(filters, channels, kh, kw);
        for (int f = 0; f < filters; f++) {
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        int native_ = ((f * channels + c) * kh + y) * kw + x;
                        int keras = ((y * kw + x) * channels + c) * filters + f;
                        assertThat(mapping.toKeras().applyAsInt(native_)).isEqualTo(keras);
                    }
                }
            }
        }
    }

    @Test
    void gruGatesZrhBecomeRzn() {
        int units = 2, in = 1;
        // Keras kernel [1, 6]: z z r r h h
        Tensor kernel = new Tensor(new int[] {in, 3 * units}, new double[] {10, 11, 20, 21, 30, 31});
        ParameterMapping mapping = ParameterMapping.gates("kernel", "W_xh", units, in, new int[] {1, 0, 2});
        double[] w = new double[6];
        for (int i = 0; i < 6; i++) {
            w[i] = kernel.data()[mapping.toKeras().applyAsInt(i)];
        }
        assertThat(w).containsExactly(20, 21, 10, 11, 30, 31);

        // Keras bias [2, 6]: input bias then recurrent bias
        ParameterMapping recurrentBias = ParameterMapping.gateBias("b_hh", units, new int[] {1, 0, 2}, 1, 2);
        assertThat(recurrentBias.kerasShape()).containsExactly(2, 6);
        int[] positions = new int[6];
        for (int i = 0; i < 6; i++) {
            positions[i] = recurrentBias.toKeras().applyAsInt(i);
        }
        assertThat(positions).containsExactly(8, 9, 6, 7, 10, 11);
    }

    @Test
    void channelsFirstFlattenPutsChannelsLast() {
        KerasModel model = resolve("""
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [null, 2, 1, 3]}},
                  {"class_name": "Flatten", "config": {"name": "flat", "data_format": "channels_first"}},
                  {"class_name": "Dense", "config": {"name": "out", "units": 1, "use_bias": false}}]}}""", null);
        // gradserve's features c0: x0 x1 x2, c1: x0 x1 x2; Keras' x0: c0 c1, x1: c0 c1, x2: c0 c1
        double[] kernel = {0, 1, 2, 3, 4, 5};
        Map<String, Map<String, Tensor>> converted = model.layout().fromClient(
                Map.of("out", Map.of("kernel", new Tensor(new int[] {6, 1}, kernel))), DType.FLOAT64, "/weights",
                new Violations());
        assertThat(converted.get("out").get("W").data()).containsExactly(0, 2, 4, 1, 3, 5);
    }

    @Test
    void kerasWeightsRoundTripAndPerExampleGradientsKeepTheirBatch() {
        KerasModel model = resolve("""
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "GRU", "config": {"name": "gru", "units": 2, "batch_input_shape": [null, 3, 2]}},
                  {"class_name": "Dense", "config": {"name": "out", "units": 1}}]}}""", null);
        Map<String, Map<String, Tensor>> keras = new LinkedHashMap<>();
        keras.put("gru", Map.of("kernel", counting(2, 6), "recurrent_kernel", counting(2, 6), "bias", counting(2, 6)));
        keras.put("out", Map.of("kernel", counting(2, 1), "bias", counting(1)));
        Violations violations = new Violations();
        Map<String, Map<String, Tensor>> native_ = model.layout().fromClient(keras, DType.FLOAT64, "/weights", violations);
        assertThat(violations.list()).isEmpty();
        assertThat(native_.get("gru").keySet()).containsExactly("W_xh", "W_hh", "b_xh", "b_hh");
        assertThat(native_.get("gru").get("W_hh").shape()).containsExactly(6, 2);

        Weights back = model.layout().toClient(new Weights(native_));
        keras.forEach((layer, variables) -> variables.forEach((name, tensor) ->
                assertThat(back.get(layer, name)).as(layer + "." + name).isEqualTo(tensor)));

        Tensor twoExamples = new Tensor(new int[] {2, 6}, new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        Map<String, Tensor> perExample = new LinkedHashMap<>();
        perExample.put("b_xh", twoExamples);
        perExample.put("b_hh", twoExamples);
        Tensor bias = model.layout().toClient(new Weights(Map.of("gru", perExample))).get("gru", "bias");
        assertThat(bias.shape()).containsExactly(2, 2, 6);
        // example 0, input row: Keras z r h = gradserve's blocks 1 0 2
        assertThat(java.util.Arrays.copyOfRange(bias.data(), 0, 6)).containsExactly(2, 3, 0, 1, 4, 5);
    }

    @Test
    void activationLayerFoldsAndSamePaddingWithStridesBecomesEvenPadding() {
        KerasModel model = resolve("""
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [null, 1, 5, 5]}},
                  {"class_name": "Conv2D", "config": {"name": "conv", "filters": 2, "kernel_size": [3, 3],
                    "strides": [2, 2], "padding": "same", "data_format": "channels_first", "activation": "linear"}},
                  {"class_name": "Activation", "config": {"name": "act", "activation": "leaky_relu"}},
                  {"class_name": "Flatten", "config": {"name": "flat"}},
                  {"class_name": "Dense", "config": {"name": "out", "units": 1, "activation": "swish"}}]}}""", null);
        Conv2dSpec conv = (Conv2dSpec) model.architecture().layers().get(0).spec();
        assertThat(conv.padding()).isEqualTo(new Padding(null, 1, 1));
        assertThat(conv.activation()).isEqualTo(new ActivationSpec(ActivationType.LEAKY_RELU, 0.2));
        assertThat(model.architecture().layers().get(0).outputShape()).containsExactly(2, 3, 3);
        assertThat(((DenseSpec) model.architecture().layers().get(2).spec()).activation().type())
                .isEqualTo(ActivationType.SILU);
        assertThat(model.architecture().layers()).hasSize(3);
    }

    @Test
    void openDimensionsComeFromTheInputs() {
        KerasModel model = resolve("""
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [32, null, 3]}},
                  {"class_name": "GRU", "config": {"name": "gru", "units": 4, "return_sequences": true}}]}}""",
                new Tensor(new int[] {1, 7, 3}, new double[21]));
        assertThat(model.architecture().inputShape()).containsExactly(7, 3);
        assertThat(((GruSpec) model.architecture().layers().get(0).spec()).sequences()).isTrue();
    }

    @Test
    void problemsPointIntoTheKerasConfig() {
        List<Violation> found = problems("""
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [null, 4, 3]}},
                  {"class_name": "LSTM", "config": {"name": "lstm", "units": 4, "go_backwards": true,
                    "recurrent_dropout": 0.5, "return_sequences": true}},
                  {"class_name": "Dropout", "config": {"name": "drop", "rate": 0.5}},
                  {"class_name": "Bidirectional", "config": {"name": "bi"}}]}}""");
        assertThat(found).extracting(Violation::pointer).containsExactly(
                "/network/keras/config/layers/1/config/go_backwards",
                "/network/keras/config/layers/1/config/recurrent_dropout",
                "/network/keras/config/layers/2/class_name",
                "/network/keras/config/layers/3/class_name");
    }

    @Test
    void oldKerasWroteTheLayersAsTheConfigItself() {
        KerasModel model = resolve("""
                {"class_name": "Sequential", "config": [
                  {"class_name": "Dense", "config": {"name": "d", "units": 2, "batch_input_shape": [null, 3]}}]}""", null);
        assertThat(model.architecture().outputShape()).containsExactly(2);
        assertThat(problems("""
                {"class_name": "Sequential", "config": [
                  {"class_name": "Dense", "config": {"name": "d", "units": -2, "batch_input_shape": [null, 3]}}]}"""))
                .extracting(Violation::pointer).containsExactly("/network/keras/config/0/config/units");
    }

    private static Tensor counting(int... shape) {
        double[] data = new double[(int) Tensor.elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = i + 0.5;
        }
        return new Tensor(shape, data);
    }

    private static KerasModel resolve(String keras, Tensor inputs) {
        Violations violations = new Violations();
        KerasModel model = KerasImport.resolve(new NetworkSpec(null, null, MSE, JSON.readTree(keras)), inputs,
                TestLimits.GENEROUS, "/network", violations);
        assertThat(violations.list()).isEmpty();
        return model;
    }

    private static List<Violation> problems(String keras) {
        Violations violations = new Violations();
        KerasModel model = KerasImport.resolve(new NetworkSpec(null, null, MSE, JSON.readTree(keras)), null,
                TestLimits.GENEROUS, "/network", violations);
        assertThat(model).isNull();
        return violations.list();
    }
}
