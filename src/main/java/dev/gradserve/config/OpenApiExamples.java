package dev.gradserve.config;

import io.swagger.v3.oas.models.examples.Example;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request and answer examples for the API documentation. The answers are what the service gives for
 * the worked example of API.md (OpenApiContractTest checks that it still does).
 */
final class OpenApiExamples {

    /** The 2-2-2 sigmoid network of Mazur's "A Step by Step Backpropagation Example", loss ½·Σ(t − y)². */
    static final String WORKED_EXAMPLE = """
            {
              "network": {
                "inputShape": [2],
                "layers": [
                  {"name": "hidden", "type": "dense", "units": 2, "activation": "sigmoid"},
                  {"name": "output", "type": "dense", "units": 2, "activation": "sigmoid"}
                ],
                "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}
              },
              "weights": {
                "hidden": {"W": [[0.15, 0.2], [0.25, 0.3]], "b": [0.35, 0.35]},
                "output": {"W": [[0.4, 0.45], [0.5, 0.55]], "b": [0.6, 0.6]}
              },
              "inputs": [[0.05, 0.1]],
              "targets": [[0.01, 0.99]]
            }
            """;

    static final String GRADIENTS = """
            {
              "loss": 0.2983711087600027,
              "outputs": [[0.7513650695523157, 0.7729284653214625]],
              "gradients": {
                "hidden": {
                  "W": [[4.3856773447434685E-4, 8.771354689486937E-4], [4.977127352608601E-4, 9.954254705217202E-4]],
                  "b": [0.008771354689486937, 0.009954254705217202]
                },
                "output": {
                  "W": [[0.08216704056423078, 0.08266762784753326], [-0.022602540477475067, -0.02274024221597822]],
                  "b": [0.13849856162855698, -0.03809823651655623]
                }
              }
            }
            """;

    static final String FORWARD = """
            {"outputs": [[0.7513650695523157, 0.7729284653214625]], "loss": 0.2983711087600027}
            """;

    static final String GRADIENT_CHECK = """
            {
              "passed": true,
              "maxRelativeError": 0.0,
              "maxAbsoluteError": 8.014514388515054E-11,
              "epsilon": 1.0E-6,
              "tolerance": 1.0E-6,
              "absoluteTolerance": 1.0E-8,
              "parameters": {
                "hidden": {
                  "W": {"maxRelativeError": 0.0, "maxAbsoluteError": 8.014514388515054E-11, "worstIndex": [1, 0],
                        "analytic": 4.977127352608601E-4, "numeric": 4.97712815406004E-4},
                  "b": {"maxRelativeError": 0.0, "maxAbsoluteError": 3.4676083185414264E-11, "worstIndex": [1],
                        "analytic": 0.009954254705217202, "numeric": 0.009954254670541118}
                },
                "output": {
                  "W": {"maxRelativeError": 0.0, "maxAbsoluteError": 2.39350345099254E-11, "worstIndex": [0, 0],
                        "analytic": 0.08216704056423078, "numeric": 0.08216704058816582},
                  "b": {"maxRelativeError": 0.0, "maxAbsoluteError": 9.263451117291766E-12, "worstIndex": [0],
                        "analytic": 0.13849856162855698, "numeric": 0.13849856161929353}
                }
              }
            }
            """;

    static final String MALFORMED = """
            {"type": "urn:gradserve:problem:malformed-request", "title": "Malformed request", "status": 400,
             "detail": "The body is not JSON of the shape this call takes.", "instance": "/v1/gradients",
             "errors": [{"pointer": "/inputs/1", "message": "ragged array: 1 elements where the first array at this depth has 2"}]}
            """;

    static final String TOO_LARGE = """
            {"type": "urn:gradserve:problem:payload-too-large", "title": "Payload too large", "status": 413,
             "detail": "the request body is larger than the limit of 33554432 bytes", "instance": "/v1/gradients",
             "errors": [{"pointer": "", "message": "the request body is larger than the limit of 33554432 bytes"}]}
            """;

    static final String INVALID = """
            {"type": "urn:gradserve:problem:invalid-request", "title": "Invalid request", "status": 422,
             "detail": "The request was read, but cannot be computed as it is.", "instance": "/v1/gradients",
             "errors": [{"pointer": "/weights/hidden/W", "message": "expected shape [2, 2], got [2, 3]"}]}
            """;

    static final String NON_FINITE = """
            {"type": "urn:gradserve:problem:non-finite-result", "title": "Result is not finite", "status": 422,
             "detail": "The computation overflowed or became undefined, and JSON cannot carry NaN or Infinity.",
             "instance": "/v1/gradients",
             "errors": [{"pointer": "/network/layers/0", "message": "the pre-activation z of layer 'hidden' is not finite: \
            Infinity at [0, 0]; smaller weights, inputs or learning rates keep it in range"}]}
            """;

    static final String INTERNAL = """
            {"type": "urn:gradserve:problem:internal-error", "title": "Internal error", "status": 500,
             "detail": "The server failed to answer this request; it has been logged.", "instance": "/v1/gradients",
             "errors": []}
            """;

    private OpenApiExamples() {}

    /** The examples as components, by the name the calls refer to them with. */
    static Map<String, Example> all() {
        Map<String, Example> examples = new LinkedHashMap<>();
        examples.put("workedExample", example("The worked example of API.md", WORKED_EXAMPLE));
        examples.put("gradientsAnswer", example("The gradients of the worked example", GRADIENTS));
        examples.put("forwardAnswer", example("The forward pass of the worked example", FORWARD));
        examples.put("gradientCheckAnswer", example("The gradient check of the worked example", GRADIENT_CHECK));
        examples.put("malformedRequest", example("Ragged nested arrays", MALFORMED));
        examples.put("payloadTooLarge", example("A body over the default limit of 32MB", TOO_LARGE));
        examples.put("invalidRequest", example("Weights of the wrong shape", INVALID));
        examples.put("nonFiniteResult", example("A layer that overflows", NON_FINITE));
        examples.put("internalError", example("A fault of the server", INTERNAL));
        return examples;
    }

    /** The example's value as plain maps, lists and numbers, which is what the OpenAPI model writes. */
    private static Example example(String summary, String json) {
        return new Example().summary(summary).value(JsonMapper.shared().readValue(json, Object.class));
    }
}
