package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What {@code include} adds to an answer agrees with the rest of it and with the chain rule, and
 * /v1/forward agrees with /v1/gradients.
 */
class IncludeTest extends HttpTestBase {

    private static final double EXACT = 1e-12;
    private static final String EVERYTHING = "[\"activations\", \"deltas\", \"inputGradients\", \"weights\"]";

    /** The worked example with a second example in the batch, so that sums over the batch show. */
    private static Body batchOfTwo() {
        return Body.workedExample()
                .set("/inputs", "[[0.05, 0.10], [0.30, -0.20]]")
                .set("/targets", "[[0.01, 0.99], [0.50, 0.20]]")
                .set("/include", EVERYTHING);
    }

    @Test
    void workedExampleMatchesThePublishedNumbers() throws Exception {
        JsonNode answer = answer(GRADIENTS, Body.workedExample().set("/include", "[\"activations\"]"));
        assertThat(answer.get("loss").doubleValue()).isCloseTo(0.298371109, within(1e-9));
        assertClose(Tensors.data(answer.get("outputs")), new double[] {0.75136507, 0.772928465}, 1e-8);
        assertThat(answer.at("/gradients/output/W/0/0").doubleValue()).isCloseTo(0.082167041, within(1e-9));
        assertClose(Tensors.data(answer.at("/activations/hidden/z")), new double[] {0.3775, 0.3925}, EXACT);
        assertClose(Tensors.data(answer.at("/activations/hidden/a")), new double[] {0.593269992, 0.596884378}, 1e-9);
    }

    @Test
    void activationsFollowFromTheWeightsLayerByLayer() throws Exception {
        JsonNode answer = answer(GRADIENTS, batchOfTwo());
        double[][] x = {{0.05, 0.10}, {0.30, -0.20}};
        double[][] zHidden = Tensors.matrix(answer.at("/activations/hidden/z"));
        double[][] aHidden = Tensors.matrix(answer.at("/activations/hidden/a"));
        double[][] zOutput = Tensors.matrix(answer.at("/activations/output/z"));
        double[][] aOutput = Tensors.matrix(answer.at("/activations/output/a"));

        assertMatrix(zHidden, affine(x, weights(answer, "hidden")));
        assertMatrix(aHidden, sigmoid(zHidden));
        assertMatrix(zOutput, affine(aHidden, weights(answer, "output")));
        assertMatrix(aOutput, sigmoid(zOutput));
        assertMatrix(Tensors.matrix(answer.get("outputs")), aOutput);
    }

    @Test
    void deltasGradientsAndInputGradientsFollowTheChainRule() throws Exception {
        JsonNode answer = answer(GRADIENTS, batchOfTwo());
        double[][] x = {{0.05, 0.10}, {0.30, -0.20}};
        double[][] t = {{0.01, 0.99}, {0.50, 0.20}};
        double[][] y = Tensors.matrix(answer.get("outputs"));
        double[][] aHidden = Tensors.matrix(answer.at("/activations/hidden/a"));
        double[][] wHidden = Tensors.matrix(answer.at("/weights/hidden/W"));
        double[][] wOutput = Tensors.matrix(answer.at("/weights/output/W"));

        // L = ½·Σ(y − t)², so dL/dy = y − t, and σ' = y(1 − y).
        double[][] deltaOutput = new double[2][2];
        for (int n = 0; n < 2; n++) {
            for (int j = 0; j < 2; j++) {
                deltaOutput[n][j] = (y[n][j] - t[n][j]) * y[n][j] * (1 - y[n][j]);
            }
        }
        assertMatrix(Tensors.matrix(answer.at("/deltas/output")), deltaOutput);

        double[][] deltaHidden = multiply(deltaOutput, wOutput);
        for (int n = 0; n < 2; n++) {
            for (int j = 0; j < 2; j++) {
                deltaHidden[n][j] *= aHidden[n][j] * (1 - aHidden[n][j]);
            }
        }
        assertMatrix(Tensors.matrix(answer.at("/deltas/hidden")), deltaHidden);

        assertMatrix(Tensors.matrix(answer.at("/gradients/output/W")), multiply(transpose(deltaOutput), aHidden));
        assertClose(Tensors.data(answer.at("/gradients/output/b")), columnSums(deltaOutput), EXACT);
        assertMatrix(Tensors.matrix(answer.at("/gradients/hidden/W")), multiply(transpose(deltaHidden), x));
        assertClose(Tensors.data(answer.at("/gradients/hidden/b")), columnSums(deltaHidden), EXACT);
        assertMatrix(Tensors.matrix(answer.get("inputGradients")), multiply(deltaHidden, wHidden));

        double loss = 0;
        for (int n = 0; n < 2; n++) {
            for (int j = 0; j < 2; j++) {
                loss += 0.5 * (y[n][j] - t[n][j]) * (y[n][j] - t[n][j]);
            }
        }
        assertThat(answer.get("loss").doubleValue()).isCloseTo(loss, within(EXACT));
    }

    @Test
    void includedWeightsEchoTheSentWeights() throws Exception {
        JsonNode answer = answer(GRADIENTS, batchOfTwo());
        JsonNode sent = mapper.readTree(Body.WORKED_EXAMPLE).get("weights");
        assertThat(answer.get("weights")).isEqualTo(sent);
    }

    @Test
    void answerWithoutIncludeHasOnlyLossOutputsAndGradients() throws Exception {
        JsonNode answer = answer(GRADIENTS, Body.workedExample());
        assertThat(answer.propertyNames()).containsExactlyInAnyOrder("loss", "outputs", "gradients");
        assertThat(answer.get("gradients").propertyNames()).containsExactly("hidden", "output");
        assertThat(answer.at("/gradients/hidden").propertyNames()).containsExactly("W", "b");

        JsonNode outputsOnly = answer(GRADIENTS, Body.workedExample().set("/include", "[\"outputs\"]"));
        assertThat(outputsOnly).isEqualTo(answer);
    }

    @Test
    void eachIncludeAddsExactlyItsPart() throws Exception {
        for (String part : new String[] {"activations", "deltas", "inputGradients", "weights"}) {
            JsonNode answer = answer(GRADIENTS, Body.workedExample().set("/include", "[\"" + part + "\"]"));
            assertThat(answer.propertyNames()).as(part).containsExactlyInAnyOrder("loss", "outputs", "gradients", part);
        }
    }

    @Test
    void inputGradientsAreShapedLikeTheInputs() throws Exception {
        JsonNode answer = answer(GRADIENTS, batchOfTwo());
        assertThat(Tensors.shape(answer.get("inputGradients"))).containsExactly(2, 2);
        assertThat(Tensors.shape(answer.at("/deltas/hidden"))).containsExactly(2, 2);
    }

    @Test
    void initWithTheSameSeedGivesTheSameWeightsAndAnotherSeedOthers() throws Exception {
        Body seed7 = initialised(7);
        JsonNode first = answer(GRADIENTS, seed7);
        JsonNode second = answer(GRADIENTS, seed7.copy());
        JsonNode other = answer(GRADIENTS, initialised(8));

        assertThat(second.get("weights")).isEqualTo(first.get("weights"));
        assertThat(second.get("gradients")).isEqualTo(first.get("gradients"));
        assertThat(other.at("/weights/hidden/W")).isNotEqualTo(first.at("/weights/hidden/W"));
        assertThat(other.at("/weights/output/W")).isNotEqualTo(first.at("/weights/output/W"));
    }

    @Test
    void initDrawsXavierUniformWeightsWithinTheirBoundAndZeroBiases() throws Exception {
        JsonNode weights = answer(GRADIENTS, initialised(7)).get("weights");
        double bound = Math.sqrt(6.0 / (2 + 2));
        for (String layer : new String[] {"hidden", "output"}) {
            assertThat(Tensors.shape(weights.at("/" + layer + "/W"))).containsExactly(2, 2);
            for (double w : Tensors.data(weights.at("/" + layer + "/W"))) {
                assertThat(Math.abs(w)).isLessThanOrEqualTo(bound).isGreaterThan(0);
            }
            assertThat(Tensors.data(weights.at("/" + layer + "/b"))).containsExactly(0, 0);
        }
    }

    @Test
    void initialisedWeightsSentBackGiveTheSameGradients() throws Exception {
        JsonNode drawn = answer(GRADIENTS, initialised(7));
        Body explicit = Body.workedExample().set("/weights", drawn.get("weights").toString());
        JsonNode answer = answer(GRADIENTS, explicit);
        assertThat(answer.get("gradients")).isEqualTo(drawn.get("gradients"));
        assertThat(answer.get("loss")).isEqualTo(drawn.get("loss"));
    }

    @Test
    void forwardWithoutTargetsHasOutputsButNoLoss() throws Exception {
        JsonNode forward = answer(FORWARD, Body.workedExample().remove("/targets"));
        assertThat(forward.propertyNames()).containsExactly("outputs");
        assertClose(Tensors.data(forward.get("outputs")), new double[] {0.75136507, 0.772928465}, 1e-8);
    }

    @Test
    void forwardNeedsNoLossWithoutTargets() throws Exception {
        JsonNode forward = answer(FORWARD, Body.workedExample().remove("/targets").remove("/network/loss"));
        assertThat(forward.propertyNames()).containsExactly("outputs");
    }

    @Test
    void forwardWithTargetsHasTheLossOfGradients() throws Exception {
        JsonNode forward = answer(FORWARD, batchOfTwo().remove("/include"));
        JsonNode gradients = answer(GRADIENTS, batchOfTwo().remove("/include"));
        assertThat(forward.propertyNames()).containsExactlyInAnyOrder("outputs", "loss");
        assertThat(forward.get("loss")).isEqualTo(gradients.get("loss"));
        assertThat(forward.get("outputs")).isEqualTo(gradients.get("outputs"));
    }

    @Test
    void forwardIncludesActivationsAndWeightsAsGradientsDoes() throws Exception {
        String include = "[\"activations\", \"weights\"]";
        JsonNode forward = answer(FORWARD, batchOfTwo().set("/include", include));
        JsonNode gradients = answer(GRADIENTS, batchOfTwo().set("/include", include));
        assertThat(forward.get("activations")).isEqualTo(gradients.get("activations"));
        assertThat(forward.get("weights")).isEqualTo(gradients.get("weights"));
    }

    private static Body initialised(long seed) {
        return Body.workedExample()
                .remove("/weights")
                .set("/init", "{\"scheme\": \"xavier_uniform\", \"seed\": " + seed + "}")
                .set("/include", "[\"weights\"]");
    }

    private record Dense(double[][] w, double[] b) {}

    private static Dense weights(JsonNode answer, String layer) {
        return new Dense(Tensors.matrix(answer.at("/weights/" + layer + "/W")), Tensors.data(answer.at("/weights/" + layer + "/b")));
    }

    /** x·Wᵀ + b. */
    private static double[][] affine(double[][] x, Dense layer) {
        double[][] z = multiply(x, transpose(layer.w()));
        for (double[] row : z) {
            for (int j = 0; j < row.length; j++) {
                row[j] += layer.b()[j];
            }
        }
        return z;
    }

    private static double[][] sigmoid(double[][] z) {
        double[][] a = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[0].length; j++) {
                a[i][j] = 1 / (1 + Math.exp(-z[i][j]));
            }
        }
        return a;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[] columnSums(double[][] a) {
        double[] sums = new double[a[0].length];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                sums[j] += row[j];
            }
        }
        return sums;
    }

    private static void assertMatrix(double[][] actual, double[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertClose(actual[i], expected[i], EXACT);
        }
    }
}
