package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /v1/expressions/gradients: the value, the gradients and the graph over HTTP, and every way a request is refused. */
class ExpressionHttpTest extends HttpTestBase {

    static final String EXPRESSIONS = "/v1/expressions/gradients";

    private JsonNode gradientsOf(String expression, String at) throws Exception {
        return answer(EXPRESSIONS, body(expression, at));
    }

    /** @param at the JSON of at, or null to leave it out */
    private Body body(String expression, String at) {
        Body body = Body.parse("{}").set("/expression", mapper.writeValueAsString(expression));
        return at == null ? body : body.set("/at", at);
    }

    @Test
    void sumTimesVariableAnswersValueGradientsAndGraph() throws Exception {
        JsonNode answer = gradientsOf("(x + y) * z", "{\"x\": -2, \"y\": 5, \"z\": -4}");

        assertThat(answer).isEqualTo(mapper.readTree("""
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
                """));
    }

    @Test
    void sigmoidNeuronGivesThePublishedNumbersWrittenEitherWay() throws Exception {
        String at = "{\"w0\": 2, \"x0\": -1, \"w1\": -3, \"x1\": -2, \"w2\": -3}";
        for (String expression : List.of("1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))", "sigmoid(w0*x0 + w1*x1 + w2)")) {
            JsonNode answer = gradientsOf(expression, at);
            assertThat(twoDigits(answer.get("value"))).isEqualTo("0.73");
            List<String> gradients = new ArrayList<>();
            answer.get("gradients").properties().forEach(entry -> gradients.add(entry.getKey() + " " + twoDigits(entry.getValue())));
            assertThat(gradients).as(expression).containsExactly("w0 -0.20", "x0 0.39", "w1 -0.39", "x1 -0.59", "w2 0.20");
        }
    }

    private static String twoDigits(JsonNode number) {
        return String.format(Locale.ROOT, "%.2f", number.doubleValue());
    }

    @Test
    void constantsAreNodesWithoutAGradientAndTheirEdgesWithoutALocalDerivative() throws Exception {
        JsonNode graph = gradientsOf("(x - 3)^2", "{\"x\": 1}").get("graph");
        JsonNode constant = graph.at("/nodes/1");
        assertThat(constant.get("op").stringValue()).isEqualTo("constant");
        assertThat(constant.get("value").doubleValue()).isEqualTo(3.0);
        assertThat(constant.has("gradient")).isFalse();
        assertThat(constant.has("name")).isFalse();
        assertThat(graph.at("/edges/1").has("localDerivative")).isFalse();
        assertThat(graph.at("/edges/2/localDerivative").doubleValue()).isEqualTo(-4.0);
        assertThat(graph.at("/nodes/4/op").stringValue()).isEqualTo("^");
    }

    @Test
    void unusedValuesGetGradientZeroAfterTheExpressionsVariables() throws Exception {
        JsonNode answer = gradientsOf("y * 2", "{\"unused\": 7, \"y\": 3}");
        assertThat(answer.get("gradients")).isEqualTo(mapper.readTree("{\"y\": 2.0, \"unused\": 0.0}"));
        assertThat(answer.at("/graph/nodes").size()).isEqualTo(3);
    }

    @Test
    void expressionWithoutVariablesNeedsNoAt() throws Exception {
        JsonNode answer = gradientsOf("2^3^2", null);
        assertThat(answer.get("value").doubleValue()).isEqualTo(512.0);
        assertThat(answer.get("gradients").isEmpty()).isTrue();
    }

    @Test
    void malformedExpressionIsRefusedWithItsPositionAndACaret() throws Exception {
        send(EXPRESSIONS, body("(x + y) *", "{\"x\": 1, \"y\": 2}").json())
                .andExpect(problem(422, "/expression"))
                .andExpect(jsonPath("$.type").value("urn:gradserve:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "at 9: expected an operand after '*', got the end of the expression\n(x + y) *\n         ^"));
        send(EXPRESSIONS, body("sigmod(x)", "{\"x\": 1}").json())
                .andExpect(problem(422, "/expression", "at 0: unknown function 'sigmod'"));
        send(EXPRESSIONS, body("", null).json())
                .andExpect(problem(422, "/expression", "at 0: the expression is empty"));
    }

    @Test
    void missingValuesAreRefusedNamingTheVariables() throws Exception {
        send(EXPRESSIONS, body("w0 * x0 + w1 * x1", "{\"x0\": 1, \"x1\": 2}").json())
                .andExpect(problem(422, "/at", "no value for w0, w1; every variable of the expression needs one"));
    }

    @Test
    void valuesThatCannotBeVariablesOrAreNotFiniteAreRefusedWhereTheyAre() throws Exception {
        send(EXPRESSIONS, body("x", "{\"x\": 1, \"exp\": 2}").json())
                .andExpect(problem(422, "/at/exp", "'exp' cannot be a variable: it is a function's name"));
        send(EXPRESSIONS, body("x", "{\"x\": 1, \"w/0\": 2}").json())
                .andExpect(problem(422, "/at/w~10", "cannot be a variable: a name is ASCII letters, digits and _"));
        send(EXPRESSIONS, body("x", "{\"x\": 1e400}").json())
                .andExpect(problem(422, "/at/x", "a finite number is required"));
        send(EXPRESSIONS, body("x", "{\"x\": null}").json())
                .andExpect(problem(422, "/at/x", "a finite number is required, got null"));
    }

    @Test
    void unreadableBodiesAreMalformed() throws Exception {
        send(EXPRESSIONS, "{\"expression\": \"x\", \"at\": {\"x\": \"1\"}}").andExpect(problemOf(400));
        send(EXPRESSIONS, "{\"expression\": 5}").andExpect(problemOf(400));
        send(EXPRESSIONS, "{\"expresion\": \"x\"}").andExpect(problemOf(400));
        send(EXPRESSIONS, "{\"at\": {}}").andExpect(problem(422, "/expression"));
    }

    @Test
    void nonFiniteResultsAreRefusedNamingTheNode() throws Exception {
        send(EXPRESSIONS, body("x * log(x)", "{\"x\": -1}").json())
                .andExpect(problem(422, "/expression", "at 4: node 1 (log): log(-1.0) = NaN\nx * log(x)\n    ^"))
                .andExpect(jsonPath("$.type").value("urn:gradserve:problem:non-finite-result"));
        send(EXPRESSIONS, body("1 / x", "{\"x\": 0}").json())
                .andExpect(problem(422, "/expression", "node 2 (/): 1.0 / 0.0 = Infinity"));
        send(EXPRESSIONS, body("sqrt(x)", "{\"x\": 0}").json())
                .andExpect(problem(422, "/expression", "node 1 (sqrt): the local derivative of sqrt(0.0)", "is Infinity"));
    }

    @Test
    void limitsOfLengthAndNestingAreRefusedNeverA5xx() throws Exception {
        String tooLong = "x" + " + x".repeat(2500);
        send(EXPRESSIONS, body(tooLong, "{\"x\": 1}").json())
                .andExpect(problem(422, "/expression", "the expression has 10001 characters; at most 10000 are allowed"));
        String tooDeep = "(".repeat(5000) + "x" + ")".repeat(5000);
        send(EXPRESSIONS, body(tooDeep.substring(0, 9999), "{\"x\": 1}").json())
                .andExpect(problem(422, "/expression", "at 200: nested more than 200 levels deep"));
        String longChain = "x" + " * x".repeat(2499);
        assertThat(gradientsOf(longChain, "{\"x\": 1}").at("/graph/nodes").size()).isEqualTo(2500);
    }
}
