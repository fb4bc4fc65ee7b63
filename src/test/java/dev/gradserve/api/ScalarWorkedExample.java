package dev.gradserve.api;

/**
 * An independent float64 computation of the worked example with scalar loops and no ND4J, to hold
 * the service to 1e-12 where the published figures are rounded. Weight gradients are row-major.
 */
final class ScalarWorkedExample {

    final double loss;
    final double[] outputs;
    final double[] hiddenW = new double[4];
    final double[] hiddenB = new double[2];
    final double[] outputW = new double[4];
    final double[] outputB = new double[2];
    final double[] inputGradients = new double[2];

    ScalarWorkedExample() {
        double[] x = {0.05, 0.10};
        double[] t = {0.01, 0.99};
        double[][] w1 = {{0.15, 0.20}, {0.25, 0.30}};
        double[] b1 = {0.35, 0.35};
        double[][] w2 = {{0.40, 0.45}, {0.50, 0.55}};
        double[] b2 = {0.60, 0.60};

        double[] h = new double[2];
        for (int j = 0; j < 2; j++) {
            h[j] = sigmoid(w1[j][0] * x[0] + w1[j][1] * x[1] + b1[j]);
        }
        double[] y = new double[2];
        double sum = 0;
        for (int k = 0; k < 2; k++) {
            y[k] = sigmoid(w2[k][0] * h[0] + w2[k][1] * h[1] + b2[k]);
            sum += 0.5 * (t[k] - y[k]) * (t[k] - y[k]);
        }
        loss = sum;
        outputs = y;

        double[] deltaOut = new double[2];
        for (int k = 0; k < 2; k++) {
            deltaOut[k] = (y[k] - t[k]) * y[k] * (1 - y[k]);
            outputB[k] = deltaOut[k];
            for (int j = 0; j < 2; j++) {
                outputW[2 * k + j] = deltaOut[k] * h[j];
            }
        }
        double[] deltaHidden = new double[2];
        for (int j = 0; j < 2; j++) {
            deltaHidden[j] = (deltaOut[0] * w2[0][j] + deltaOut[1] * w2[1][j]) * h[j] * (1 - h[j]);
            hiddenB[j] = deltaHidden[j];
            for (int i = 0; i < 2; i++) {
                hiddenW[2 * j + i] = deltaHidden[j] * x[i];
            }
        }
        for (int i = 0; i < 2; i++) {
            inputGradients[i] = deltaHidden[0] * w1[0][i] + deltaHidden[1] * w1[1][i];
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
