package dev.gradserve.config;

import dev.gradserve.model.Tensor;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document, served at /v3/api-docs (Swagger UI at /swagger-ui.html) and committed as
 * openapi/openapi.yaml. The records describe themselves with {@code @Schema}; this adds what no
 * record says: the conventions and decisions of the API, the tensor and problem schemas, the error
 * answers of every call, and the worked example as the example of every call.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String STATELESS = "stateless computation";

    static {
        // Tensor is read by a codec of its own (TensorDeserializer), not as the record it is in Java;
        // EncodedTensor, written by EncodedTensorSerializer, points here with @Schema(implementation = Tensor.class).
        SpringDocUtils.getConfig().replaceWithSchema(Tensor.class, OpenApiSchemas.ref(OpenApiSchemas.TENSOR));
    }

    /** An operation's prose and the example of its answer; keyed by operationId (the controller method's name). */
    private record Call(String summary, String description, String answer) {}

    private static final Map<String, Call> CALLS = Map.of(
            "gradients", new Call("Loss, outputs and the gradient of every parameter",
                    "One forward and one backward pass. `gradients` mirrors `weights` key for key and shape for shape; "
                            + "`include` adds activations, deltas, inputGradients or the weights used.",
                    "gradientsAnswer"),
            "forward", new Call("Outputs, and the loss when targets are given",
                    "One forward pass; no gradients.", "forwardAnswer"),
            "gradientChecks", new Call("Backpropagation checked against finite differences",
                    "Computes the analytic gradients and, for every parameter element, the central difference "
                            + "(L(w + ε) − L(w − ε)) / 2ε, always in float64. An element whose absolute error is within "
                            + "absoluteTolerance counts as exact (relative error 0); otherwise its relative error is "
                            + "|analytic − numeric| / max(|analytic|, |numeric|). `passed` when every relative error is at most "
                            + "tolerance. Each parameter reports its worst element. Networks with more parameters than "
                            + "gradserve.limits.max-gradient-check-parameters (default 20000) are refused with 422.",
                    "gradientCheckAnswer"));

    @Bean
    OpenAPI gradserveOpenApi() {
        return new OpenAPI()
                .info(new Info().title("gradserve").version("v1").description(OpenApiDescription.TEXT))
                .servers(List.of(new Server().url("/").description("The server that serves this document")))
                .addTagsItem(new Tag().name(STATELESS)
                        .description("The network, its weights and the batch travel with each request; nothing is stored."));
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
            OpenApiExamples.all().forEach(components::addExamples);
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/v1/")) {
                    item.readOperations().forEach(OpenApiConfig::document);
                }
            });
        };
    }

    private static void document(Operation operation) {
        operation.tags(List.of(STATELESS));
        Call call = CALLS.get(operation.getOperationId());
        if (call != null) {
            operation.summary(call.summary()).description(call.description());
            operation.getRequestBody().getContent().values()
                    .forEach(media -> media.addExamples("workedExample", example("workedExample")));
            ApiResponse ok = operation.getResponses().get("200").description("The answer.");
            ok.getContent().values().forEach(media -> media.addExamples("workedExample", example(call.answer())));
        }
        operation.getResponses()
                .addApiResponse("400", problem("Malformed request: the body is not JSON of the shape this call takes.",
                        "malformedRequest"))
                .addApiResponse("413", problem("Payload too large: the body is over gradserve.limits.max-body-size "
                        + "(default 32MB).", "payloadTooLarge"))
                .addApiResponse("422", problem("Invalid request (read, but cannot be computed: a field missing or out of "
                        + "range, shapes that do not fit, a limit passed), or a result that is not finite.",
                        "invalidRequest", "nonFiniteResult"))
                .addApiResponse("500", problem("Internal error: a fault of the server, not of the request.", "internalError"));
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
