package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Recurrent networks through HTTP: what include shows per time step, their problems, and an rnn training in a session. */
class RecurrentHttpTest extends HttpTestBase {

    private static final int TIME = 6;

    private static final String LSTM = """
            {"inputShape": [6, 2], "layers": [
              {"name": "lstm", "type": "lstm", "units": 3},
              {"name": "out", "type": "dense", "units": 2}],
             "loss": {"type": "mse"}}""";

    private static final String RNN = """
            {"inputShape": [6, 1], "layers": [
              {"name": "rnn", "type": "rnn", "units": 8},
              {"name": "out", "type": "dense", "units": 1}],
             "loss": {"type": "mse"}}""";

    private static Body lstm() {
        return Body.parse("{}").set("/network", LSTM).set("/init", "{\"scheme\": \"xavier_uniform\", \"seed\": 5}")
                .set("/inputs", sequences(new Random(1), 3, 2)).set("/targets", "[[0.5, -0.5], [0.1, 0.2], [-0.3, 0.9]]");
    }

    /** [count, 6, features] values in (−1, 1). */
    private static String sequences(Random random, int count, int features) {
        StringBuilder json = new StringBuilder("[");
        for (int n = 0; n < count; n++) {
            json.append(n == 0 ? "[" : ",[");
            for (int t = 0; t < TIME; t++) {
                json.append(t == 0 ? "[" : ",[");
                for (int f = 0; f < features; f++) {
                    json.append(f == 0 ? "" : ",").append(random.nextDouble() * 2 - 1);
                }
                json.append("]");
            }
            json.append("]");
        }
        return json.append("]").toString();
    }

    @Test
    void anLstmShowsGatesStatesErrorSignalsAndGradientNormsAtEveryStep() throws Exception {
        JsonNode answer = answer(GRADIENTS, lstm().set("/include",
                "[\"activations\", \"deltas\", \"gradientNorms\", \"weights\"]"));
        assertThat(Tensors.shape(answer.at("/activations/lstm/z"))).containsExactly(3, TIME, 12);
        assertThat(Tensors.shape(answer.at("/activations/lstm/a"))).containsExactly(3, TIME, 3);
        assertThat(Tensors.shape(answer.at("/activations/lstm/c"))).containsExactly(3, TIME, 3);
        assertThat(answer.at("/activations/out/c").isMissingNode()).isTrue();
        assertThat(Tensors.shape(answer.at("/deltas/lstm"))).containsExactly(3, TIME, 12);
        assertThat(Tensors.shape(answer.at("/outputs"))).containsExactly(3, 2);
        JsonNode norms = answer.at("/gradientNorms/lstm");
        assertThat(norms.get("timeSteps").size()).isEqualTo(TIME);
        assertThat(norms.get("parameters").propertyNames()).containsExactly("W_xh", "W_hh", "b");
        assertThat(norms.get("norm").doubleValue()).isPositive();
        for (JsonNode step : norms.get("timeSteps")) {
            assertThat(step.doubleValue()).isPositive();
        }
        double[] a = Tensors.data(answer.at("/activations/lstm/a"));
        double[] lastStates = new double[9];
        for (int n = 0; n < 3; n++) {
            System.arraycopy(a, (n * TIME + TIME - 1) * 3, lastStates, n * 3, 3);
        }
        double[][] W = Tensors.matrix(answer.at("/weights/out/W"));
        double[] bias = Tensors.data(answer.at("/weights/out/b"));
        double[] outputs = Tensors.data(answer.at("/outputs"));
        for (int n = 0; n < 3; n++) {
            for (int k = 0; k < 2; k++) {
                double z = bias[k];
                for (int j = 0; j < 3; j++) {
                    z += W[k][j] * lastStates[n * 3 + j];
                }
                assertThat(outputs[n * 2 + k]).as("the head reads the last h of example %d", n).isCloseTo(z, within(1e-12));
            }
        }
    }

    @Test
    void float32AgreesWithFloat64() throws Exception {
        JsonNode wide = answer(GRADIENTS, lstm());
        JsonNode narrow = answer(GRADIENTS, lstm().set("/dtype", "\"float32\""));
        assertClose(Tensors.data(narrow.at("/gradients/lstm/W_hh")), Tensors.data(wide.at("/gradients/lstm/W_hh")), 1e-5);
        assertThat(narrow.get("loss").doubleValue()).isCloseTo(wide.get("loss").doubleValue(), within(1e-5));
    }

    @Test
    void recurrentSettingsOutOfRangeAreRefusedAtTheirPointers() throws Exception {
        Body rnn = Body.parse("{}").set("/network", RNN).set("/init", "{\"scheme\": \"xavier_uniform\", \"seed\": 1}")
                .set("/inputs", sequences(new Random(2), 2, 1)).set("/targets", "[[0.1], [0.2]]");
        send(GRADIENTS, rnn.set("/network/layers/0/bpttTruncation", "0"))
                .andExpect(problem(422, "/network/layers/0/bpttTruncation", "at least 1"));
        send(GRADIENTS, rnn.set("/network/layers/0/bpttTruncation", "2").set("/network/layers/0/initialState", "[0.1, 0.2]"))
                .andExpect(problem(422, "/network/layers/0/initialState", "expected shape [8]"));
        send(GRADIENTS, rnn.set("/network/layers/0/initialState", "null").set("/network/layers/0/activation", "\"sigmoid\""))
                .andExpect(problem(422, "/network/layers/0/activation", "tanh or relu"));
        send(GRADIENTS, rnn.set("/network/layers/0/activation", "\"relu\"").set("/network/inputShape", "[6]")
                .set("/inputs", "[[1, 2, 3, 4, 5, 6]]").set("/targets", "[[0.1]]"))
                .andExpect(problem(422, "/network/layers/0", "[time, features]"));
    }

    /** The running mean of a sequence, read from the last state: learnable in a few steps. */
    @Test
    void aSessionTrainsAnRnnAndItsLossFalls() throws Exception {
        Body create = Body.parse("{}").set("/network", RNN).set("/init", "{\"scheme\": \"xavier_uniform\", \"seed\": 2}")
                .set("/optimizer", "{\"type\": \"adam\", \"learningRate\": 0.05}");
        JsonNode session = mapper.readTree(mvc.perform(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content(create.json())).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        Random random = new Random(9);
        String inputs = sequences(random, 16, 1);
        double[] values = Tensors.data(mapper.readTree(inputs));
        StringBuilder targets = new StringBuilder("[");
        for (int n = 0; n < 16; n++) {
            double sum = 0;
            for (int t = 0; t < TIME; t++) {
                sum += values[n * TIME + t];
            }
            targets.append(n == 0 ? "[" : ",[").append(sum / TIME).append("]");
        }
        String step = "{\"inputs\": " + inputs + ", \"targets\": " + targets.append("]") + "}";
        double first = Double.NaN;
        double last = Double.NaN;
        for (int i = 0; i < 20; i++) {
            JsonNode answer = mapper.readTree(mvc.perform(post("/v1/sessions/" + session.get("id").stringValue() + "/steps")
                    .contentType(MediaType.APPLICATION_JSON).content(step)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString());
            last = answer.get("loss").doubleValue();
            first = i == 0 ? last : first;
        }
        assertThat(last).isLessThan(first / 4);
    }
}
