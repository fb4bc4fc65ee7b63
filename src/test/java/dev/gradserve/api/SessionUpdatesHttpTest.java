package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gradients computed elsewhere, applied by a session's optimizer: data-parallel training with the
 * stateless call as the workers.
 */
class SessionUpdatesHttpTest extends HttpTestBase {

    private static final String NETWORK = """
            {"inputShape": [3], "layers": [
              {"name": "hidden", "type": "dense", "units": 4, "activation": "tanh"},
              {"name": "out", "type": "dense", "units": 2}], "loss": {"type": "mse"}}""";
    private static final double[][] INPUTS = {{0.1, 0.2, 0.3}, {-0.5, 0.4, 0.9}, {0.7, -0.1, 0.2}, {0.0, 0.3, -0.8},
        {0.9, 0.9, 0.1}, {-0.3, -0.6, 0.5}, {0.2, -0.9, 0.4}, {-0.7, 0.1, -0.2}};
    private static final double[][] TARGETS = {{1, 0}, {0, 1}, {0.5, 0.5}, {1, 1}, {0, 0}, {0.2, 0.8}, {0.9, 0.1}, {0.3, 0.3}};

    private String create() throws Exception {
        String body = "{\"network\": " + NETWORK + ", \"init\": {\"scheme\": \"xavier_uniform\", \"seed\": 6}, "
                + "\"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.05, \"clipNorm\": 0.5}}";
        return mapper.readTree(mvc.perform(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse().getContentAsString()).get("id").stringValue();
    }

    private JsonNode json(MockHttpServletResponse response) throws Exception {
        return mapper.readTree(response.getContentAsString());
    }

    private MockHttpServletResponse postJson(String path, String body, String... headers) throws Exception {
        var request = post(path).contentType(MediaType.APPLICATION_JSON).content(body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String rows(double[][] values, int from, int to) {
        StringBuilder json = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            json.append(i == from ? "" : ",").append(java.util.Arrays.toString(values[i]));
        }
        return json.append("]").toString();
    }

    @Test
    void fourWorkersAveragedGradientsAppliedAsAnUpdateEqualOneStepOnTheWholeBatch() throws Exception {
        String workers = create();
        String whole = create();
        for (int round = 0; round < 3; round++) {
            JsonNode weights = json(mvc.perform(get("/v1/sessions/" + workers + "/weights")).andReturn().getResponse());
            ObjectNode average = null;
            for (int shard = 0; shard < 4; shard++) {
                String request = "{\"network\": " + NETWORK + ", \"weights\": " + weights + ", \"inputs\": "
                        + rows(INPUTS, 2 * shard, 2 * shard + 2) + ", \"targets\": " + rows(TARGETS, 2 * shard, 2 * shard + 2) + "}";
                JsonNode gradients = json(postJson(GRADIENTS, request)).get("gradients");
                average = average == null ? scaled(gradients, 0.25) : added(average, scaled(gradients, 0.25));
            }
            JsonNode updated = json(postJson("/v1/sessions/" + workers + "/updates",
                    "{\"gradients\": " + average + ", \"include\": [\"weights\"]}"));
            JsonNode stepped = json(postJson("/v1/sessions/" + whole + "/steps",
                    "{\"inputs\": " + rows(INPUTS, 0, 8) + ", \"targets\": " + rows(TARGETS, 0, 8) + ", \"include\": [\"weights\"]}"));
            assertThat(updated.get("step")).isEqualTo(stepped.get("step"));
            assertThat(updated.has("loss")).isFalse();
            for (String parameter : new String[] {"hidden/W", "hidden/b", "out/W", "out/b"}) {
                assertClose(Tensors.data(updated.at("/weights/" + parameter)), Tensors.data(stepped.at("/weights/" + parameter)),
                        1e-14);
            }
        }
    }

    @Test
    void updatesFollowTheStepsRulesOfVersionsAndIdempotency() throws Exception {
        String id = create();
        JsonNode weights = json(mvc.perform(get("/v1/sessions/" + id + "/weights")).andReturn().getResponse());
        String update = "{\"gradients\": " + scaled(weights, 0.1) + "}";
        MockHttpServletResponse first = postJson("/v1/sessions/" + id + "/updates", update, "Idempotency-Key", "u-1",
                "If-Match", "\"0\"");
        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.getHeader("ETag")).isEqualTo("\"1\"");
        MockHttpServletResponse retry = postJson("/v1/sessions/" + id + "/updates", update, "Idempotency-Key", "u-1");
        assertThat(retry.getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(postJson("/v1/sessions/" + id + "/updates", update, "If-Match", "\"0\"").getStatus()).isEqualTo(412);
        MockHttpServletResponse misshapen = postJson("/v1/sessions/" + id + "/updates",
                "{\"gradients\": {\"hidden\": {\"W\": [[1]], \"b\": [0, 0, 0, 0]}, \"out\": " + weights.get("out") + "}}");
        assertThat(misshapen.getStatus()).isEqualTo(422);
        assertThat(json(misshapen).at("/errors/0/pointer").stringValue()).isEqualTo("/gradients/hidden/W");
        JsonNode session = json(mvc.perform(get("/v1/sessions/" + id)).andReturn().getResponse());
        assertThat(session.get("version").longValue()).isEqualTo(1);
        assertThat(session.get("step").longValue()).isEqualTo(1);
    }

    private ObjectNode scaled(JsonNode weights, double factor) {
        ObjectNode result = mapper.createObjectNode();
        weights.properties().forEach(layer -> {
            ObjectNode parameters = result.putObject(layer.getKey());
            layer.getValue().properties().forEach(p -> parameters.set(p.getKey(), map(p.getValue(), v -> v * factor)));
        });
        return result;
    }

    private ObjectNode added(JsonNode a, JsonNode b) {
        ObjectNode result = mapper.createObjectNode();
        a.properties().forEach(layer -> {
            ObjectNode parameters = result.putObject(layer.getKey());
            layer.getValue().properties().forEach(p -> {
                double[] other = Tensors.data(b.get(layer.getKey()).get(p.getKey()));
                int[] index = {0};
                parameters.set(p.getKey(), map(p.getValue(), v -> v + other[index[0]++]));
            });
        });
        return result;
    }

    private JsonNode map(JsonNode nested, java.util.function.DoubleUnaryOperator f) {
        if (nested.isNumber()) {
            return mapper.getNodeFactory().numberNode(f.applyAsDouble(nested.doubleValue()));
        }
        var array = mapper.createArrayNode();
        nested.forEach(element -> array.add(map(element, f)));
        return array;
    }
}
