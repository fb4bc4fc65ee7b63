package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.JsonNode;

/**
 * The three tensor encodings (nested arrays, {shape, data}, {shape, dtype, base64}) carry the same
 * numbers in requests and in answers, and float32 answers are written as floats.
 */
class EncodingTest extends HttpTestBase {

    private static final double[] HIDDEN_W = {0.15, 0.20, 0.25, 0.30};
    private static final double[] HIDDEN_B = {0.35, 0.35};
    private static final double[] OUTPUT_W = {0.40, 0.45, 0.50, 0.55};
    private static final double[] OUTPUT_B = {0.60, 0.60};
    private static final double[] INPUTS = {0.05, 0.10};
    private static final double[] TARGETS = {0.01, 0.99};
    private static final int[] MATRIX = {2, 2};
    private static final int[] VECTOR = {2};
    private static final int[] ROW = {1, 2};

    @Autowired
    private RequestMappingHandlerAdapter handlers;

    @Test
    void jsonBodiesAreReadFromTheirBytesByTheConverterInSpringsJsonPlace() {
        List<Class<?>> converters = handlers.getMessageConverters().stream().<Class<?>>map(Object::getClass).toList();
        assertThat(converters).contains(BufferedJsonConverter.class).doesNotContain(JacksonJsonHttpMessageConverter.class);
        // byte[] and String answers (steps, updates) are written as they are, by the converters before it
        assertThat(converters.indexOf(ByteArrayHttpMessageConverter.class)).isNotNegative()
                .isLessThan(converters.indexOf(BufferedJsonConverter.class));
    }

    @Test
    void flatEncodingInRequestGivesIdenticalAnswer() throws Exception {
        Body flat = Body.workedExample()
                .set("/weights/hidden/W", Tensors.flat(MATRIX, HIDDEN_W))
                .set("/weights/hidden/b", Tensors.flat(VECTOR, HIDDEN_B))
                .set("/weights/output/W", Tensors.flat(MATRIX, OUTPUT_W))
                .set("/weights/output/b", Tensors.flat(VECTOR, OUTPUT_B))
                .set("/inputs", Tensors.flat(ROW, INPUTS))
                .set("/targets", Tensors.flat(ROW, TARGETS));
        assertThat(answer(GRADIENTS, flat)).isEqualTo(answer(GRADIENTS, Body.workedExample()));
    }

    @Test
    void float64Base64InRequestGivesIdenticalAnswer() throws Exception {
        Body base64 = Body.workedExample()
                .set("/weights/hidden/W", Tensors.base64(MATRIX, false, HIDDEN_W))
                .set("/weights/hidden/b", Tensors.base64(VECTOR, false, HIDDEN_B))
                .set("/weights/output/W", Tensors.base64(MATRIX, false, OUTPUT_W))
                .set("/weights/output/b", Tensors.base64(VECTOR, false, OUTPUT_B))
                .set("/inputs", Tensors.base64(ROW, false, INPUTS))
                .set("/targets", Tensors.base64(ROW, false, TARGETS));
        assertThat(answer(GRADIENTS, base64)).isEqualTo(answer(GRADIENTS, Body.workedExample()));
    }

    @Test
    void float32Base64InRequestGivesTheSameAnswerAsNestedInFloat32() throws Exception {
        Body base64 = Body.workedExample()
                .set("/dtype", "\"float32\"")
                .set("/weights/hidden/W", Tensors.base64(MATRIX, true, HIDDEN_W))
                .set("/weights/hidden/b", Tensors.base64(VECTOR, true, HIDDEN_B))
                .set("/weights/output/W", Tensors.base64(MATRIX, true, OUTPUT_W))
                .set("/weights/output/b", Tensors.base64(VECTOR, true, OUTPUT_B))
                .set("/inputs", Tensors.base64(ROW, true, INPUTS))
                .set("/targets", Tensors.base64(ROW, true, TARGETS));
        assertThat(answer(GRADIENTS, base64)).isEqualTo(answer(GRADIENTS, Body.workedExample().set("/dtype", "\"float32\"")));
    }

    @Test
    void float32Base64InAFloat64RequestDiffersOnlyByFloatRounding() throws Exception {
        Body base64 = Body.workedExample()
                .set("/weights/hidden/W", Tensors.base64(MATRIX, true, HIDDEN_W))
                .set("/inputs", Tensors.base64(ROW, true, INPUTS));
        JsonNode expected = answer(GRADIENTS, Body.workedExample());
        JsonNode actual = answer(GRADIENTS, base64);
        assertClose(gradients(actual), gradients(expected), 1e-8);
        assertThat(actual.get("loss").doubleValue()).isCloseTo(expected.get("loss").doubleValue(), within(1e-8));
    }

    @Test
    void encodingsMayBeMixedInOneRequest() throws Exception {
        Body mixed = Body.workedExample()
                .set("/weights/hidden/W", Tensors.flat(MATRIX, HIDDEN_W))
                .set("/weights/hidden/b", Tensors.base64(VECTOR, false, HIDDEN_B))
                .set("/weights/output/b", Tensors.flat(VECTOR, OUTPUT_B))
                .set("/inputs", Tensors.base64(ROW, false, INPUTS));
        assertThat(answer(GRADIENTS, mixed)).isEqualTo(answer(GRADIENTS, Body.workedExample()));
    }

    @Test
    void flatAnswerHoldsTheNestedNumbersWithTheirShapes() throws Exception {
        String include = "[\"activations\", \"deltas\", \"inputGradients\", \"weights\"]";
        JsonNode nested = answer(GRADIENTS, Body.workedExample().set("/include", include));
        JsonNode flat = answer(GRADIENTS, Body.workedExample().set("/include", include).set("/tensorEncoding", "\"flat\""));

        assertThat(flat.get("gradients").get("hidden").get("W").get("shape")).hasToString("[2,2]");
        assertThat(flat.get("gradients").get("hidden").get("b").get("shape")).hasToString("[2]");
        assertThat(flat.get("outputs").get("shape")).hasToString("[1,2]");
        assertThat(flat.get("loss")).isEqualTo(nested.get("loss"));
        assertSameTensors(flat, nested, "");
    }

    @Test
    void float64Base64AnswerDecodesToTheNestedNumbers() throws Exception {
        String include = "[\"activations\", \"deltas\", \"inputGradients\", \"weights\"]";
        JsonNode nested = answer(GRADIENTS, Body.workedExample().set("/include", include));
        JsonNode base64 = answer(GRADIENTS, Body.workedExample().set("/include", include).set("/tensorEncoding", "\"base64\""));

        JsonNode hiddenW = base64.get("gradients").get("hidden").get("W");
        assertThat(hiddenW.get("dtype").stringValue()).isEqualTo("float64");
        assertThat(hiddenW.get("shape")).hasToString("[2,2]");
        assertThat(Base64.getDecoder().decode(hiddenW.get("base64").stringValue())).hasSize(4 * 8);
        assertSameTensors(base64, nested, "");
    }

    @Test
    void float32AnswerPrintsFloatsThatAgreeWithFloat64() throws Exception {
        String text = send(GRADIENTS, Body.workedExample().set("/dtype", "\"float32\"")).andReturn().getResponse().getContentAsString();
        JsonNode single = mapper.readTree(text);
        JsonNode dbl = answer(GRADIENTS, Body.workedExample());

        assertThat(single.get("loss").doubleValue()).isCloseTo(0.298371109, within(1e-6));
        for (String number : numbers(text)) {
            assertThat(significantDigits(number)).as("significant digits of %s in %s", number, text).isLessThanOrEqualTo(9);
        }
        assertThat(significantDigits(dbl.get("loss").toString())).as("float64 loss keeps double precision").isGreaterThan(9);
        assertClose(gradients(single), gradients(dbl), 1e-6);
        assertClose(Tensors.data(single.get("outputs")), Tensors.data(dbl.get("outputs")), 1e-6);
    }

    @Test
    void float32Base64AnswerHoldsFourBytesPerElementEqualToTheNestedFloats() throws Exception {
        JsonNode nested = answer(GRADIENTS, Body.workedExample().set("/dtype", "\"float32\""));
        JsonNode base64 = answer(GRADIENTS, Body.workedExample().set("/dtype", "\"float32\"").set("/tensorEncoding", "\"base64\""));

        JsonNode outputW = base64.get("gradients").get("output").get("W");
        assertThat(outputW.get("dtype").stringValue()).isEqualTo("float32");
        assertThat(Base64.getDecoder().decode(outputW.get("base64").stringValue())).hasSize(4 * 4);
        double[] decoded = Tensors.data(outputW);
        double[] printed = Tensors.data(nested.get("gradients").get("output").get("W"));
        for (int i = 0; i < printed.length; i++) {
            assertThat((float) decoded[i]).isEqualTo((float) printed[i]);
        }
    }

    @Test
    void rank1BiasIsAcceptedInEveryEncodingAndAnsweredWithRank1Gradient() throws Exception {
        JsonNode expected = answer(GRADIENTS, Body.workedExample());
        for (String bias : List.of(Tensors.flat(VECTOR, HIDDEN_B), Tensors.base64(VECTOR, false, HIDDEN_B))) {
            JsonNode answer = answer(GRADIENTS, Body.workedExample().set("/weights/hidden/b", bias).set("/tensorEncoding", "\"flat\""));
            JsonNode gradient = answer.get("gradients").get("hidden").get("b");
            assertThat(gradient.get("shape")).hasToString("[2]");
            assertThat(Tensors.data(gradient)).containsExactly(Tensors.data(expected.get("gradients").get("hidden").get("b")));
        }
    }

    @Test
    void scalarWhereAVectorBelongsIsRefusedWithBothShapes() throws Exception {
        for (String scalar : List.of("0.35", "{\"shape\": [], \"data\": [0.35]}", Tensors.base64(new int[0], false, 0.35))) {
            send(GRADIENTS, Body.workedExample().set("/weights/hidden/b", scalar))
                    .andExpect(problem(422, "/weights/hidden/b", "expected shape [2], got []"));
        }
    }

    @Test
    void oneByOneNetworkTakesSingleElementTensorsInEveryEncoding() throws Exception {
        // z = 2·3 + 0.5 = 6.5, identity; mse mean against 6: loss 0.25, dL/dz = 1, dL/dW = 3, dL/db = 1.
        Body body = Body.parse("""
                {
                  "network": { "inputShape": [1], "layers": [{ "type": "dense", "units": 1 }], "loss": { "type": "mse" } },
                  "weights": { "layer1": { "W": { "shape": [1, 1], "data": [2] }, "b": [0.5] } },
                  "inputs": %s,
                  "targets": [[6]],
                  "include": ["inputGradients"]
                }
                """.formatted(Tensors.base64(new int[] {1, 1}, false, 3)));
        JsonNode answer = answer(GRADIENTS, body);
        assertThat(answer.get("loss").doubleValue()).isEqualTo(0.25);
        assertThat(answer.get("outputs")).hasToString("[[6.5]]");
        assertThat(answer.get("gradients").get("layer1").get("W")).hasToString("[[3.0]]");
        assertThat(answer.get("gradients").get("layer1").get("b")).hasToString("[1.0]");
        assertThat(answer.get("inputGradients")).hasToString("[[2.0]]");
    }

    @Test
    void emptyBatchIsRefusedInEveryEncoding() throws Exception {
        for (String empty : List.of("{\"shape\": [0, 2], \"data\": []}", "{\"shape\": [0, 2], \"base64\": \"\"}")) {
            send(GRADIENTS, Body.workedExample().set("/inputs", empty))
                    .andExpect(problem(422, "/inputs", "the batch is empty"));
        }
    }

    /** Every tensor of {@code actual}, in any encoding, holds exactly the numbers of the nested one in {@code nested}. */
    private static void assertSameTensors(JsonNode actual, JsonNode nested, String path) {
        if (nested.isArray()) {
            Tensors.Read read = Tensors.read(actual);
            assertThat(read.shape()).as(path).containsExactly(Tensors.shape(nested));
            assertThat(read.data()).as(path).containsExactly(Tensors.data(nested));
        } else if (nested.isObject()) {
            assertThat(actual.propertyNames()).as(path).containsExactlyElementsOf(nested.propertyNames());
            for (String name : nested.propertyNames()) {
                if (!name.equals("loss")) {
                    assertSameTensors(actual.get(name), nested.get(name), path + "/" + name);
                }
            }
        }
    }

    private static double[] gradients(JsonNode answer) {
        List<Double> all = new ArrayList<>();
        answer.get("gradients").forEachEntry((layer, parameters) -> parameters.forEachEntry((name, tensor) -> {
            for (double value : Tensors.data(tensor)) {
                all.add(value);
            }
        }));
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private static List<String> numbers(String json) {
        List<String> found = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(json);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    /** Digits of the mantissa without leading zeros, e.g. 7 for 0.2983711 and 8 for 4.3856773E-4. */
    private static int significantDigits(String number) {
        String mantissa = number.split("[eE]")[0].replace("-", "").replace(".", "");
        String digits = mantissa.replaceFirst("^0+", "");
        return digits.isEmpty() ? 1 : digits.replaceFirst("0+$", "").length();
    }
}
