package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Networks whose loss and gradients PyTorch computed (src/test/python/torch_fixtures.py, kept with
 * its output in src/test/resources/fixtures/torch): the service must give the same numbers in
 * float64, to a relative 1e-9 (absolute 1e-12 for values near zero).
 */
class TorchFixturesTest extends HttpTestBase {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/torch");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesPyTorch(Path fixture) throws Exception {
        JsonNode root = mapper.readTree(Files.readString(fixture));
        JsonNode expected = root.get("expected");
        JsonNode answer = answer(GRADIENTS, Body.parse(root.get("request").toString()));

        assertCloseRelative("loss", new double[] {answer.get("loss").doubleValue()},
                new double[] {expected.get("loss").doubleValue()});
        assertCloseRelative("outputs", Tensors.data(answer.get("outputs")), Tensors.data(expected.get("outputs")));
        assertCloseRelative("inputGradients", Tensors.data(answer.get("inputGradients")),
                Tensors.data(expected.get("inputGradients")));
        assertThat(names(answer.get("gradients"))).isEqualTo(names(expected.get("gradients")));
        for (Map.Entry<String, JsonNode> layer : expected.get("gradients").properties()) {
            assertThat(names(answer.get("gradients").get(layer.getKey()))).isEqualTo(names(layer.getValue()));
            for (Map.Entry<String, JsonNode> parameter : layer.getValue().properties()) {
                JsonNode actual = answer.get("gradients").get(layer.getKey()).get(parameter.getKey());
                assertThat(Tensors.shape(actual)).isEqualTo(Tensors.shape(parameter.getValue()));
                assertCloseRelative(layer.getKey() + "." + parameter.getKey(), Tensors.data(actual),
                        Tensors.data(parameter.getValue()));
            }
        }
    }

    private static void assertCloseRelative(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = Math.max(1e-9 * Math.abs(expected[i]), 1e-12);
            assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: %s vs PyTorch %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    private static java.util.List<String> names(JsonNode object) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = object.propertyNames().iterator(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
