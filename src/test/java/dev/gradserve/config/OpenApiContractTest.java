package dev.gradserve.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
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

    @Test
    void documentedAnswersAreTheServicesAnswersToTheWorkedExample() throws Exception {
        Map<String, Object> contract = contract();
        Map<String, Object> examples = map(map(contract.get("components")).get("examples"));
        String request = mapper.writeValueAsString(map(examples.get("workedExample")).get("value"));
        List<String> differences = new ArrayList<>();
        map(contract.get("paths")).forEach((path, item) -> {
            Map<String, Object> ok = map(map(map(map(item).get("post")).get("responses")).get("200"));
            Map<String, Object> answerExample = map(map(map(map(ok.get("content")).get("application/json")).get("examples"))
                    .get("workedExample"));
            String component = ((String) answerExample.get("$ref")).substring("#/components/examples/".length());
            Object documented = map(examples.get(component)).get("value");
            compare(documented, mapper.readValue(answer(path, request), Object.class), path, NUMERIC_TOLERANCE, differences);
        });
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

    private String answer(String path, String json) {
        try {
            return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " with the worked example failed", e);
        }
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
        } else if (!Objects.equals(expected, actual)) {
            differences.add(pointer + ": expected " + expected + ", got " + actual);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
