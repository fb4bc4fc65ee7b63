package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** /v1/gradient-checks: backpropagation against central differences, reported per parameter. */
class GradientCheckHttpTest extends HttpTestBase {

    @Test
    void workedExamplePassesAndListsEveryParameter() throws Exception {
        JsonNode check = answer(GRADIENT_CHECKS, Body.workedExample());
        JsonNode gradients = answer(GRADIENTS, Body.workedExample()).get("gradients");

        assertThat(check.get("passed").booleanValue()).isTrue();
        assertThat(check.get("maxRelativeError").doubleValue()).isBetween(0.0, 1e-6);
        assertThat(check.get("epsilon").doubleValue()).isEqualTo(1e-6);
        assertThat(check.get("tolerance").doubleValue()).isEqualTo(1e-6);
        assertThat(check.get("parameters").propertyNames()).containsExactly("hidden", "output");
        for (String layer : new String[] {"hidden", "output"}) {
            assertThat(check.at("/parameters/" + layer).propertyNames()).containsExactly("W", "b");
            for (String name : new String[] {"W", "b"}) {
                JsonNode parameter = check.at("/parameters/" + layer + "/" + name);
                assertThat(parameter.get("maxRelativeError").doubleValue()).isBetween(0.0, 1e-6);
                assertThat(parameter.get("maxAbsoluteError").doubleValue()).isBetween(0.0, 1e-8);
                assertThat(parameter.get("worstIndex").size()).isEqualTo(name.equals("W") ? 2 : 1);
                double analytic = parameter.get("analytic").doubleValue();
                assertThat(parameter.get("numeric").doubleValue()).isCloseTo(analytic, within(1e-8));
                StringBuilder at = new StringBuilder("/" + layer + "/" + name);
                parameter.get("worstIndex").forEach(i -> at.append('/').append(i.intValue()));
                assertThat(analytic).as("analytic at worstIndex is the gradient there").isEqualTo(gradients.at(at.toString()).doubleValue());
            }
        }
    }

    @Test
    void workedExamplePassesOnRelativeErrorAloneWithoutAnAbsoluteFloor() throws Exception {
        JsonNode check = answer(GRADIENT_CHECKS, Body.workedExample().set("/absoluteTolerance", "1e-300"));
        assertThat(check.get("passed").booleanValue()).isTrue();
        assertThat(check.get("maxRelativeError").doubleValue()).isGreaterThan(0).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void checkRunsInFloat64WhateverDtypeSays() throws Exception {
        JsonNode float64 = answer(GRADIENT_CHECKS, Body.workedExample());
        JsonNode float32 = answer(GRADIENT_CHECKS, Body.workedExample().set("/dtype", "\"float32\""));
        assertThat(float32).isEqualTo(float64);
    }

    @Test
    void givenEpsilonIsUsedAndEchoed() throws Exception {
        JsonNode check = answer(GRADIENT_CHECKS, Body.workedExample().set("/epsilon", "1e-5"));
        assertThat(check.get("epsilon").doubleValue()).isEqualTo(1e-5);
        assertThat(check.get("passed").booleanValue()).isTrue();
    }

    @ParameterizedTest(name = "epsilon = {0}")
    @ValueSource(strings = {"0", "-1e-6"})
    void epsilonThatIsNotPositiveIs422(String epsilon) throws Exception {
        send(GRADIENT_CHECKS, Body.workedExample().set("/epsilon", epsilon))
                .andExpect(problem(422, "/epsilon", "greater than 0"));
    }

    @Test
    void checkWithoutTargetsIs422() throws Exception {
        send(GRADIENT_CHECKS, Body.workedExample().remove("/targets"))
                .andExpect(problem(422, "/targets", "must not be null"));
    }

    /**
     * z = 1·1 − 1 = 0 exactly: relu has a kink there. The central difference sees the mean of the two
     * one-sided slopes, (−2 + 0) / 2 = −1, which no choice of relu'(0) matches, so the honest answer
     * is a failed check that points at the kink.
     */
    @Test
    void reluKinkAtZeroIsReportedAsAFailedCheckAtTheKink() throws Exception {
        Body kink = Body.parse("""
                {
                  "network": {
                    "inputShape": [1],
                    "layers": [
                      { "name": "hidden", "type": "dense", "units": 1, "activation": "relu" },
                      { "name": "output", "type": "dense", "units": 1 }
                    ],
                    "loss": { "type": "mse" }
                  },
                  "weights": { "hidden": { "W": [[1.0]], "b": [-1.0] }, "output": { "W": [[1.0]], "b": [0.0] } },
                  "inputs": [[1.0]],
                  "targets": [[1.0]]
                }
                """);
        JsonNode check = answer(GRADIENT_CHECKS, kink);

        assertThat(check.get("passed").booleanValue()).isFalse();
        assertThat(check.get("maxRelativeError").doubleValue()).isGreaterThan(check.get("tolerance").doubleValue());
        JsonNode hiddenW = check.at("/parameters/hidden/W");
        assertThat(hiddenW.get("worstIndex")).hasToString("[0,0]");
        assertThat(hiddenW.get("numeric").doubleValue()).isCloseTo(-1.0, within(1e-5));
        assertThat(hiddenW.get("analytic").doubleValue()).isIn(0.0, -2.0);
        assertThat(hiddenW.get("maxRelativeError").doubleValue()).isGreaterThan(0.4);
        assertThat(check.at("/parameters/output").propertyNames()).containsExactly("W", "b");
    }
}
