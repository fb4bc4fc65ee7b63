package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Keras import through HTTP, on the fixtures of src/test/python/keras_fixtures.py: Keras configs written by hand in
 * model.to_json()'s form with weights in Keras' layout. Each gives the gradients of Keras' own equations (PyTorch on
 * Keras' layout) and exactly those of the same network written in gradserve's terms; what cannot be imported is a
 * 422 that points into the Keras config.
 */
class KerasImportHttpTest extends HttpTestBase {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/keras");
    private static final String LAYERS = "/network/keras/config/layers";

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    private JsonNode fixture(String name) throws IOException {
        return mapper.readTree(Files.readString(FIXTURES.resolve(name + ".json")));
    }

    private static Body mlp(JsonNode fixture) {
        return Body.parse(fixture.get("keras").toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void kerasNetworkGivesKerasGradientsInKerasLayout(Path path) throws Exception {
        JsonNode fixture = mapper.readTree(Files.readString(path));
        JsonNode expected = fixture.get("expected");
        JsonNode answer = answer(GRADIENTS, Body.parse(fixture.get("keras").toString()).set("/include", "[\"weights\"]"));

        assertCloseRelative("loss", new double[] {answer.get("loss").doubleValue()},
                new double[] {expected.get("loss").doubleValue()});
        assertCloseRelative("outputs", Tensors.data(answer.get("outputs")), Tensors.data(expected.get("outputs")));
        assertThat(names(answer.get("gradients"))).isEqualTo(names(expected.get("gradients")));
        for (Map.Entry<String, JsonNode> layer : expected.get("gradients").properties()) {
            JsonNode actual = answer.get("gradients").get(layer.getKey());
            assertThat(names(actual)).as(layer.getKey()).isEqualTo(names(layer.getValue()));
            for (Map.Entry<String, JsonNode> variable : layer.getValue().properties()) {
                String where = layer.getKey() + "." + variable.getKey();
                assertThat(Tensors.shape(actual.get(variable.getKey()))).as(where)
                        .isEqualTo(Tensors.shape(variable.getValue()));
                assertCloseRelative(where, Tensors.data(actual.get(variable.getKey())), Tensors.data(variable.getValue()));
                assertThat(Tensors.data(answer.at("/weights/" + layer.getKey() + "/" + variable.getKey())))
                        .as("weights used, back in Keras' layout: " + where)
                        .containsExactly(Tensors.data(fixture.at("/keras/weights/" + layer.getKey() + "/" + variable.getKey())));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void kerasNetworkGivesTheGradientsOfTheSameNetworkWrittenNatively(Path path) throws Exception {
        JsonNode fixture = mapper.readTree(Files.readString(path));
        JsonNode keras = answer(GRADIENTS, Body.parse(fixture.get("keras").toString()));
        JsonNode natively = answer(GRADIENTS, Body.parse(fixture.get("native").toString()));

        assertClose(new double[] {keras.get("loss").doubleValue()}, new double[] {natively.get("loss").doubleValue()}, 1e-12);
        assertClose(Tensors.data(keras.get("outputs")), Tensors.data(natively.get("outputs")), 1e-12);
        assertThat(names(natively.get("gradients"))).isEqualTo(names(keras.get("gradients")));
        for (Map.Entry<String, JsonNode> layer : fixture.get("nativeFromKeras").properties()) {
            for (Map.Entry<String, JsonNode> parameter : layer.getValue().properties()) {
                double[] fromKeras = Tensors.data(keras.get("gradients").get(layer.getKey())
                        .get(parameter.getValue().get("variable").stringValue()));
                JsonNode index = parameter.getValue().get("index");
                double[] expected = new double[index.size()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = fromKeras[index.get(i).intValue()];
                }
                assertClose(Tensors.data(natively.get("gradients").get(layer.getKey()).get(parameter.getKey())), expected,
                        1e-12);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void kerasNetworkTakesGradserveLayoutByDefault(Path path) throws Exception {
        JsonNode fixture = mapper.readTree(Files.readString(path));
        Body body = Body.parse(fixture.get("keras").toString()).remove("/weightLayout")
                .set("/weights", fixture.at("/native/weights").toString());
        JsonNode keras = answer(GRADIENTS, body);
        JsonNode natively = answer(GRADIENTS, Body.parse(fixture.get("native").toString()));

        assertThat(keras.get("gradients")).isEqualTo(natively.get("gradients"));
        assertThat(keras.get("loss")).isEqualTo(natively.get("loss"));
    }

    @Test
    void forwardAndPerExampleGradientsComeBackInKerasLayout() throws Exception {
        JsonNode fixture = fixture("dense_mlp_keras2");
        JsonNode forward = answer(FORWARD, mlp(fixture).set("/include", "[\"weights\"]"));
        assertClose(Tensors.data(forward.get("outputs")), Tensors.data(fixture.at("/expected/outputs")), 1e-12);
        assertThat(Tensors.shape(forward.at("/weights/hidden/kernel"))).containsExactly(4, 5);

        JsonNode answer = answer(GRADIENTS, mlp(fixture).set("/include", "[\"perExampleGradients\"]"));
        Tensors.Read perExample = Tensors.read(answer.at("/perExampleGradients/hidden/kernel"));
        assertThat(perExample.shape()).containsExactly(6, 4, 5);
        double[] mean = new double[20];
        for (int i = 0; i < perExample.data().length; i++) {
            mean[i % 20] += perExample.data()[i] / 6;
        }
        assertClose(mean, Tensors.data(answer.at("/gradients/hidden/kernel")), 1e-12);
        assertThat(answer.at("/perExampleGradients/middle").propertyNames()).containsExactly("kernel");
    }

    @Test
    void sessionFromAKerasNetworkKeepsGradservesDefinitionAndLayout() throws Exception {
        JsonNode fixture = fixture("gru_sequences_dense");
        Body body = Body.parse(fixture.get("keras").toString()).remove("/inputs").remove("/targets")
                .set("/optimizer", "{\"type\": \"sgd\", \"learningRate\": 0.1}");
        String created = mvc.perform(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON).content(body.json()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.network.layers[0].type").value("gru"))
                .andExpect(jsonPath("$.network.inputShape[0]").value(4))
                .andExpect(jsonPath("$.network.keras").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String id = mapper.readTree(created).get("id").stringValue();
        JsonNode weights = mapper.readTree(mvc.perform(get("/v1/sessions/" + id + "/weights"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(weights).isEqualTo(mapper.readTree(fixture.at("/native/weights").toString()));

        Body step = Body.parse("{}").set("/inputs", fixture.at("/keras/inputs").toString())
                .set("/targets", fixture.at("/keras/targets").toString());
        JsonNode stepped = mapper.readTree(mvc.perform(post("/v1/sessions/" + id + "/steps")
                        .contentType(MediaType.APPLICATION_JSON).content(step.json()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertClose(new double[] {stepped.get("loss").doubleValue()}, new double[] {fixture.at("/expected/loss").doubleValue()},
                1e-12);
    }

    @Test
    void sessionNeedsEveryInputDimensionFixed() throws Exception {
        Body body = Body.parse(fixture("lstm_open_time_dense").get("keras").toString()).remove("/inputs")
                .remove("/targets").set("/optimizer", "{\"type\": \"sgd\", \"learningRate\": 0.1}");
        mvc.perform(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON).content(body.json()))
                .andExpect(problem(422, LAYERS + "/0/config/batch_shape/1", "open (null)", "no inputs"));
    }

    // ---- refused: 422 pointing into the Keras config ----

    @ParameterizedTest(name = "{0} layer {1}: {2} = {3}")
    @CsvSource(delimiter = '|', value = {
        "dense_mlp_keras2     | 1 | /class_name                  | \"Dropout\"              | /class_name                  | Dropout cannot be imported",
        "dense_mlp_keras2     | 1 | /config/activation           | \"selu\"                 | /config/activation           | selu has no equivalent",
        "dense_mlp_keras2     | 1 | /config/kernel_regularizer   | {\"class_name\": \"L2\"} | /config/kernel_regularizer   | regularizer",
        "dense_mlp_keras2     | 1 | /config/units                | 0                          | /config/units                | positive integer",
        "dense_mlp_keras2     | 2 | /config/name                 | \"middle\"               | /config/name                 | already used",
        "conv_avgpool_dense   | 1 | /config/data_format          | \"channels_last\"        | /config/data_format          | channels_first",
        "conv_avgpool_dense   | 1 | /config/dilation_rate        | [2, 2]                     | /config/dilation_rate        | dilated",
        "conv_avgpool_dense   | 1 | /config/groups               | 2                          | /config/groups               | groups = 2",
        "conv_avgpool_dense   | 1 | /config/padding              | \"causal\"               | /config/padding              | valid, same",
        "conv_avgpool_dense   | 1 | /config/kernel_size          | [7, 7]                     | ''                           | does not fit",
        "lstm_open_time_dense | 1 | /config/return_state         | true                       | /config/return_state         | return_state = true",
        "lstm_open_time_dense | 1 | /config/go_backwards         | true                       | /config/go_backwards         | forwards",
        "lstm_open_time_dense | 1 | /config/stateful             | true                       | /config/stateful             | zero state",
        "lstm_open_time_dense | 1 | /config/recurrent_activation | \"hard_sigmoid\"         | /config/recurrent_activation | must be sigmoid",
        "lstm_open_time_dense | 1 | /config/dropout              | 0.2                        | /config/dropout              | no dropout",
        "gru_sequences_dense  | 1 | /config/reset_after          | false                      | /config/reset_after          | reset gate",
        "simple_rnn_softmax   | 1 | /config/use_bias             | false                      | /config/use_bias             | always have their biases",
        "simple_rnn_softmax   | 1 | /config/activation           | \"sigmoid\"              | /config/activation           | tanh or relu",
    })
    void unsupportedLayersAndSettingsAre422AtTheirPlaceInTheConfig(String name, int layer, String setting, String value,
            String at, String message) throws Exception {
        Body body = Body.parse(fixture(name).get("keras").toString()).set(LAYERS + "/" + layer + setting, value);
        send(GRADIENTS, body).andExpect(problem(422, LAYERS + "/" + layer + at, message));
    }

    @Test
    void sameConvolutionWithStridesThatPadsUnevenlyIs422() throws Exception {
        Body body = mlp(fixture("conv_avgpool_dense")).set(LAYERS + "/1/config/padding", "\"same\"")
                .set(LAYERS + "/1/config/strides", "[2, 2]");
        send(GRADIENTS, body).andExpect(problem(422, LAYERS + "/1/config/padding", "1 rows and 1 columns",
                "one more at the bottom or right"));
    }

    @Test
    void samePoolingWhoseWindowsTileTheInputIsValidPooling() throws Exception {
        JsonNode fixture = fixture("conv_avgpool_dense");
        JsonNode answer = answer(GRADIENTS, mlp(fixture).set(LAYERS + "/2/config/padding", "\"same\""));
        assertThat(answer.get("loss").doubleValue()).isEqualTo(answer(GRADIENTS, mlp(fixture)).get("loss").doubleValue());
    }

    @Test
    void samePoolingThatWouldPadIs422() throws Exception {
        Body body = mlp(fixture("conv_avgpool_dense")).set(LAYERS + "/2/config/pool_size", "[3, 3]")
                .set(LAYERS + "/2/config/strides", "[3, 3]").set(LAYERS + "/2/config/padding", "\"same\"");
        send(GRADIENTS, body).andExpect(problem(422, LAYERS + "/2/config/padding", "has no padding"));
    }

    @Test
    void everyUnsupportedLayerIsNamedInOneAnswer() throws Exception {
        Body body = mlp(fixture("dense_mlp_keras2")).set(LAYERS + "/1/class_name", "\"BatchNormalization\"")
                .set(LAYERS + "/3/class_name", "\"Dropout\"");
        send(GRADIENTS, body)
                .andExpect(problem(422, LAYERS + "/1/class_name", "BatchNormalization cannot be imported", "supported: "))
                .andExpect(jsonPath("$.errors[1].pointer").value(LAYERS + "/3/class_name"));
    }

    @Test
    void activationLayerFoldsOnlyIntoALinearDenseOrConv2D() throws Exception {
        Body body = Body.parse(fixture("simple_rnn_softmax").get("keras").toString()).set(LAYERS + "/2",
                "{\"class_name\": \"Activation\", \"config\": {\"name\": \"act\", \"activation\": \"relu\"}}");
        send(GRADIENTS, body).andExpect(problem(422, LAYERS + "/2/class_name", "follows a rnn layer"));
    }

    @Test
    void channelsFirstFlattenMustFeedADense() throws Exception {
        Body body = Body.parse(fixture("conv_maxpool_flatten_dense").get("keras").toString()).remove(LAYERS + "/5")
                .set("/targets", "[[0.5], [0.5], [0.5]]");
        send(GRADIENTS, body).andExpect(problem(422, LAYERS + "/4/config/data_format", "Dense layer right after it"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/network/keras/class_name   | \"Functional\"      | /network/keras/class_name    | only Sequential",
        "/network/keras/config/layers | {}                 | /network/keras/config/layers | non-empty array",
        "/network/keras/config/layers/1 | {\"class_name\": \"Dense\"} | /network/keras/config/layers/1 | {\"class_name\"",
        "/network/keras/config/layers/0/config/batch_input_shape | [null, 0] | /network/keras/config/layers/0/config/batch_input_shape/1 | positive integer or null",
        "/network/layers             | [{\"type\": \"dense\", \"units\": 2}] | /network/layers | not both",
        "/network/inputShape         | [4]                 | /network/inputShape          | its own input shape",
    })
    void malformedKerasConfigsAre422(String pointer, String value, String at, String message) throws Exception {
        send(GRADIENTS, mlp(fixture("dense_mlp_keras2")).set(pointer, value)).andExpect(problem(422, at, message));
    }

    @Test
    void missingInputShapeIsReportedWhereItBelongs() throws Exception {
        Body body = mlp(fixture("dense_mlp_keras2")).remove(LAYERS + "/0/config/batch_input_shape");
        send(GRADIENTS, body).andExpect(problem(422, LAYERS + "/0/config", "the input shape is missing"));
    }

    @Test
    void networkWithNeitherLayersNorKerasIs422() throws Exception {
        send(GRADIENTS, mlp(fixture("dense_mlp_keras2")).remove("/network/keras").remove("/weightLayout"))
                .andExpect(problem(422, "/network/inputShape", "must not be empty", "or keras"));
    }

    @Test
    void kerasWeightsAreCheckedInKerasLayout() throws Exception {
        JsonNode fixture = fixture("dense_mlp_keras2");
        send(GRADIENTS, mlp(fixture).set("/weights/hidden/kernel", fixture.at("/native/weights/hidden/W").toString()))
                .andExpect(problem(422, "/weights/hidden/kernel", "expected shape [4, 5]", "got [5, 4]", "transpose"));
        send(GRADIENTS, mlp(fixture).rename("/weights/hidden/kernel", "W"))
                .andExpect(problem(422, "/weights/hidden/W", "no variable 'W'", "kernel [4, 5], bias [5]"));
        send(GRADIENTS, mlp(fixture).set("/weights/probabilities", "{}"))
                .andExpect(problem(422, "/weights/probabilities", "no Keras layer 'probabilities' with weights"));
        send(GRADIENTS, mlp(fixture).set("/weights/middle/bias", "[1, 2, 3]"))
                .andExpect(problem(422, "/weights/middle/bias", "no variable 'bias'"));
    }

    @Test
    void explicitNullKerasIsNoKerasConfig() throws Exception {
        JsonNode plain = answer(GRADIENTS, Body.workedExample());
        JsonNode withNull = answer(GRADIENTS, Body.workedExample().set("/network/keras", "null"));
        assertThat(withNull).isEqualTo(plain);
    }

    @Test
    void kerasLayoutNeedsAKerasNetwork() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/weightLayout", "\"keras\""))
                .andExpect(problem(422, "/weightLayout", "network.keras"));
        send(GRADIENTS, Body.workedExample().set("/weightLayout", "\"pytorch\""))
                .andExpect(problem(400, "/weightLayout", "gradserve, keras"));
    }

    private static void assertCloseRelative(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = Math.max(1e-9 * Math.abs(expected[i]), 1e-12);
            assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: %s vs Keras' equations %s", what, i, actual[i],
                    expected[i]).isLessThanOrEqualTo(tolerance);
        }
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }
}
