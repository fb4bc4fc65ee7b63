package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Twenty steps of every optimizer (and of clipping by value and by norm) replayed through a
 * session, against torch.optim (src/test/python/torch_optimizer_fixtures.py): after every step the
 * loss and every weight, and at the end the optimizer's buffers, to a relative 1e-9.
 */
class TorchOptimizerFixturesTest extends HttpTestBase {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/torch-optimizers");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void trainsUpdateForUpdateLikeTorchOptim(Path fixture) throws Exception {
        JsonNode root = mapper.readTree(Files.readString(fixture));
        String created = mvc.perform(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content(root.get("create").toString())).andReturn().getResponse().getContentAsString();
        String id = mapper.readTree(created).get("id").stringValue();

        int number = 0;
        for (JsonNode step : root.get("steps")) {
            number++;
            String body = "{\"inputs\": " + step.get("inputs") + ", \"targets\": " + step.get("targets")
                    + ", \"include\": [\"weights\"]}";
            JsonNode answer = mapper.readTree(mvc.perform(post("/v1/sessions/" + id + "/steps")
                    .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getContentAsString());
            JsonNode expected = step.get("expected");
            assertThat(answer.get("step").longValue()).isEqualTo(number);
            assertClose("step " + number + " loss", answer.get("loss"), expected.get("loss"));
            assertSameWeights("step " + number + " weights", answer.get("weights"), expected.get("weights"));
        }

        JsonNode checkpoint = mapper.readTree(mvc.perform(get("/v1/sessions/" + id + "/checkpoint"))
                .andReturn().getResponse().getContentAsString());
        JsonNode expectedState = root.get("finalOptimizerState");
        assertThat(names(checkpoint.get("optimizerState"))).containsExactlyInAnyOrderElementsOf(names(expectedState));
        for (Map.Entry<String, JsonNode> buffer : expectedState.properties()) {
            assertSameWeights("buffer " + buffer.getKey(), checkpoint.get("optimizerState").get(buffer.getKey()),
                    buffer.getValue());
        }
    }

    private static void assertSameWeights(String what, JsonNode actual, JsonNode expected) {
        assertThat(names(actual)).as(what).containsExactlyInAnyOrderElementsOf(names(expected));
        for (Map.Entry<String, JsonNode> layer : expected.properties()) {
            assertThat(names(actual.get(layer.getKey()))).as(what).containsExactlyInAnyOrderElementsOf(names(layer.getValue()));
            for (Map.Entry<String, JsonNode> parameter : layer.getValue().properties()) {
                double[] a = Tensors.data(actual.get(layer.getKey()).get(parameter.getKey()));
                double[] e = Tensors.data(parameter.getValue());
                assertThat(a).as(what).hasSameSizeAs(e);
                for (int i = 0; i < e.length; i++) {
                    assertThat(Math.abs(a[i] - e[i])).as("%s %s.%s[%d]: %s vs torch %s", what, layer.getKey(),
                            parameter.getKey(), i, a[i], e[i]).isLessThanOrEqualTo(Math.max(1e-9 * Math.abs(e[i]), 1e-12));
                }
            }
        }
    }

    private static void assertClose(String what, JsonNode actual, JsonNode expected) {
        double a = actual.doubleValue();
        double e = expected.doubleValue();
        assertThat(Math.abs(a - e)).as("%s: %s vs torch %s", what, a, e).isLessThanOrEqualTo(Math.max(1e-9 * Math.abs(e), 1e-12));
    }

    private static java.util.List<String> names(JsonNode object) {
        return object.propertyNames().stream().toList();
    }
}
