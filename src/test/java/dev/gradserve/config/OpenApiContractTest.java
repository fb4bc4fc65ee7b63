package dev.gradserve.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract the service serves is the one committed in openapi/openapi.yaml, every field in it is
 * documented, its examples are the service's real answers, and Swagger UI is up.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");
    private static final Path SERVED = Path.of("target", "openapi-served.yaml");
    /** Numbers in documented answers may differ from a fresh computation by rounding (another CPU, another BLAS). */
    private static final double NUMERIC_TOLERANCE = 1e-9;
    private static final String WORKED = "workedExample";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper mapper;

    @Test
    void servedContractIsTheCommittedOne() throws Exception {
        String served = fetch("/v3/api-docs.yaml");
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, served);
        }
        Object committed = Files.exists(COMMITTED) ? new Yaml().load(Files.readString(COMMITTED)) : Map.of();
        List<String> differences = new ArrayList<>();
        compare(committed, new Yaml().load(served), "", 0, differences);
        if (!differences.isEmpty()) {
            Files.createDirectories(SERVED.getParent());
            Files.writeString(SERVED, served);
            fail("""
                    The served OpenAPI contract (now in %s) differs from the committed %s at:
                      %s
                    If the change is intended, review it and update the committed file:
                      cp %s %s
                    or: ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true"""
                    .formatted(SERVED, COMMITTED, String.join("\n  ", differences.subList(0, Math.min(30, differences.size()))),
                            SERVED, COMMITTED));
        }
    }

    @Test
    void everyPropertyOfEverySchemaHasADescriptionAndAnExample() throws Exception {
        List<String> undocumented = new ArrayList<>();
        schemas().forEach((name, schema) -> findUndocumented(name, schema, undocumented));
        assertThat(undocumented).as("properties without a description or an example").isEmpty();
    }

    /**
     * Every call, in an order that makes each documented answer the real one: the stateless calls, then the life of
     * the worked example's session (gradients and forward pass before its step, so that they are the stateless answers).
     */
    private static final List<String> SCENARIO = List.of("gradients", "forward", "gradientChecks", "expressionGradients",
            "createSession", "sessionGradients", "sessionForward", "takeStep", "getSession", "getSessionWeights",
            "getSessionCheckpoint", "replaceSessionWeights", "applyUpdate", "deleteSession");
    /** Values that differ from run to run, compared by their form only. */
    private static final Map<String, Pattern> LOOSE = Map.of(
            "id", Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
            "createdAt", Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"),
            "updatedAt", Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"));

    @Test
    void documentedAnswersAreTheServicesAnswersToTheWorkedExample() throws Exception {
        // JSON rather than YAML: YAML would read the timestamps of the examples as dates
        Map<String, Object> contract = map(mapper.readValue(fetch("/v3/api-docs"), Object.class));
        Map<String, Object> examples = map(map(contract.get("components")).get("examples"));
        Map<String, Call> calls = calls(contract);
        assertThat(calls.keySet()).as("operations of the contract, each to be run by the scenario")
                .containsExactlyInAnyOrderElementsOf(SCENARIO);
        List<String> differences = new ArrayList<>();
        String sessionId = null;
        for (String operationId : SCENARIO) {
            Call call = calls.get(operationId);
            String path = sessionId == null ? call.path() : call.path().replace("{id}", sessionId);
            Map<String, Object> answers = call.answers() == null ? Map.of() : map(call.answers().get("examples"));
            Map<String, Object> requests = call.requests() == null ? Map.of() : map(call.requests().get("examples"));
            assertThat(call.status().equals("204") || !answers.isEmpty()).as(operationId + " documents its answer").isTrue();
            // a call with request examples is made once with each; one without a body once
            Map<String, Object> bodies = requests.isEmpty() ? Collections.singletonMap(WORKED, null) : requests;
            for (Map.Entry<String, Object> body : bodies.entrySet()) {
                String request = body.getValue() == null ? null : mapper.writeValueAsString(value(examples, body.getValue()));
                MockHttpServletResponse response = perform(call.method(), path, request);
                String where = operationId + " (" + body.getKey() + ")";
                assertThat(response.getStatus()).as(where + " status").isEqualTo(Integer.parseInt(call.status()));
                call.headers().forEach((name, header) -> {
                    String actual = response.getHeader(name);
                    Object example = map(map(header).get("schema")).get("example");
                    if (actual == null) {
                        differences.add(where + " header " + name + ": missing");
                    } else if (!name.equals("Location") && !actual.equals(example)) {
                        differences.add(where + " header " + name + ": expected " + example + ", got " + actual);
                    }
                });
                Object answer = answers.get(body.getKey());
                if (answer != null) {
                    Object actual = mapper.readValue(response.getContentAsString(StandardCharsets.UTF_8), Object.class);
                    compare(value(examples, answer), actual, where + " ", NUMERIC_TOLERANCE, differences);
                    if (operationId.equals("createSession") && body.getKey().equals(WORKED)) {
                        sessionId = (String) map(actual).get("id");
                    }
                }
            }
        }
        assertThat(differences).as("documented answers that the service no longer gives").isEmpty();
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        mvc.perform(get("/swagger-ui/index.html"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("swagger-ui")));
    }

    private String fetch(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private MockHttpServletResponse perform(String method, String path, String json) throws Exception {
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), path)
                .accept(MediaType.APPLICATION_JSON);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /**
     * A call of the contract: where it is, its JSON request body and its success answer (each with their examples).
     *
     * @param status   the code of its success answer
     * @param headers  the headers of its success answer (Location varies with the session's id; the others are checked)
     * @param requests the application/json request body, or null
     * @param answers  the application/json content of the success answer, or null (204)
     */
    private record Call(String method, String path, String status, Map<String, Object> headers, Map<String, Object> requests,
            Map<String, Object> answers) {}

    private static Map<String, Call> calls(Map<String, Object> contract) {
        Map<String, Call> calls = new LinkedHashMap<>();
        map(contract.get("paths")).forEach((path, item) -> map(item).forEach((method, value) -> {
            Map<String, Object> operation = map(value);
            Map<String, Object> requestBody = map(operation.get("requestBody"));
            Map.Entry<String, Object> success = map(operation.get("responses")).entrySet().stream()
                    .filter(response -> response.getKey().startsWith("2")).findFirst().orElseThrow();
            Map<String, Object> content = map(map(success.getValue()).get("content"));
            Map<String, Object> headers = map(map(success.getValue()).get("headers"));
            calls.put((String) operation.get("operationId"), new Call(method, path, success.getKey(),
                    headers == null ? Map.of() : headers,
                    requestBody == null ? null : map(map(requestBody.get("content")).get("application/json")),
                    content == null ? null : map(content.get("application/json"))));
        }));
        return calls;
    }

    /** The value of an example, or of the example component it refers to. */
    private static Object value(Map<String, Object> components, Object example) {
        Map<String, Object> fields = map(example);
        if (fields.get("$ref") instanceof String ref) {
            fields = map(components.get(ref.substring("#/components/examples/".length())));
        }
        return fields.get("value");
    }

    private Map<String, Object> contract() throws Exception {
        return new Yaml().load(fetch("/v3/api-docs.yaml"));
    }

    private Map<String, Object> schemas() throws Exception {
        return map(map(contract().get("components")).get("schemas"));
    }

    /** Adds {@code Schema.property} for every property, at any depth, that lacks a description or an example. */
    private static void findUndocumented(String where, Object schema, List<String> undocumented) {
        if (schema instanceof List<?> list) {
            list.forEach(element -> findUndocumented(where, element, undocumented));
            return;
        }
        if (!(schema instanceof Map<?, ?> definition)) {
            return;
        }
        if (definition.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, property) -> {
                Map<?, ?> fields = (Map<?, ?>) property;
                if (!fields.containsKey("description")) {
                    undocumented.add(where + "." + name + " has no description");
                }
                if (!fields.containsKey("example") && !fields.containsKey("examples")) {
                    undocumented.add(where + "." + name + " has no example");
                }
                findUndocumented(where + "." + name, property, undocumented);
            });
        }
        for (String nested : List.of("items", "additionalProperties", "oneOf", "anyOf", "allOf")) {
            findUndocumented(where, definition.get(nested), undocumented);
        }
    }

    /**
     * Adds a line for every place, as a JSON Pointer, where {@code expected} and {@code actual} differ;
     * numbers may differ by {@code tolerance}, relative to the larger of 1 and the expected number.
     */
    private static void compare(Object expected, Object actual, String pointer, double tolerance, List<String> differences) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            e.forEach((key, value) -> {
                String at = pointer + "/" + key;
                if (!a.containsKey(key)) {
                    differences.add(at + ": missing");
                } else {
                    compare(value, a.get(key), at, tolerance, differences);
                }
            });
            a.keySet().stream().filter(key -> !e.containsKey(key))
                    .forEach(key -> differences.add(pointer + "/" + key + ": unexpected"));
        } else if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                compare(e.get(i), a.get(i), pointer + "/" + i, tolerance, differences);
            }
        } else if (expected instanceof Number e && actual instanceof Number a) {
            if (Math.abs(e.doubleValue() - a.doubleValue()) > tolerance * Math.max(1, Math.abs(e.doubleValue()))) {
                differences.add(pointer + ": expected " + e + ", got " + a);
            }
        } else if (expected instanceof String && actual instanceof String a && loose(pointer) != null) {
            if (!loose(pointer).matcher(a).matches()) {
                differences.add(pointer + ": expected the form of " + expected + ", got " + actual);
            }
        } else if (!Objects.equals(expected, actual)) {
            differences.add(pointer + ": expected " + expected + ", got " + actual);
        }
    }

    /** How the value at this pointer is matched when it differs from run to run, or null when exactly. */
    private static Pattern loose(String pointer) {
        return LOOSE.get(pointer.substring(pointer.lastIndexOf('/') + 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
