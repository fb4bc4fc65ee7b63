package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bean Validation is skipped only where it would have found nothing: for every request body of the API, valid ones
 * pass the shortcut, and among thousands of edits of them (each member and element removed, or set to null, a zero,
 * a negative number, a string, ...) none that the validator refuses passes it.
 */
class QuickValidatorTest extends HttpTestBase {

    private static final String LAYERS = """
            {"inputShape": [1, 8, 8], "layers": [
              {"name": "conv", "type": "conv2d", "filters": 4, "kernelSize": [3, 3], "stride": 1, "activation": "relu"},
              {"name": "pool", "type": "maxpool2d", "poolSize": 2, "stride": 2},
              {"name": "flat", "type": "flatten"},
              {"name": "out", "type": "dense", "units": 2, "activation": {"type": "leaky_relu", "alpha": 0.1}}],
             "loss": {"type": "cross_entropy"}}""";
    private static final String RECURRENT = """
            {"inputShape": [4, 3], "layers": [
              {"name": "rnn", "type": "rnn", "units": 3, "activation": "relu", "returnSequences": true},
              {"name": "lstm", "type": "lstm", "units": 3, "returnSequences": true},
              {"name": "gru", "type": "gru", "units": 2}],
             "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}}""";
    private static final String CHECKPOINT = """
            {"network": %s, "dtype": "float64", "optimizer": {"type": "sgd", "learningRate": 0.5, "momentum": 0.9},
             "weights": {"hidden": {"W": [[0.15, 0.20], [0.25, 0.30]], "b": [0.35, 0.35]}},
             "optimizerState": {"momentumBuffer": {"hidden": {"W": [[0, 0], [0, 0]], "b": [0, 0]}}}, "step": 3}""";

    private static final List<String> EDITS = List.of("null", "0", "-1", "0.0", "-0.0", "2.5", "\"x\"", "[]", "{}",
            "[null]", "[0]", "[-1]");

    @Autowired
    Validator validator;

    @Autowired
    RequestMappingHandlerAdapter handlers;

    static Stream<Arguments> validBodies() {
        Body worked = Body.workedExample();
        String network = tree(worked).get("network").toString();
        return Stream.of(
                Arguments.of(GradientRequest.class, worked.copy().set("/include", "[\"activations\", \"deltas\"]")
                        .set("/init", "{\"scheme\": \"he_normal\", \"seed\": 1}")),
                Arguments.of(GradientRequest.class, worked.copy().set("/network", LAYERS).remove("/weights")),
                Arguments.of(GradientRequest.class, worked.copy().set("/network", RECURRENT).remove("/weights")),
                Arguments.of(ForwardRequest.class, worked.copy().set("/include", "[\"activations\"]")),
                Arguments.of(GradientCheckRequest.class, worked.copy().set("/epsilon", "1e-6").set("/tolerance", "1e-5")
                        .set("/absoluteTolerance", "1e-9")),
                Arguments.of(CreateSessionRequest.class, worked.copy().remove("/inputs").remove("/targets")
                        .set("/optimizer", "{\"type\": \"adam\", \"learningRate\": 0.01}")),
                Arguments.of(CreateSessionRequest.class, Body.parse("{}").set("/checkpoint",
                        CHECKPOINT.formatted(network))),
                Arguments.of(StepRequest.class, Body.parse(SessionHttpTest.STEP).set("/include", "[\"weights\"]")),
                Arguments.of(SessionBatchRequest.class, Body.parse(SessionHttpTest.STEP).set("/include",
                        "[\"activations\"]")),
                Arguments.of(UpdateRequest.class, Body.parse("{\"gradients\": {\"hidden\": {\"b\": [0.1, 0.2]}}, "
                        + "\"include\": [\"weights\"]}")),
                Arguments.of(ExpressionGradientRequest.class, Body.parse("{\"expression\": \"x * y\", "
                        + "\"at\": {\"x\": 2, \"y\": 3}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validBodies")
    void validBodiesPassTheShortcutAndNoEditTheValidatorRefusesDoes(Class<?> type, Body valid) {
        QuickConstraints quick = new QuickConstraints(validator);
        Object request = mapper.readValue(valid.json(), type);
        assertThat(validator.validate(request)).isEmpty();
        assertThat(quick.hold(request)).as("a valid %s passes the shortcut", type.getSimpleName()).isTrue();

        int refused = 0;
        int passed = 0;
        for (Body edited : edits(valid)) {
            Object read;
            try {
                read = mapper.readValue(edited.json(), type);
            } catch (RuntimeException unreadable) {
                continue;
            }
            boolean violations = !validator.validate(read).isEmpty();
            if (quick.hold(read)) {
                assertThat(violations).as("passed the shortcut, but the validator refuses %s", edited).isFalse();
                passed++;
            }
            if (violations) {
                refused++;
            }
        }
        assertThat(passed).as("edits that pass the shortcut").isPositive();
        if (!type.equals(UpdateRequest.class)) {
            assertThat(refused).as("edits the validator refuses").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void requestBodiesAreCheckedByTheQuickValidator() {
        var initializer = (org.springframework.web.bind.support.ConfigurableWebBindingInitializer)
                handlers.getWebBindingInitializer();
        var mvcValidator = initializer.getValidator();
        var errors = new BeanPropertyBindingResult(new Doubt(Double.NaN, 1, 0L), "doubt");
        mvcValidator.validate(new Doubt(Double.NaN, 1, 0L), errors);
        assertThat(errors.getFieldErrors()).singleElement()
                .satisfies(error -> assertThat(error.getField()).isEqualTo("positive"));
        assertThat(mvcValidator).isInstanceOf(QuickValidator.class);
    }

    record Doubt(@Positive Double positive, @NotNull @Positive Integer count, @PositiveOrZero Long offset) {}

    record Sized(@Size(max = 2) String name) {}

    record Nested(@NotNull List<@NotNull Doubt> doubts, Map<String, Doubt> byName) {}

    /** The validator reads the getter's constraint for the property {@code units}, not the component. */
    record WithGetter(Integer units) {
        @Positive
        private Integer getUnits() {
            return -units;
        }
    }

    @Test
    void valuesTheShortcutIsUnsureOfGoToTheValidator() {
        QuickConstraints quick = new QuickConstraints(validator);
        assertThat(quick.hold(new Doubt(1.5, 1, 0L))).isTrue();
        assertThat(quick.hold(new Doubt(null, 1, null))).isTrue();
        for (double unsure : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0.0, -0.0, -1}) {
            assertThat(quick.hold(new Doubt(unsure, 1, 0L))).as("%s", unsure).isFalse();
        }
        assertThat(quick.hold(new Doubt(1.5, 0, 0L))).isFalse();
        assertThat(quick.hold(new Doubt(1.5, null, 0L))).isFalse();
        assertThat(quick.hold(new Doubt(1.5, 1, -1L))).isFalse();
        assertThat(quick.hold(new Sized("ok"))).as("a constraint it does not know").isFalse();
        assertThat(quick.hold(new Nested(List.of(new Doubt(1.5, 1, 0L)), Map.of()))).isTrue();
        assertThat(quick.hold(new Nested(java.util.Arrays.asList(new Doubt(1.5, 1, 0L), null), Map.of()))).isFalse();
        assertThat(quick.hold(new Nested(null, Map.of()))).isFalse();
        assertThat(validator.validate(new WithGetter(1))).isNotEmpty();
        assertThat(quick.hold(new WithGetter(1))).as("a constrained getter of a component's name").isFalse();
    }

    /** Every member and element of the body removed, and set to each of {@link #EDITS}. */
    private static List<Body> edits(Body valid) {
        List<Body> edits = new ArrayList<>();
        JsonNode root = tree(valid);
        for (String pointer : pointers(root, "")) {
            edits.add(valid.copy().remove(pointer));
            for (String edit : EDITS) {
                edits.add(valid.copy().set(pointer, edit));
            }
        }
        return edits;
    }

    private static JsonNode tree(Body body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body.json());
    }

    private static List<String> pointers(JsonNode node, String at) {
        List<String> pointers = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> members = object.properties().iterator(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                String pointer = at + "/" + member.getKey();
                pointers.add(pointer);
                pointers.addAll(pointers(member.getValue(), pointer));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                pointers.add(at + "/" + i);
                pointers.addAll(pointers(array.get(i), at + "/" + i));
            }
        }
        return pointers;
    }
}
