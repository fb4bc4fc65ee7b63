package dev.gradserve.config;

import io.swagger.v3.oas.models.examples.Example;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request and answer examples for the API documentation. The answers are what the service gives for
 * the worked example of API.md, stateless and as a session taking one sgd step (OpenApiContractTest
 * checks that it still does; ids and timestamps are those of the run they were taken from).
 */
final class OpenApiExamples {

    /** The 2-2-2 sigmoid network of Mazur's "A Step by Step Backpropagation Example", loss ½·Σ(t − y)². */
    private static final String NETWORK = """
            {
                "inputShape": [2],
                "layers": [
                  {"name": "hidden", "type": "dense", "units": 2, "activation": "sigmoid"},
                  {"name": "output", "type": "dense", "units": 2, "activation": "sigmoid"}
                ],
                "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}
            }""";

    /** w1..w8 = 0.15 … 0.55, biases 0.35 and 0.60. */
    static final String WORKED_WEIGHTS = """
            {
                "hidden": {"W": [[0.15, 0.2], [0.25, 0.3]], "b": [0.35, 0.35]},
                "output": {"W": [[0.4, 0.45], [0.5, 0.55]], "b": [0.6, 0.6]}
            }""";

    /** The example's one batch: input [0.05, 0.10], target [0.01, 0.99]. */
    static final String BATCH = """
            {"inputs": [[0.05, 0.1]], "targets": [[0.01, 0.99]]}""";

    static final String WORKED_EXAMPLE = """
            {"network": %s, "weights": %s, "inputs": [[0.05, 0.1]], "targets": [[0.01, 0.99]]}
            """.formatted(NETWORK, WORKED_WEIGHTS);

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

    /* The chain rule's first example: f = (x + y)·z at x = -2, y = 5, z = -4. */

    static final String EXPRESSION = """
            {"expression": "(x + y) * z", "at": {"x": -2, "y": 5, "z": -4}}
            """;

    static final String EXPRESSION_ANSWER = """
            {
              "value": -12.0,
              "gradients": {"x": -4.0, "y": -4.0, "z": 3.0},
              "graph": {
                "nodes": [
                  {"id": 0, "op": "variable", "name": "x", "inputs": [], "value": -2.0, "gradient": -4.0},
                  {"id": 1, "op": "variable", "name": "y", "inputs": [], "value": 5.0, "gradient": -4.0},
                  {"id": 2, "op": "variable", "name": "z", "inputs": [], "value": -4.0, "gradient": 3.0},
                  {"id": 3, "op": "+", "inputs": [0, 1], "value": 3.0, "gradient": -4.0},
                  {"id": 4, "op": "*", "inputs": [3, 2], "value": -12.0, "gradient": 1.0}
                ],
                "edges": [
                  {"from": 0, "to": 3, "localDerivative": 1.0},
                  {"from": 1, "to": 3, "localDerivative": 1.0},
                  {"from": 3, "to": 4, "localDerivative": -4.0},
                  {"from": 2, "to": 4, "localDerivative": 3.0}
                ]
              }
            }
            """;

    static final String INVALID_EXPRESSION = """
            {"type": "urn:gradserve:problem:invalid-request", "title": "Invalid request", "status": 422,
             "detail": "The request was read, but cannot be computed as it is.", "instance": "/v1/expressions/gradients",
             "errors": [{"pointer": "/expression", "message": "at 9: expected an operand after '*', got the end of the \
            expression\\n(x + y) *\\n         ^"}]}
            """;

    static final String NON_FINITE_EXPRESSION = """
            {"type": "urn:gradserve:problem:non-finite-result", "title": "Result is not finite", "status": 422,
             "detail": "The computation overflowed or became undefined, and JSON cannot carry NaN or Infinity.",
             "instance": "/v1/expressions/gradients",
             "errors": [{"pointer": "/expression", "message": "at 4: node 1 (log): log(-1.0) = NaN\\nx * log(x)\\n    ^"}]}
            """;

    /* The worked example as a training session (POST /v1/sessions, then one step of sgd with learning rate 0.5). */

    static final String SESSION = """
            {"network": %s, "weights": %s, "optimizer": {"type": "sgd", "learningRate": 0.5}}
            """.formatted(NETWORK, WORKED_WEIGHTS);

    private static final String OPTIMIZER_WITH_DEFAULTS = """
            {"type": "sgd", "learningRate": 0.5, "momentum": 0.0, "dampening": 0.0, "nesterov": false, "weightDecay": 0.0}""";

    static final String SESSION_CREATED = """
            {"id": "05c27b60-97aa-4463-94db-93bf7ceb6d7a", "network": %s, "optimizer": %s, "dtype": "float64",
             "step": 0, "version": 0, "lastLoss": null,
             "createdAt": "2026-11-28T01:48:32.684454707Z", "updatedAt": "2026-11-28T01:48:32.684454707Z"}
            """.formatted(NETWORK, OPTIMIZER_WITH_DEFAULTS);

    static final String STEP = """
            {"inputs": [[0.05, 0.1]], "targets": [[0.01, 0.99]], "include": ["weights", "gradients"]}
            """;

    /** API.md: output W [[0.35891648, 0.408666186], [0.511301270, 0.561370121]], hidden W [[0.149780716, 0.19956143], …]. */
    private static final String WEIGHTS_AFTER_STEP = """
            {
                "hidden": {
                  "W": [[0.1497807161327628, 0.19956143226552567], [0.24975114363236958, 0.29950228726473915]],
                  "b": [0.3456143226552565, 0.3450228726473914]
                },
                "output": {
                  "W": [[0.35891647971788465, 0.4086661860762334], [0.5113012702387375, 0.5613701211079891]],
                  "b": [0.5307507191857215, 0.6190491182582781]
                }
            }""";

    private static final String GRADIENTS_OF_WEIGHTS = """
            {
                "hidden": {
                  "W": [[4.3856773447434685E-4, 8.771354689486937E-4], [4.977127352608601E-4, 9.954254705217202E-4]],
                  "b": [0.008771354689486937, 0.009954254705217202]
                },
                "output": {
                  "W": [[0.08216704056423078, 0.08266762784753326], [-0.022602540477475067, -0.02274024221597822]],
                  "b": [0.13849856162855698, -0.03809823651655623]
                }
            }""";

    static final String STEP_ANSWER = """
            {"step": 1, "version": 1, "loss": 0.2983711087600027, "gradients": %s, "weights": %s}
            """.formatted(GRADIENTS_OF_WEIGHTS, WEIGHTS_AFTER_STEP);

    /** Gradients computed elsewhere: here the worked example's own, applied to its original weights. */
    static final String UPDATE = """
            {"gradients": %s, "include": ["weights"]}
            """.formatted(GRADIENTS_OF_WEIGHTS);

    static final String UPDATE_ANSWER = """
            {"step": 2, "version": 3, "weights": %s}
            """.formatted(WEIGHTS_AFTER_STEP);

    static final String SESSION_AFTER_STEP = """
            {"id": "05c27b60-97aa-4463-94db-93bf7ceb6d7a", "network": %s, "optimizer": %s, "dtype": "float64",
             "step": 1, "version": 1, "lastLoss": 0.2983711087600027,
             "createdAt": "2026-11-28T01:48:32.684454707Z", "updatedAt": "2026-11-28T01:48:33.493269946Z"}
            """.formatted(NETWORK, OPTIMIZER_WITH_DEFAULTS);

    static final String CHECKPOINT = """
            {"network": %s, "dtype": "float64", "optimizer": %s, "weights": %s, "optimizerState": {}, "step": 1,
             "lastLoss": 0.2983711087600027}
            """.formatted(NETWORK, OPTIMIZER_WITH_DEFAULTS, WEIGHTS_AFTER_STEP);

    static final String RESTORE = """
            {"checkpoint": %s}
            """.formatted(CHECKPOINT);

    static final String RESTORED = """
            {"id": "71b50f41-0017-4602-b554-65cf4401780a", "network": %s, "optimizer": %s, "dtype": "float64",
             "step": 1, "version": 0, "lastLoss": 0.2983711087600027,
             "createdAt": "2026-11-28T01:48:39.031841840Z", "updatedAt": "2026-11-28T01:48:39.031841840Z"}
            """.formatted(NETWORK, OPTIMIZER_WITH_DEFAULTS);

    /* The problems of sessions. */

    static final String BAD_PARAMETER = """
            {"type": "urn:gradserve:problem:bad-request", "title": "Bad Request", "status": 400,
             "detail": "Failed to convert 'tensorEncoding' with value: 'bogus'",
             "instance": "/v1/sessions/05c27b60-97aa-4463-94db-93bf7ceb6d7a/weights",
             "errors": [{"pointer": "", "message": "Failed to convert 'tensorEncoding' with value: 'bogus'"}]}
            """;

    static final String SESSION_NOT_FOUND = """
            {"type": "urn:gradserve:problem:session-not-found", "title": "Session not found", "status": 404,
             "detail": "no session '05c27b60-97aa-4463-94db-93bf7ceb6d7a'; it may have expired after a period without use, \
            or been deleted", "instance": "/v1/sessions/05c27b60-97aa-4463-94db-93bf7ceb6d7a", "errors": []}
            """;

    static final String VERSION_MISMATCH = """
            {"type": "urn:gradserve:problem:version-mismatch", "title": "Version mismatch", "status": 412,
             "detail": "the session is at version 1, not 0; read it again and retry",
             "instance": "/v1/sessions/05c27b60-97aa-4463-94db-93bf7ceb6d7a/weights", "errors": [], "currentVersion": 1}
            """;

    static final String INVALID_SESSION = """
            {"type": "urn:gradserve:problem:invalid-request", "title": "Invalid request", "status": 422,
             "detail": "The request was read, but cannot be computed as it is.", "instance": "/v1/sessions",
             "errors": [{"pointer": "/network/loss", "message": "required: a session trains on a loss"},
                        {"pointer": "/optimizer/beta1", "message": "must be in [0, 1.0), got 1.5"}]}
            """;

    static final String INVALID_WEIGHTS = """
            {"type": "urn:gradserve:problem:invalid-request", "title": "Invalid request", "status": 422,
             "detail": "The request was read, but cannot be computed as it is.",
             "instance": "/v1/sessions/05c27b60-97aa-4463-94db-93bf7ceb6d7a/weights",
             "errors": [{"pointer": "/hidden/W", "message": "expected shape [2, 2], got [2, 3]"}]}
            """;

    static final String INVALID_BATCH = """
            {"type": "urn:gradserve:problem:invalid-request", "title": "Invalid request", "status": 422,
             "detail": "The request was read, but cannot be computed as it is.",
             "instance": "/v1/sessions/05c27b60-97aa-4463-94db-93bf7ceb6d7a/steps",
             "errors": [{"pointer": "/inputs", "message": "expected shape [batch, 2], got [1, 3]"}]}
            """;

    static final String NON_FINITE_STEP = """
            {"type": "urn:gradserve:problem:non-finite-result", "title": "Result is not finite", "status": 422,
             "detail": "The computation overflowed or became undefined, and JSON cannot carry NaN or Infinity.",
             "instance": "/v1/sessions/05c27b60-97aa-4463-94db-93bf7ceb6d7a/steps",
             "errors": [{"pointer": "/network/loss", "message": "the update would make hidden.b[1] -Infinity; nothing was \
            changed (a smaller learning rate or clipNorm keeps it finite)"}]}
            """;

    static final String KEY_REUSED = """
            {"type": "urn:gradserve:problem:idempotency-key-reused", "title": "Idempotency-Key reused", "status": 422,
             "detail": "Idempotency-Key '7c4e2a90-1b3d-4f5e-8a6b-9c0d1e2f3a4b' was first used with a different request; \
            use a new key for a new step", "instance": "/v1/sessions/05c27b60-97aa-4463-94db-93bf7ceb6d7a/steps",
             "errors": [{"pointer": "", "message": "Idempotency-Key '7c4e2a90-1b3d-4f5e-8a6b-9c0d1e2f3a4b' was first used \
            with a different request; use a new key for a new step"}]}
            """;

    static final String SESSION_LIMIT = """
            {"type": "urn:gradserve:problem:session-limit", "title": "Too many sessions", "status": 503,
             "detail": "the server holds its maximum of 10000 sessions; delete sessions you no longer use, or wait for idle \
            ones to expire", "instance": "/v1/sessions", "errors": []}
            """;

    static final String STORE_UNAVAILABLE = """
            {"type": "urn:gradserve:problem:store-unavailable", "title": "Session store unavailable", "status": 503,
             "detail": "The session store does not answer; nothing was changed. Retry shortly.",
             "instance": "/v1/sessions/05c27b60-97aa-4463-94db-93bf7ceb6d7a/steps", "errors": []}
            """;

    private OpenApiExamples() {}

    /** The examples as components, by the name the calls refer to them with. */
    static Map<String, Example> all() {
        Map<String, Example> examples = new LinkedHashMap<>();
        examples.put("workedExample", example("The worked example of API.md", WORKED_EXAMPLE));
        examples.put("gradientsAnswer", example("The gradients of the worked example", GRADIENTS));
        examples.put("forwardAnswer", example("The forward pass of the worked example", FORWARD));
        examples.put("gradientCheckAnswer", example("The gradient check of the worked example", GRADIENT_CHECK));
        examples.put("expressionRequest", example("f = (x + y)·z at x = -2, y = 5, z = -4", EXPRESSION));
        examples.put("expressionAnswer", example("f = -12, ∂f/∂x = ∂f/∂y = -4, ∂f/∂z = 3, and the graph", EXPRESSION_ANSWER));
        examples.put("invalidExpression", example("An operand missing at the end", INVALID_EXPRESSION));
        examples.put("nonFiniteExpression", example("The log of a negative number", NON_FINITE_EXPRESSION));
        examples.put("sessionRequest", example("The worked example as a session, trained by sgd with learning rate 0.5",
                SESSION));
        examples.put("sessionCreated", example("The worked example's session, at step 0", SESSION_CREATED));
        examples.put("restoreRequest", example("The checkpoint of the worked example's session after one step", RESTORE));
        examples.put("sessionRestored", example("A new session continuing from that checkpoint", RESTORED));
        examples.put("batchRequest", example("The worked example's batch", BATCH));
        examples.put("stepRequest", example("The worked example's batch, asking for the gradients and the new weights", STEP));
        examples.put("stepAnswer", example("One sgd step of the worked example (learning rate 0.5)", STEP_ANSWER));
        examples.put("updateRequest", example("The worked example's gradients, computed elsewhere", UPDATE));
        examples.put("updateAnswer", example("The sgd step they make from the worked example's weights", UPDATE_ANSWER));
        examples.put("sessionAnswer", example("The worked example's session after one step", SESSION_AFTER_STEP));
        examples.put("weightsAfterStep", example("The worked example's weights after one sgd step", WEIGHTS_AFTER_STEP));
        examples.put("checkpointAnswer", example("The worked example's session after one step", CHECKPOINT));
        examples.put("workedWeights", example("The weights of the worked example", WORKED_WEIGHTS));
        examples.put("malformedRequest", example("Ragged nested arrays", MALFORMED));
        examples.put("payloadTooLarge", example("A body over the default limit of 32MB", TOO_LARGE));
        examples.put("invalidRequest", example("Weights of the wrong shape", INVALID));
        examples.put("nonFiniteResult", example("A layer that overflows", NON_FINITE));
        examples.put("internalError", example("A fault of the server", INTERNAL));
        examples.put("badParameter", example("An unknown tensorEncoding", BAD_PARAMETER));
        examples.put("sessionNotFound", example("A session deleted, expired or never created", SESSION_NOT_FOUND));
        examples.put("versionMismatch", example("If-Match \"0\" after a step", VERSION_MISMATCH));
        examples.put("invalidSession", example("A network without a loss, and an Adam beta1 out of range", INVALID_SESSION));
        examples.put("invalidWeights", example("Weights of the wrong shape", INVALID_WEIGHTS));
        examples.put("invalidBatch", example("Inputs of the wrong shape", INVALID_BATCH));
        examples.put("nonFiniteStep", example("An update that overflows", NON_FINITE_STEP));
        examples.put("idempotencyKeyReused", example("A key sent again with another body", KEY_REUSED));
        examples.put("sessionLimit", example("The in-memory store full", SESSION_LIMIT));
        examples.put("storeUnavailable", example("Redis not answering (store redis)", STORE_UNAVAILABLE));
        return examples;
    }

    /** The example's value as plain maps, lists and numbers, which is what the OpenAPI model writes. */
    private static Example example(String summary, String json) {
        return new Example().summary(summary).value(JsonMapper.shared().readValue(json, Object.class));
    }
}
