package dev.gradserve.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import tools.jackson.databind.JsonNode;

/** The worked example of API.md as request bodies, and its known answer. */
final class Bodies {

    static final String NETWORK = """
            {"inputShape": [2], "layers": [
                {"name": "hidden", "type": "dense", "units": 2, "activation": "sigmoid"},
                {"name": "output", "type": "dense", "units": 2, "activation": "sigmoid"}],
              "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}}""";
    static final String WEIGHTS = """
            {"hidden": {"W": [[0.15, 0.20], [0.25, 0.30]], "b": [0.35, 0.35]},
             "output": {"W": [[0.40, 0.45], [0.50, 0.55]], "b": [0.60, 0.60]}}""";
    static final String GRADIENTS = "{\"network\": " + NETWORK + ", \"weights\": " + WEIGHTS
            + ", \"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]]}";
    static final String FORWARD = "{\"network\": " + NETWORK + ", \"weights\": " + WEIGHTS + ", \"inputs\": [[0.05, 0.10]]}";
    static final String SESSION = "{\"network\": " + NETWORK + ", \"weights\": " + WEIGHTS
            + ", \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.5}}";
    static final String STEP = "{\"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]]}";

    /** API.md: loss 0.298371109, dE/dw5 = 0.082167041. */
    static final double LOSS = 0.2983711087600027;
    static final double DW5 = 0.08216704056423078;

    private Bodies() {}

    /** The answer to {@link #GRADIENTS} is the worked example's, to the last digit printed in API.md. */
    static void assertWorkedExample(JsonNode answer) {
        assertThat(answer.get("loss").doubleValue()).isCloseTo(LOSS, within(1e-12));
        assertThat(answer.at("/gradients/output/W/0/0").doubleValue()).isCloseTo(DW5, within(1e-12));
        assertThat(answer.at("/outputs/0/0").doubleValue()).isCloseTo(0.75136507, within(1e-8));
    }
}
