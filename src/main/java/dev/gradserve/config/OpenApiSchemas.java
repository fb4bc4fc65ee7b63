package dev.gradserve.config;

import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The component schemas that no Java record describes: the tensor, read and written by its own
 * codec (api/TensorDeserializer, api/EncodedTensorSerializer), and the RFC 9457 problem; and two
 * corrections to what swagger-core makes of the records.
 */
final class OpenApiSchemas {

    static final String TENSOR = "Tensor";
    static final String PROBLEM = "Problem";

    private OpenApiSchemas() {}

    static Schema<?> ref(String component) {
        return new JsonSchema().$ref("#/components/schemas/" + component);
    }

    static Map<String, Schema<?>> all() {
        Map<String, Schema<?>> schemas = new LinkedHashMap<>();
        schemas.put(TENSOR, new JsonSchema()
                .description("A tensor in any of three encodings, accepted anywhere a tensor is and mixed freely within "
                        + "a request. Answers use the encoding asked for with tensorEncoding: nested (default), flat or base64.")
                .oneOf(List.of(ref("TensorNested"), ref("TensorFlat"), ref("TensorBase64")))
                .example(List.of(List.of(0.05, 0.1))));
        schemas.put("TensorNested", new JsonSchema()
                .description("Nested JSON arrays of numbers, outermost dimension first (batch first, as PyTorch), any depth. "
                        + "Every number sits at the same depth and arrays at one depth have one length: ragged arrays are "
                        + "refused (400). A bare number is a scalar, shape [].")
                .oneOf(List.of(typed("number"), typed("array").items(ref("TensorNested"))))
                .example(List.of(List.of(0.05, 0.1))));
        schemas.put("TensorFlat", typed("object")
                .description("Shape and elements in row-major order (the last index varies fastest).")
                .addProperty("shape", shape())
                .addProperty("data", typed("array").items(typed("number"))
                        .description("The elements, row-major; exactly as many as the product of shape.")
                        .example(List.of(0.05, 0.1)))
                .required(List.of("shape", "data"))
                .additionalProperties(false)
                .example(Map.of("shape", List.of(1, 2), "data", List.of(0.05, 0.1))));
        schemas.put("TensorBase64", typed("object")
                .description("Shape and the raw bytes of the elements: IEEE 754, little-endian, row-major, in standard "
                        + "Base64 with padding (RFC 4648 §4). Compact and exact for large tensors.")
                .addProperty("shape", shape())
                .addProperty("dtype", typed("string")._enum(List.of("float64", "float32"))._default("float64")
                        .description("Width of each element: float64 (8 bytes, the default in requests) or float32 (4 bytes). "
                                + "Answers always give it: the dtype the request computed in.")
                        .example("float64"))
                .addProperty("base64", typed("string").contentEncoding("base64")
                        .description("The bytes: 8 (float64) or 4 (float32) per element, as many elements as the product of shape.")
                        .example("mpmZmZmZqT+amZmZmZm5Pw=="))
                .required(List.of("shape", "base64"))
                .additionalProperties(false)
                .example(Map.of("shape", List.of(1, 2), "dtype", "float64", "base64", "mpmZmZmZqT+amZmZmZm5Pw==")));
        schemas.put(PROBLEM, problem());
        schemas.put("ProblemError", typed("object")
                .description("One thing wrong with the request.")
                .addProperty("pointer", typed("string")
                        .description("JSON Pointer (RFC 6901) into the request body; \"\" is the whole body.")
                        .example("/weights/hidden/W"))
                .addProperty("message", typed("string")
                        .description("What was expected and what was found.")
                        .example("expected shape [2, 2], got [2, 3]"))
                .required(List.of("pointer", "message")));
        return schemas;
    }

    private static Schema<?> problem() {
        return typed("object")
                .description("An error, as RFC 9457 problem details (content type application/problem+json).")
                .addProperty("type", typed("string").format("uri")
                        .description("What kind of problem, as urn:gradserve:problem:NAME: malformed-request (400), "
                                + "bad-request (400, a query parameter), payload-too-large (413), session-not-found (404), "
                                + "version-mismatch (412), invalid-request (422), non-finite-result (422), "
                                + "idempotency-key-reused (422), internal-error (500), session-limit (503), "
                                + "store-unavailable (503). Requests that miss every call (404, 405, 406, 415) have types "
                                + "of their own.")
                        .example("urn:gradserve:problem:invalid-request"))
                .addProperty("title", typed("string")
                        .description("A short summary of the type; the same for every problem of that type.")
                        .example("Invalid request"))
                .addProperty("status", typed("integer").format("int32")
                        .description("The HTTP status code, repeated.")
                        .example(422))
                .addProperty("detail", typed("string")
                        .description("What went wrong, for a person to read.")
                        .example("The request was read, but cannot be computed as it is."))
                .addProperty("instance", typed("string").format("uri-reference")
                        .description("The path of the request that failed.")
                        .example("/v1/gradients"))
                .addProperty("errors", typed("array").items(ref("ProblemError"))
                        .description("Where in the request body each problem is, and what it is; empty for internal errors.")
                        .example(List.of(Map.of("pointer", "/weights/hidden/W", "message", "expected shape [2, 2], got [2, 3]"))))
                .addProperty("currentVersion", typed("integer").format("int64")
                        .description("version-mismatch (412) only: the version the session is at now, also sent as the "
                                + "ETag header. Read the session again, then retry with If-Match naming this version.")
                        .example(1))
                .required(List.of("type", "title", "status", "detail", "instance", "errors"));
    }

    private static Schema<?> shape() {
        return typed("array").items(typed("integer").format("int32").minimum(BigDecimal.ZERO))
                .description("The dimensions, outermost first; [] for a scalar.")
                .example(List.of(1, 2));
    }

    private static Schema<Object> typed(String type) {
        JsonSchema schema = new JsonSchema();
        schema.setTypes(Set.of(type));
        return schema;
    }

    /**
     * swagger-core keeps a {@code defaultValue} such as "0.9" of a number property as the string it was
     * written as; a default must be of the property's type, so such strings become numbers.
     */
    @SuppressWarnings("rawtypes")
    static void numericDefaults(Map<String, Schema> schemas) {
        schemas.values().forEach(OpenApiSchemas::numericDefault);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void numericDefault(Schema schema) {
        if (schema == null) {
            return;
        }
        Set<String> types = schema.getTypes() != null ? schema.getTypes()
                : schema.getType() != null ? Set.of(schema.getType()) : Set.of();
        if (schema.getDefault() instanceof String text && (types.contains("number") || types.contains("integer"))) {
            schema.setDefault(new BigDecimal(text));
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(OpenApiSchemas::numericDefault);
        }
        numericDefault(schema.getItems());
    }

    /**
     * swagger-core writes each subtype as allOf(parent, its own fields) while the parent is
     * oneOf(subtypes): a cycle that validators and code generators trip over. The parent's oneOf and
     * discriminator say it all, so each subtype keeps just its own fields.
     */
    @SuppressWarnings("rawtypes")
    static void unnestSubtypes(Map<String, Schema> schemas, String parent) {
        Schema<?> base = schemas.get(parent);
        base.setProperties(null);
        base.setRequired(null);
        for (Schema<?> option : base.getOneOf()) {
            String name = option.get$ref().substring("#/components/schemas/".length());
            Schema<?> subtype = schemas.get(name);
            if (subtype.getAllOf() == null) {
                continue;
            }
            Schema<?> own = subtype.getAllOf().stream().filter(s -> s.get$ref() == null).findFirst().orElseThrow();
            own.description(subtype.getDescription()).required(subtype.getRequired());
            schemas.put(name, own);
        }
    }

    /**
     * swagger-core documents a type with a {@link JsonValue} method as whatever that method returns
     * ({@code Object} for ActivationSpec, so: anything) and ignores the {@code oneOf} its {@code @Schema}
     * declares. This converter honours the declaration: such a type becomes a component that is
     * oneOf the declared classes, with the declared description and example.
     */
    static final class DeclaredOneOf implements ModelConverter {

        @Override
        public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
            Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
            io.swagger.v3.oas.annotations.media.Schema declared = raw.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            if (declared == null || declared.oneOf().length == 0 || !hasJsonValue(raw)) {
                return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
            }
            Schema<?> oneOf = new JsonSchema().description(declared.description()).example(declared.example());
            for (Class<?> option : declared.oneOf()) {
                oneOf.addOneOfItem(context.resolve(new AnnotatedType(option).resolveAsRef(true)));
            }
            context.defineModel(raw.getSimpleName(), oneOf, type, null);
            return ref(raw.getSimpleName());
        }

        private static boolean hasJsonValue(Class<?> type) {
            return Arrays.stream(type.getDeclaredMethods()).anyMatch(method -> method.isAnnotationPresent(JsonValue.class));
        }
    }
}
