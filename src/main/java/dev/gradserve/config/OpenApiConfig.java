package dev.gradserve.config;

import dev.gradserve.model.Tensor;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document, served at /v3/api-docs (Swagger UI at /swagger-ui.html) and committed as
 * openapi/openapi.yaml. The records describe themselves with {@code @Schema} and the controllers their
 * calls with {@code @Operation}; this adds what neither says: the conventions and decisions of the API,
 * the tensor and problem schemas, the error answers of every call, and the worked example (stateless,
 * then as a session) as the examples of every call.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String STATELESS = "stateless computation";
    private static final String SESSIONS = "training sessions";
    /** The name of the examples that make up the worked example; a request example and its answer share a name. */
    private static final String WORKED = "workedExample";

    static {
        // Tensor is read by a codec of its own (TensorDeserializer), not as the record it is in Java;
        // EncodedTensor, written by EncodedTensorSerializer, points here with @Schema(implementation = Tensor.class).
        SpringDocUtils.getConfig().replaceWithSchema(Tensor.class, OpenApiSchemas.ref(OpenApiSchemas.TENSOR));
    }

    /**
     * The examples of a call and the problems it can answer with.
     *
     * @param requests      request body examples by name (components in OpenApiExamples)
     * @param answers       the answers to them, under the same names
     * @param invalid       what its 422 covers, or null when it has none
     * @param invalidCases  the examples of its 422
     */
    private record Call(Map<String, String> requests, Map<String, String> answers, String invalid, List<String> invalidCases) {

        static Call of(String request, String answer, String invalid, String... invalidCases) {
            return new Call(request == null ? Map.of() : Map.of(WORKED, request), answer == null ? Map.of() : Map.of(WORKED, answer),
                    invalid, List.of(invalidCases));
        }

        Call and(String name, String request, String answer) {
            Map<String, String> moreRequests = new LinkedHashMap<>(requests);
            moreRequests.put(name, request);
            Map<String, String> moreAnswers = new LinkedHashMap<>(answers);
            moreAnswers.put(name, answer);
            return new Call(moreRequests, moreAnswers, invalid, invalidCases);
        }
    }

    private static final String INVALID_COMPUTATION = "Invalid request (read, but cannot be computed: a field missing or out "
            + "of range, shapes that do not fit, a limit passed), or a result that is not finite.";

    /** By operationId; every call has an entry, so that none goes without examples. */
    private static final Map<String, Call> CALLS = Map.ofEntries(
            Map.entry("gradients", Call.of(WORKED, "gradientsAnswer", INVALID_COMPUTATION, "invalidRequest", "nonFiniteResult")),
            Map.entry("forward", Call.of(WORKED, "forwardAnswer", INVALID_COMPUTATION, "invalidRequest", "nonFiniteResult")),
            Map.entry("gradientChecks", Call.of(WORKED, "gradientCheckAnswer", INVALID_COMPUTATION, "invalidRequest",
                    "nonFiniteResult")),
            Map.entry("expressionGradients", Call.of("expressionRequest", "expressionAnswer", "Invalid request: an "
                    + "expression that cannot be parsed (the message gives the 0-based position and points at it), is too "
                    + "long or nested too deep, a variable without a value or a value that is not finite; or a value, "
                    + "gradient or local derivative of the graph that is not finite (the message names the node).",
                    "invalidExpression", "nonFiniteExpression")),
            Map.entry("createSession", Call.of("sessionRequest", "sessionCreated", "Invalid request: a field missing or out "
                            + "of range (a network without a loss, no optimizer, optimizer settings out of range), weights "
                            + "that do not fit the network, both or neither of weights and init, a checkpoint with anything "
                            + "beside it or state that does not fit its network, a limit passed. Every problem is listed.",
                    "invalidSession")
                    .and("restore", "restoreRequest", "sessionRestored")),
            Map.entry("getSession", Call.of(null, "sessionAnswer", null)),
            Map.entry("deleteSession", Call.of(null, null, null)),
            Map.entry("getSessionWeights", Call.of(null, "weightsAfterStep", null)),
            Map.entry("replaceSessionWeights", Call.of("workedWeights", "workedWeights", "Invalid request: weights that do "
                    + "not fit the session's network (a layer or parameter missing or extra, a wrong shape), numbers that "
                    + "are not finite or do not fit its dtype, or an If-Match that names no version. Nothing changes.",
                    "invalidWeights")),
            Map.entry("getSessionCheckpoint", Call.of(null, "checkpointAnswer", null)),
            Map.entry("takeStep", Call.of("stepRequest", "stepAnswer", "Invalid request (a batch that does not fit the "
                    + "network, a limit passed, an If-Match that names no version, an Idempotency-Key that is not 1 to 255 "
                    + "visible ASCII characters), an Idempotency-Key sent again with a different body, or a step whose loss "
                    + "or new weights would not be finite. Nothing changes.", "invalidBatch", "idempotencyKeyReused",
                    "nonFiniteStep")),
            Map.entry("applyUpdate", Call.of("updateRequest", "updateAnswer", "Invalid request (gradients that do not "
                    + "fit the session's weights, numbers that are not finite, an If-Match that names no version, an "
                    + "Idempotency-Key that is not 1 to 255 visible ASCII characters), an Idempotency-Key sent again with "
                    + "a different body, or new weights that would not be finite. Nothing changes.", "invalidWeights",
                    "idempotencyKeyReused", "nonFiniteStep")),
            Map.entry("sessionGradients", Call.of("batchRequest", "gradientsAnswer", "Invalid request (targets missing, a "
                    + "batch that does not fit the session's network, a limit passed), or a result that is not finite.",
                    "invalidBatch", "nonFiniteResult")),
            Map.entry("sessionForward", Call.of("batchRequest", "forwardAnswer", "Invalid request (a batch that does not "
                    + "fit the session's network, deltas, inputGradients or gradients asked for, a limit passed), or a "
                    + "result that is not finite.", "invalidBatch", "nonFiniteResult")));

    @Bean
    OpenAPI gradserveOpenApi() {
        return new OpenAPI()
                .info(new Info().title("gradserve").version("v1").description(OpenApiDescription.TEXT))
                .servers(List.of(new Server().url("/").description("The server that serves this document")))
                .addTagsItem(new Tag().name(STATELESS)
                        .description("The network, its weights and the batch travel with each request; nothing is stored."))
                .addTagsItem(new Tag().name(SESSIONS)
                        .description("A network and its optimizer stored between requests: train step by step, read and "
                                + "replace the weights, checkpoint and restore."));
    }

    @Bean
    ModelConverter declaredOneOf() {
        return new OpenApiSchemas.DeclaredOneOf();
    }

    /** Runs after springdoc has read the controllers and records (and dropped the schemas nothing referred to yet). */
    @Bean
    OpenApiCustomizer callsAndErrors() {
        return openApi -> {
            Components components = openApi.getComponents();
            OpenApiSchemas.all().forEach(components::addSchemas);
            OpenApiSchemas.unnestSubtypes(components.getSchemas(), "LayerSpec");
            OpenApiSchemas.unnestSubtypes(components.getSchemas(), "OptimizerSpec");
            OpenApiSchemas.numericDefaults(components.getSchemas());
            OpenApiExamples.all().forEach(components::addExamples);
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/v1/")) {
                    item.readOperations().forEach(operation -> document(path, operation));
                }
            });
        };
    }

    private static void document(String path, Operation operation) {
        boolean session = path.startsWith("/v1/sessions");
        operation.tags(List.of(session ? SESSIONS : STATELESS));
        Call call = CALLS.get(operation.getOperationId());
        if (call == null) {
            throw new IllegalStateException("OpenApiConfig.CALLS has no examples for " + operation.getOperationId());
        }
        call.requests().forEach((name, component) -> operation.getRequestBody().getContent().values()
                .forEach(media -> media.addExamples(name, example(component))));
        Map.Entry<String, ApiResponse> success = operation.getResponses().entrySet().stream()
                .filter(response -> response.getKey().startsWith("2")).findFirst().orElseThrow();
        ApiResponse ok = success.getValue();
        if (ok.getDescription() == null || ok.getDescription().equals("OK")) {
            ok.description("The answer.");
        }
        call.answers().forEach((name, component) -> ok.getContent().values()
                .forEach(media -> media.addExamples(name, example(component))));

        boolean body = operation.getRequestBody() != null;
        if (body) {
            operation.getResponses().addApiResponse("400", problem("Malformed request: the body is not JSON of the shape "
                    + "this call takes.", "malformedRequest"));
        } else if (hasParameter(operation, "query", "tensorEncoding")) {
            operation.getResponses().addApiResponse("400", problem("Bad request: tensorEncoding is not nested, flat or "
                    + "base64.", "badParameter"));
        }
        if (session && path.startsWith("/v1/sessions/{id}")) {
            operation.getResponses().addApiResponse("404", problem("No such session: it never existed, was deleted, or "
                    + "expired after gradserve.sessions.idle-timeout (default 1h) without use.", "sessionNotFound"));
        }
        if (hasParameter(operation, "header", "If-Match")) {
            ApiResponse mismatch = problem("Version mismatch: the session is not at the version If-Match names; nothing was "
                    + "done. currentVersion and the ETag header give the version it is at.", "versionMismatch");
            mismatch.addHeaderObject("ETag", header("The session's current version, in quotes.", "\"1\""));
            operation.getResponses().addApiResponse("412", mismatch);
        }
        if (body) {
            operation.getResponses().addApiResponse("413", problem("Payload too large: the body is over "
                    + "gradserve.limits.max-body-size (default 32MB).", "payloadTooLarge"));
        }
        if (call.invalid() != null) {
            operation.getResponses().addApiResponse("422", problem(call.invalid(), call.invalidCases().toArray(String[]::new)));
        }
        operation.getResponses().addApiResponse("500", problem("Internal error: a fault of the server, not of the request.",
                "internalError"));
        if (session) {
            boolean create = operation.getOperationId().equals("createSession");
            ApiResponse unavailable = create
                    ? problem("Too many sessions (the in-memory store holds gradserve.sessions.max-sessions, default 10000; "
                            + "Retry-After: 60), or the session store (redis) does not answer (Retry-After: 5). Nothing "
                            + "was changed.", "sessionLimit", "storeUnavailable")
                    : problem("The session store (redis) does not answer (Retry-After: 5); nothing was changed.",
                            "storeUnavailable");
            unavailable.addHeaderObject("Retry-After", header("Seconds to wait before trying again.", "5"));
            operation.getResponses().addApiResponse("503", unavailable);
        }
    }

    private static boolean hasParameter(Operation operation, String in, String name) {
        List<Parameter> parameters = operation.getParameters();
        return parameters != null && parameters.stream().anyMatch(p -> in.equals(p.getIn()) && name.equals(p.getName()));
    }

    private static Header header(String description, String example) {
        return new Header().description(description).schema(new JsonSchema().types(Set.of("string")).example(example));
    }

    private static ApiResponse problem(String description, String... examples) {
        MediaType media = new MediaType().schema(OpenApiSchemas.ref(OpenApiSchemas.PROBLEM));
        for (String name : examples) {
            media.addExamples(name, example(name));
        }
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json", media));
    }

    private static Example example(String component) {
        return new Example().$ref("#/components/examples/" + component);
    }
}
