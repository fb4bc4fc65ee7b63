package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The worked example of API.md through HTTP: every published figure to the digits printed (1e-8,
 * as they are rounded), and every number of the answer to 1e-12 against an independent scalar
 * float64 computation ({@code ScalarReference}, no ND4J).
 */
class WorkedExampleHttpTest extends HttpTestBase {

    private static final double PUBLISHED = 1e-8;
    private static final double EXACT = 1e-12;

    @Test
    void reproducesEveryPublishedFigure() throws Exception {
        JsonNode answer = answer(GRADIENTS, Body.workedExample());
        assertThat(answer.get("loss").doubleValue()).isCloseTo(0.298371109, within(PUBLISHED));
        assertClose(Tensors.data(answer.get("outputs")), new double[] {0.75136507, 0.772928465}, PUBLISHED);
        assertThat(answer.at("/gradients/output/W/0/0").doubleValue()).isCloseTo(0.082167041, within(PUBLISHED));
    }

    /** One sgd step with learning rate 0.5, W − 0.5·dL/dW, gives the weights the tutorial publishes. */
    @Test
    void gradientsGiveThePublishedWeightsAfterOneSgdStep() throws Exception {
        JsonNode answer = answer(GRADIENTS, Body.workedExample());
        assertClose(step(new double[] {0.40, 0.45, 0.50, 0.55}, Tensors.data(answer.at("/gradients/output/W"))),
                new double[] {0.35891648, 0.408666186, 0.511301270, 0.561370121}, PUBLISHED);
        assertClose(step(new double[] {0.15, 0.20, 0.25, 0.30}, Tensors.data(answer.at("/gradients/hidden/W"))),
                new double[] {0.149780716, 0.19956143, 0.24975114, 0.29950229}, PUBLISHED);
    }

    @Test
    void matchesAnIndependentFloat64ComputationTo1e12() throws Exception {
        JsonNode answer = answer(GRADIENTS, Body.workedExample().set("/include", "[\"inputGradients\"]"));
        ScalarWorkedExample reference = new ScalarWorkedExample();
        assertThat(answer.get("loss").doubleValue()).isCloseTo(reference.loss, within(EXACT));
        assertClose(Tensors.data(answer.get("outputs")), reference.outputs, EXACT);
        assertClose(Tensors.data(answer.at("/gradients/output/W")), reference.outputW, EXACT);
        assertClose(Tensors.data(answer.at("/gradients/output/b")), reference.outputB, EXACT);
        assertClose(Tensors.data(answer.at("/gradients/hidden/W")), reference.hiddenW, EXACT);
        assertClose(Tensors.data(answer.at("/gradients/hidden/b")), reference.hiddenB, EXACT);
        assertClose(Tensors.data(answer.get("inputGradients")), reference.inputGradients, EXACT);
    }

    private static double[] step(double[] weights, double[] gradients) {
        double[] updated = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            updated[i] = weights[i] - 0.5 * gradients[i];
        }
        return updated;
    }
}
