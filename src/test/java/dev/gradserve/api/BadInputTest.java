package dev.gradserve.api;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * Every class of bad input gets a 4xx problem that points at the spot and says what was expected;
 * none gets a 5xx. 400: the body cannot be read as the request; 422: read, but not computable;
 * 413: too big to read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest extends HttpTestBase {

    /** A one-unit identity network, small enough to reason about by hand. */
    private static final String SINGLE_UNIT = """
            {
              "network": { "inputShape": [1], "layers": [{ "type": "dense", "units": 1 }], "loss": { "type": "mse" } },
              "weights": { "layer1": { "W": [[1.0]], "b": [0.0] } },
              "inputs": [[1.0]],
              "targets": [[0.0]]
            }
            """;

    /** The worked example cut off inside the loss object, at line 8. */
    private static final String TRUNCATED = Body.WORKED_EXAMPLE.substring(0, Body.WORKED_EXAMPLE.indexOf("\"reduction"));

    private static final long MAX_BODY = 32L * 1024 * 1024;

    // ---- bodies that are not JSON, or not JSON at all ----

    @Test
    void truncatedBodyIsMalformedJsonWithLineAndColumn() throws Exception {
        send(GRADIENTS, TRUNCATED)
                .andExpect(problem(400, "/network/loss", "malformed JSON", "line 8", "end-of-input"))
                .andExpect(jsonPath("$.type").value("urn:gradserve:problem:malformed-request"));
    }

    @Test
    void emptyBodyIsRefusedAsMissing() throws Exception {
        send(GRADIENTS, "").andExpect(problem(400, "", "a JSON body is required"));
    }

    @Test
    void bodyThatIsNotAnObjectIsRefusedAtTheRoot() throws Exception {
        send(GRADIENTS, "[1, 2]").andExpect(problem(400, "", "expected an object, got an array"));
    }

    @Test
    void trailingContentAfterTheBodyIsRefusedAsSuch() throws Exception {
        send(GRADIENTS, Body.WORKED_EXAMPLE + " {}").andExpect(problem(400, "", "trailing"));
    }

    @Test
    void duplicatedKeyIsRefusedAtThatKey() throws Exception {
        String duplicated = Body.workedExample().json().replace("\"inputs\":", "\"inputs\":[[1,2]],\"inputs\":");
        send(GRADIENTS, duplicated).andExpect(problem(400, "/inputs", "Duplicate", "inputs"));
    }

    @Test
    void deeplyNestedJsonIsRefusedNot500() throws Exception {
        String nested = "[".repeat(2000) + "]".repeat(2000);
        send(GRADIENTS, Body.workedExample().json().replace("\"inputs\":[[0.05,0.10]]", "\"inputs\":" + nested))
                .andExpect(problem(400, "/inputs", "nesting depth"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {GRADIENTS, FORWARD, GRADIENT_CHECKS})
    void everyEndpointRefusesMalformedJsonWith400(String path) throws Exception {
        send(path, TRUNCATED).andExpect(problem(400, "/network/loss", "malformed JSON"));
    }

    // ---- HTTP: media type, path, method ----

    @Test
    void wrongContentTypeIs415Problem() throws Exception {
        mvc.perform(post(GRADIENTS).contentType(MediaType.TEXT_PLAIN).content(Body.WORKED_EXAMPLE))
                .andExpect(problemOf(415))
                .andExpect(jsonPath("$.detail").value(containsString("text/plain")));
    }

    @Test
    void unknownPathIs404Problem() throws Exception {
        mvc.perform(post("/v1/gradient").contentType(MediaType.APPLICATION_JSON).content(Body.WORKED_EXAMPLE))
                .andExpect(problemOf(404));
    }

    @Test
    void getOnAPostPathIs405ProblemNamingPost() throws Exception {
        mvc.perform(get(GRADIENTS))
                .andExpect(problemOf(405))
                .andExpect(header().string("Allow", containsString("POST")));
    }

    // ---- readable JSON, but not the request's shape: 400 ----

    @Test
    void misspeltLayerFieldIsRefusedWithPointerAndKnownFields() throws Exception {
        send(GRADIENTS, Body.workedExample().rename("/network/layers/0/units", "untis"))
                .andExpect(problem(400, "/network/layers/0/untis", "unknown field 'untis'", "units", "activation", "useBias"));
    }

    @Test
    void misspeltTopLevelFieldIsRefusedWithPointerAndKnownFields() throws Exception {
        send(GRADIENTS, Body.workedExample().rename("/inputs", "input"))
                .andExpect(problem(400, "/input", "unknown field 'input'", "inputs", "targets", "weights"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "/network/layers/0/units   | '\"2\"'       | expected an integer, got a string",
            "/network/layers/0/units   | 2.5           | expected an integer, got a number with a fraction",
            "/network/layers           | '{\"a\": 1}'  | expected an array, got an object",
            "/network/layers/0/useBias | '\"yes\"'     | expected true or false, got a string",
            "/network/layers/0/name    | 5             | expected a string, got an integer",
            "/init/seed                | '\"x\"'       | expected an integer, got a string",
    })
    void wrongJsonTypeIsRefusedWithPointerAndExpectedType(String pointer, String value, String message) throws Exception {
        Body body = Body.workedExample();
        if (pointer.startsWith("/init")) {
            body.remove("/weights").set("/init", "{\"scheme\": \"he_normal\"}");
        }
        send(GRADIENTS, body.set(pointer, value)).andExpect(problem(400, pointer, message));
    }

    @Test
    void integerBeyondIntRangeIsRefusedAtItsFieldWithoutCallingTheJsonMalformed() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/network/layers/0/units", "99999999999"))
                .andExpect(problem(400, "/network/layers/0/units", "out of range"))
                .andExpect(jsonPath("$.errors[0].message").value(not(containsString("malformed"))));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "/network/layers/0/activation      | '\"sigmod\"'                            | unknown activation 'sigmod' | sigmoid, tanh, relu, leaky_relu",
            "/network/layers/0/activation/type | '{\"type\": \"leaky\", \"alpha\": 0.2}' | unknown value 'leaky'       | leaky_relu, elu",
            "/network/loss/type                | '\"mae\"'                               | unknown value 'mae'         | mse, binary_cross_entropy, cross_entropy, multiclass_hinge",
            "/network/loss/reduction           | '\"avg\"'                               | unknown value 'avg'         | mean, sum",
            "/dtype                            | '\"float16\"'                           | unknown value 'float16'     | float64, float32",
            "/include/0                        | '\"gradient\"'                          | unknown value 'gradient'    | activations, deltas, inputGradients, gradientNorms, perExampleGradients, gradients, weights",
            "/tensorEncoding                   | '\"hex\"'                               | unknown value 'hex'         | nested, flat, base64",
            "/init/scheme                      | '\"glorot\"'                            | unknown value 'glorot'      | xavier_uniform, xavier_normal, he_uniform, he_normal",
    })
    void unknownEnumValueIsRefusedWithPointerAndAllowedValues(String pointer, String value, String unknown, String allowed)
            throws Exception {
        Body body = Body.workedExample();
        if (pointer.startsWith("/include")) {
            body.set("/include", "[]");
        }
        if (pointer.startsWith("/init")) {
            body.remove("/weights").set("/init", "{}");
        }
        String target = pointer.endsWith("activation/type") ? "/network/layers/0/activation" : pointer;
        send(GRADIENTS, body.set(target, value)).andExpect(problem(400, pointer, unknown, "allowed", allowed));
    }

    @Test
    void unknownLayerTypeIsRefusedAtTheTypeWithAllowedTypes() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/network/layers/0/type", "\"conv\""))
                .andExpect(problem(400, "/network/layers/0/type", "unknown layer type 'conv'", "allowed: dense"));
    }

    @Test
    void missingLayerTypeIsRefusedAtTheTypeWithAllowedTypes() throws Exception {
        send(GRADIENTS, Body.workedExample().remove("/network/layers/1/type"))
                .andExpect(problem(400, "/network/layers/1/type", "required: the layer type", "dense"));
    }

    @Test
    void raggedInputsAreRefusedAtTheRaggedRow() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/inputs", "[[0.05, 0.1], [0.2]]").set("/targets", "[[0.01, 0.99], [0.1, 0.2]]"))
                .andExpect(problem(400, "/inputs/1", "ragged", "1 elements", "has 2"));
    }

    @Test
    void stringInsideATensorIsRefusedAtThatElement() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/inputs", "[[0.05, \"0.1\"]]"))
                .andExpect(problem(400, "/inputs/0/1", "expected a number, got a string"));
    }

    @Test
    void flatTensorWhoseDataDoesNotFillItsShapeIsRefused() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/inputs", "{\"shape\": [1, 2], \"data\": [0.05]}"))
                .andExpect(problem(400, "/inputs/data", "shape [1, 2] holds 2 elements", "\"data\" has 1"));
    }

    @Test
    void base64TensorWithTheWrongByteCountIsRefused() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/inputs", Tensors.base64(new int[] {1, 2}, false, 0.05)))
                .andExpect(problem(400, "/inputs/base64", "needs 16 bytes", "holds 8"));
    }

    @Test
    void invalidBase64IsRefused() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/inputs", "{\"shape\": [1, 2], \"base64\": \"!!!\"}"))
                .andExpect(problem(400, "/inputs/base64", "not valid base64"));
    }

    @Test
    void aCharacterBeyondAsciiInBase64IsNamedNotMistakenForALetter() throws Exception {
        // U+0141 narrowed to a byte would be 'A'; base64 of 16 bytes is 24 characters
        String text = "mpmZmZmZqT+amZmZmZm5P" + "\u0141" + "==";
        send(GRADIENTS, Body.workedExample().set("/inputs", "{\"shape\": [1, 2], \"base64\": \"" + text + "\"}"))
                .andExpect(problem(400, "/inputs/base64", "not valid base64", "U+0141 at index 21"));
    }

    @Test
    void unknownFieldInsideATensorObjectIsRefusedWithKnownFields() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/inputs", "{\"shape\": [1, 2], \"data\": [0.05, 0.1], \"dtyp\": \"float64\"}"))
                .andExpect(problem(400, "/inputs/dtyp", "unknown field 'dtyp'", "shape, data, dtype, base64"));
    }

    // ---- read, but invalid: 422 ----

    @ParameterizedTest(name = "without {0}")
    @CsvSource(delimiter = '|', value = {
            "/network                 | must not be null",
            "/inputs                  | must not be null",
            "/targets                 | outputGradients",
            "/network/loss/type       | must not be null",
            "/network/layers/0/units  | must not be null",
            "/network/inputShape      | must not be empty",
    })
    void missingRequiredFieldIs422AtThatField(String pointer, String message) throws Exception {
        send(GRADIENTS, Body.workedExample().remove(pointer))
                .andExpect(problem(422, pointer, message))
                .andExpect(jsonPath("$.type").value("urn:gradserve:problem:invalid-request"));
    }

    @Test
    void emptyLayerListIs422() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/network/layers", "[]"))
                .andExpect(problem(422, "/network/layers", "must not be empty"));
    }

    @ParameterizedTest(name = "units = {0}")
    @ValueSource(ints = {0, -3})
    void unitsThatAreNotPositiveAre422(int units) throws Exception {
        send(GRADIENTS, Body.workedExample().set("/network/layers/0/units", Integer.toString(units)))
                .andExpect(problem(422, "/network/layers/0/units", "greater than 0"));
    }

    @Test
    void duplicateLayerNamesAre422AtTheSecondName() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/network/layers/1/name", "\"hidden\""))
                .andExpect(problem(422, "/network/layers/1/name", "'hidden' is already used by layer 0"));
    }

    @Test
    void alphaGivenToSigmoidIs422() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/network/layers/0/activation", "{\"type\": \"sigmoid\", \"alpha\": 0.2}"))
                .andExpect(problem(422, "/network/layers/0/activation/alpha", "sigmoid takes no alpha", "leaky_relu and elu"));
    }

    @Test
    void nonFiniteAlphaIs422() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/network/layers/0/activation", "{\"type\": \"leaky_relu\", \"alpha\": 1e400}"))
                .andExpect(problem(422, "/network/layers/0/activation/alpha", "finite"));
    }

    @Test
    void marginGivenToMseIs422() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/network/loss/margin", "1"))
                .andExpect(problem(422, "/network/loss/margin", "only multiclass_hinge takes a margin"));
    }

    @Test
    void weightOfWrongShapeIs422NamingExpectedAndActualShapes() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/weights/hidden/W", "[[0.15, 0.2, 0.1], [0.25, 0.3, 0.1]]"))
                .andExpect(problem(422, "/weights/hidden/W", "expected shape [2, 2], got [2, 3]"));
    }

    @Test
    void missingLayerInWeightsIs422ListingItsParameters() throws Exception {
        send(GRADIENTS, Body.workedExample().remove("/weights/output"))
                .andExpect(problem(422, "/weights/output", "missing weights of layer 'output'", "W [2, 2], b [2]"));
    }

    @Test
    void missingParameterInWeightsIs422WithItsShape() throws Exception {
        send(GRADIENTS, Body.workedExample().remove("/weights/hidden/b"))
                .andExpect(problem(422, "/weights/hidden/b", "missing", "[2]"));
    }

    @Test
    void unknownLayerInWeightsIs422ListingTheLayers() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/weights/hiden", "{\"W\": [[1, 1], [1, 1]]}"))
                .andExpect(problem(422, "/weights/hiden", "no layer 'hiden'", "hidden, output"));
    }

    @Test
    void unknownParameterInWeightsIs422ListingTheParameters() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/weights/hidden/B", "[0.35, 0.35]"))
                .andExpect(problem(422, "/weights/hidden/B", "no parameter 'B'", "W [2, 2], b [2]"));
    }

    @Test
    void weightsAndInitTogetherAre422() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/init", "{\"scheme\": \"xavier_uniform\", \"seed\": 1}"))
                .andExpect(problem(422, "/init", "not both"));
    }

    @Test
    void neitherWeightsNorInitIs422() throws Exception {
        send(GRADIENTS, Body.workedExample().remove("/weights"))
                .andExpect(problem(422, "/weights", "required", "init"));
    }

    @Test
    void inputsOfWrongShapeAre422NamingBothShapes() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/inputs", "[[0.05, 0.1, 0.2]]"))
                .andExpect(problem(422, "/inputs", "expected shape [batch, 2], got [1, 3]"));
    }

    @Test
    void singleUnbatchedExampleIs422WithTheHintToWrapIt() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/inputs", "[0.05, 0.1]"))
                .andExpect(problem(422, "/inputs", "expected shape [batch, 2], got [2]", "wrap a single example in an outer array"));
    }

    @Test
    void infiniteInputIs422NamingTheElement() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/inputs", "[[0.05, 1e400]]"))
                .andExpect(problem(422, "/inputs", "element [0, 1]", "Infinity", "finite"));
    }

    @Test
    void float32WeightBeyondFloatRangeIs422NamingTheElement() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/dtype", "\"float32\"").set("/weights/output/W/1/0", "1e39"))
                .andExpect(problem(422, "/weights/output/W", "element [1, 0]", "does not fit in float32"));
    }

    @Test
    void targetsOfWrongShapeAre422NamingBothShapes() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/targets", "[[0.01, 0.99, 0.5]]"))
                .andExpect(problem(422, "/targets", "expected shape [1, 2]", "got [1, 3]"));
    }

    @ParameterizedTest(name = "targets = {0}")
    @CsvSource(delimiter = '|', value = {
            "[0, 2]   | /targets/1 | got 2.0",
            "[0.5, 1] | /targets/0 | got 0.5",
            "[-1, 0]  | /targets/0 | got -1.0",
    })
    void classIndexOutOfRangeOrNotIntegerIs422AtThatIndex(String targets, String pointer, String got) throws Exception {
        Body body = Body.workedExample()
                .set("/network/layers/1/activation", "\"softmax\"")
                .set("/network/loss", "{\"type\": \"cross_entropy\"}")
                .set("/inputs", "[[0.05, 0.1], [0.2, 0.3]]")
                .set("/targets", targets);
        send(GRADIENTS, body).andExpect(problem(422, pointer, "class index must be an integer from 0 to 1", got));
    }

    @Test
    void multiclassHingeWithProbabilityTargetsIs422AskingForClassIndices() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/network/loss", "{\"type\": \"multiclass_hinge\"}"))
                .andExpect(problem(422, "/targets", "expected shape [1] (class indices)", "got [1, 2]"));
    }

    @Test
    void targetsWithoutALossAre422AtTheLoss() throws Exception {
        send(GRADIENTS, Body.workedExample().remove("/network/loss"))
                .andExpect(problem(422, "/network/loss", "required when targets are given"));
    }

    @Test
    void lossThatOverflowsIs422NonFiniteAtTheLoss() throws Exception {
        send(GRADIENTS, Body.parse(SINGLE_UNIT).set("/inputs", "[[1e300]]"))
                .andExpect(problem(422, "/network/loss", "the loss is Infinity"))
                .andExpect(jsonPath("$.type").value("urn:gradserve:problem:non-finite-result"));
    }

    @Test
    void preActivationThatOverflowsIs422NonFiniteAtTheLayer() throws Exception {
        send(GRADIENTS, Body.parse(SINGLE_UNIT).set("/inputs", "[[1e300]]").set("/weights/layer1/W", "[[1e10]]"))
                .andExpect(problem(422, "/network/layers/0", "pre-activation z of layer 'layer1'", "not finite"))
                .andExpect(jsonPath("$.type").value("urn:gradserve:problem:non-finite-result"));
    }

    @Test
    void binaryCrossEntropyOnReluOutputsAboveOneIs422() throws Exception {
        Body body = Body.parse(SINGLE_UNIT)
                .set("/network/layers/0/activation", "\"relu\"")
                .set("/network/loss/type", "\"binary_cross_entropy\"")
                .set("/weights/layer1/W", "[[2.0]]")
                .set("/targets", "[[1.0]]");
        send(GRADIENTS, body).andExpect(problem(422, "/network/loss", "binary_cross_entropy needs outputs in [0, 1]", "2.0"));
    }

    // ---- limits ----

    @Test
    void batchOverTheLimitIs422() throws Exception {
        String rows = "[" + String.join(",", Collections.nCopies(10_001, "[0.5]")) + "]";
        send(GRADIENTS, Body.parse(SINGLE_UNIT).set("/inputs", rows).set("/targets", rows))
                .andExpect(problem(422, "/inputs", "batch size 10001 is over the limit of 10000"));
    }

    @Test
    void networkWithTooManyParametersIs422BeforeAnythingIsAllocated() throws Exception {
        String inputs = "[[" + String.join(",", Collections.nCopies(1000, "0.1")) + "]]";
        Body body = Body.parse(SINGLE_UNIT)
                .set("/network/inputShape", "[1000]")
                .set("/network/layers/0/units", "100000")
                .remove("/weights")
                .set("/init", "{\"scheme\": \"he_normal\", \"seed\": 1}")
                .set("/inputs", inputs)
                .remove("/targets");
        send(FORWARD, body).andExpect(problem(422, "/network/layers", "100100000 parameters", "at most 10000000"));
    }

    @Test
    void gradientCheckOfTooManyParametersIs422() throws Exception {
        String inputs = "[[" + String.join(",", Collections.nCopies(100, "0.1")) + "]]";
        String targets = "[[" + String.join(",", Collections.nCopies(200, "0.0")) + "]]";
        Body body = Body.parse(SINGLE_UNIT)
                .set("/network/inputShape", "[100]")
                .set("/network/layers/0/units", "200")
                .remove("/weights")
                .set("/init", "{\"scheme\": \"xavier_uniform\"}")
                .set("/inputs", inputs)
                .set("/targets", targets);
        send(GRADIENT_CHECKS, body).andExpect(problem(422, "/network/layers", "20200 parameters", "at most 20000"));
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        byte[] body = largeBody(MAX_BODY + 1024);
        mvc.perform(post(GRADIENTS).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(problem(413, "", "larger than the limit of " + MAX_BODY + " bytes"))
                .andExpect(jsonPath("$.type").value("urn:gradserve:problem:payload-too-large"));
    }

    @Test
    void declaredContentLengthOverTheLimitIs413BeforeReading() throws Exception {
        mvc.perform(new RawPost(MAX_BODY + 1, Body.WORKED_EXAMPLE.getBytes(StandardCharsets.UTF_8)).uri(GRADIENTS)
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(problem(413, "", "larger than the limit"));
    }

    @Test
    void streamedBodyWithoutLengthIsCutOffAt413() throws Exception {
        mvc.perform(new RawPost(-1, null).uri(GRADIENTS).contentType(MediaType.APPLICATION_JSON))
                .andExpect(problem(413, "", "larger than the limit"));
    }

    // ---- and the service is still fine ----

    @Test
    @Order(Integer.MAX_VALUE)
    void afterBadRequestsTheWorkedExampleStillAnswersCorrectly() throws Exception {
        send(GRADIENTS, "{").andExpect(status().isBadRequest());
        send(GRADIENTS, Body.parse(SINGLE_UNIT).set("/inputs", "[[1e300]]")).andExpect(status().is(422));
        send(GRADIENTS, Body.workedExample().set("/weights/hidden/W", "[[1]]")).andExpect(status().is(422));
        send(GRADIENTS, Body.workedExample())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.loss").value(closeTo(0.298371109, 1e-9), Double.class))
                .andExpect(jsonPath("$.outputs[0][0]").value(closeTo(0.75136507, 1e-8), Double.class))
                .andExpect(jsonPath("$.outputs[0][1]").value(closeTo(0.772928465, 1e-9), Double.class))
                .andExpect(jsonPath("$.gradients.output.W[0][0]").value(closeTo(0.082167041, 1e-9), Double.class));
    }

    /** {"inputs": [[0.05, 0.1], [0.05, 0.1], ... of at least {@code size} bytes. */
    private static byte[] largeBody(long size) {
        String row = "[0.05, 0.1],";
        StringBuilder text = new StringBuilder((int) size + 64).append("{\"inputs\": [");
        while (text.length() < size) {
            text.append(row);
        }
        return text.append("[0.05, 0.1]]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A POST whose declared length is {@code declaredLength} (-1: none, as a chunked body); without
     * content it streams an endless JSON array, the way a client that never stops sending would.
     */
    private static final class RawPost extends AbstractMockHttpServletRequestBuilder<RawPost> {

        private final long declaredLength;
        private final byte[] content;

        RawPost(long declaredLength, byte[] content) {
            super(HttpMethod.POST);
            this.declaredLength = declaredLength;
            this.content = content;
        }

        @Override
        protected MockHttpServletRequest createServletRequest(ServletContext servletContext) {
            return new MockHttpServletRequest(servletContext) {
                @Override
                public int getContentLength() {
                    return declaredLength > Integer.MAX_VALUE ? -1 : (int) declaredLength;
                }

                @Override
                public long getContentLengthLong() {
                    return declaredLength;
                }

                @Override
                public ServletInputStream getInputStream() {
                    return content != null ? new BytesStream(content) : new EndlessArray();
                }
            };
        }
    }

    private static class BytesStream extends ServletInputStream {

        private final byte[] bytes;
        private int position;

        BytesStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public boolean isFinished() {
            return position >= bytes.length;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }

    /** {"inputs": [[0.5], [0.5], ... without end. */
    private static final class EndlessArray extends ServletInputStream {

        private static final byte[] HEAD = "{\"inputs\": [".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] ROW = "[0.5], ".getBytes(StandardCharsets.US_ASCII);
        private long position;

        @Override
        public int read() {
            long p = position++;
            return p < HEAD.length ? HEAD[(int) p] : ROW[(int) ((p - HEAD.length) % ROW.length)];
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
