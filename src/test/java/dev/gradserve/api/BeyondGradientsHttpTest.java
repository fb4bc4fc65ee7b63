package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Gradients of a loss the client computes itself (vector–Jacobian products) and one gradient per
 * example instead of the batch's.
 */
class BeyondGradientsHttpTest extends HttpTestBase {

    /** A batch of three for the worked example's network, mean-reduced mse. */
    private static Body batch(String dtype) {
        return Body.workedExample().set("/network/loss", "{\"type\": \"mse\"}").set("/dtype", "\"" + dtype + "\"")
                .set("/inputs", "[[0.05, 0.10], [0.9, -0.3], [-0.4, 0.7]]")
                .set("/targets", "[[0.01, 0.99], [0.5, 0.2], [0.8, 0.1]]");
    }

    @Test
    void outputGradientsEqualToTheLossOwnGradientReproduceTheGradients() throws Exception {
        for (String dtype : new String[] {"float64", "float32"}) {
            JsonNode ordinary = answer(GRADIENTS, batch(dtype).set("/include", "[\"inputGradients\"]"));
            double[] y = Tensors.data(ordinary.get("outputs"));
            double[] t = {0.01, 0.99, 0.5, 0.2, 0.8, 0.1};
            StringBuilder dLdY = new StringBuilder("[");
            for (int i = 0; i < y.length; i++) {
                dLdY.append(i % 2 == 0 ? (i == 0 ? "[" : ",[") : ",").append(2 * (y[i] - t[i]) / y.length)
                        .append(i % 2 == 1 ? "]" : "");
            }
            JsonNode vjp = answer(GRADIENTS, batch(dtype).remove("/targets").remove("/network/loss")
                    .set("/outputGradients", dLdY.append("]").toString()).set("/include", "[\"inputGradients\"]"));
            assertThat(vjp.has("loss")).isFalse();
            double tolerance = dtype.equals("float64") ? 1e-15 : 1e-7;
            for (String parameter : new String[] {"/gradients/hidden/W", "/gradients/hidden/b", "/gradients/output/W",
                "/gradients/output/b", "/inputGradients"}) {
                assertClose(Tensors.data(vjp.at(parameter)), Tensors.data(ordinary.at(parameter)), tolerance);
            }
        }
    }

    @Test
    void perExampleGradientsAverageToTheBatchGradientAndMatchSingleExampleRuns() throws Exception {
        for (String dtype : new String[] {"float64", "float32"}) {
            JsonNode answer = answer(GRADIENTS, batch(dtype).set("/include", "[\"perExampleGradients\"]"));
            double tolerance = dtype.equals("float64") ? 1e-15 : 1e-7;
            for (String parameter : new String[] {"hidden/W", "hidden/b", "output/W", "output/b"}) {
                JsonNode perExample = answer.at("/perExampleGradients/" + parameter);
                int[] shape = Tensors.shape(perExample);
                assertThat(shape[0]).isEqualTo(3);
                double[] all = Tensors.data(perExample);
                double[] batchGradient = Tensors.data(answer.at("/gradients/" + parameter));
                double[] mean = new double[batchGradient.length];
                for (int i = 0; i < all.length; i++) {
                    mean[i % mean.length] += all[i] / 3;
                }
                assertClose(mean, batchGradient, tolerance);
                for (int example = 0; example < 3; example++) {
                    Body single = oneExample(batch(dtype), example);
                    double[] alone = Tensors.data(answer(GRADIENTS, single).at("/gradients/" + parameter));
                    double[] slice = java.util.Arrays.copyOfRange(all, example * alone.length, (example + 1) * alone.length);
                    assertClose(slice, alone, tolerance);
                }
            }
        }
    }

    @Test
    void perExampleGradientsWorkForConvolutionsToo() throws Exception {
        Body conv = Body.parse("{}").set("/network", """
                {"inputShape": [1, 4, 4], "layers": [
                  {"type": "conv2d", "filters": 2, "kernelSize": 3, "activation": "tanh"},
                  {"type": "flatten"}, {"type": "dense", "units": 2}], "loss": {"type": "cross_entropy", "reduction": "sum"}}""")
                .set("/init", "{\"scheme\": \"xavier_normal\", \"seed\": 4}")
                .set("/inputs", "[[[[1,2,3,4],[4,3,2,1],[0,1,0,1],[1,0,1,0]]], [[[0,0,1,1],[1,1,0,0],[2,2,2,2],[0,1,2,3]]]]")
                .set("/targets", "[1, 0]").set("/include", "[\"perExampleGradients\"]");
        JsonNode answer = answer(GRADIENTS, conv);
        assertThat(Tensors.shape(answer.at("/perExampleGradients/layer1/W"))).containsExactly(2, 2, 1, 3, 3);
        double[] all = Tensors.data(answer.at("/perExampleGradients/layer1/W"));
        double[] batchGradient = Tensors.data(answer.at("/gradients/layer1/W"));
        double[] sum = new double[batchGradient.length];
        for (int i = 0; i < all.length; i++) {
            sum[i % sum.length] += all[i];
        }
        assertClose(sum, batchGradient, 1e-12);
    }

    @Test
    void targetsAndOutputGradientsTogetherOrNeitherAreRefused() throws Exception {
        send(GRADIENTS, Body.workedExample().set("/outputGradients", "[[0.1, 0.2]]"))
                .andExpect(problem(422, "/outputGradients", "not both"));
        send(GRADIENTS, Body.workedExample().remove("/targets")).andExpect(problem(422, "/targets", "outputGradients"));
        send(GRADIENTS, Body.workedExample().remove("/targets").set("/outputGradients", "[[0.1, 0.2, 0.3]]"))
                .andExpect(problem(422, "/outputGradients", "expected shape [1, 2]"));
    }

    private static Body oneExample(Body batch, int example) {
        String[][] inputs = {{"0.05", "0.10"}, {"0.9", "-0.3"}, {"-0.4", "0.7"}};
        String[][] targets = {{"0.01", "0.99"}, {"0.5", "0.2"}, {"0.8", "0.1"}};
        return batch.set("/inputs", "[[" + String.join(",", inputs[example]) + "]]")
                .set("/targets", "[[" + String.join(",", targets[example]) + "]]");
    }
}
