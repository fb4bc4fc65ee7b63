package dev.gradserve.compute;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * rnn, lstm and gru forward passes in plain Java, element by element with {@link Math}, written from PyTorch's
 * equations independently of the layers: a reference for their values, and, with states detached at chunk
 * boundaries, the loss whose finite differences truncated backpropagation through time must give.
 */
final class PlainRecurrence {

    enum Cell { RNN_TANH, RNN_RELU, LSTM, GRU }

    private final Cell cell;
    private final double[][] wxh;
    private final double[][] whh;
    private final double[] bxh;
    private final double[] bhh;
    private final double[] h0;
    private final int units;

    /** With the current values of {@code parameters} (rnn and lstm: W_xh, W_hh, b; gru: also b_xh, b_hh). */
    PlainRecurrence(Cell cell, Map<String, INDArray> parameters, double[] h0) {
        this.cell = cell;
        this.wxh = matrix(parameters.get("W_xh"));
        this.whh = matrix(parameters.get("W_hh"));
        this.units = whh[0].length;
        this.bxh = NdArrays.doubles(parameters.get(cell == Cell.GRU ? "b_xh" : "b"));
        this.bhh = cell == Cell.GRU ? NdArrays.doubles(parameters.get("b_hh")) : new double[whh.length];
        this.h0 = h0 != null ? h0 : new double[units];
    }

    /**
     * The state after every step, [batch][time][2][units] (h, then c; c is 0 but for the lstm).
     *
     * @param truncation with {@code detached}, the chunk length k
     * @param detached   null, or the states of an earlier run: at every chunk boundary (t > 0, t % k = 0) step t
     *                   starts from that run's state instead of the one just computed, so that nothing before the
     *                   boundary depends on what is perturbed now, as after PyTorch's h.detach()
     */
    double[][][][] states(INDArray x, int truncation, double[][][][] detached) {
        double[][][] inputs = sequences(x);
        double[][][][] states = new double[inputs.length][inputs[0].length][][];
        for (int n = 0; n < inputs.length; n++) {
            double[][] state = {h0.clone(), new double[units]};
            for (int t = 0; t < inputs[n].length; t++) {
                if (detached != null && t > 0 && t % truncation == 0) {
                    state = detached[n][t - 1];
                }
                state = step(inputs[n][t], state[0], state[1]);
                states[n][t] = state;
            }
        }
        return states;
    }

    /** Σ c ⊙ output, with output every h_t [batch, time, units] or the last [batch, units]. */
    static double loss(double[][][][] states, boolean sequences, INDArray c) {
        double[] weights = NdArrays.doubles(c);
        int time = states[0].length;
        int units = states[0][0][0].length;
        double sum = 0;
        int k = 0;
        for (double[][][] example : states) {
            for (int t = sequences ? 0 : time - 1; t < time; t++) {
                for (int j = 0; j < units; j++) {
                    sum += weights[k++] * example[t][0][j];
                }
            }
        }
        return sum;
    }

    private double[][] step(double[] x, double[] h, double[] c) {
        double[] xPart = affine(wxh, x, bxh);
        double[] hPart = affine(whh, h, bhh);
        double[] hNext = new double[units];
        double[] cNext = new double[units];
        for (int j = 0; j < units; j++) {
            switch (cell) {
                case RNN_TANH -> hNext[j] = Math.tanh(xPart[j] + hPart[j]);
                case RNN_RELU -> hNext[j] = Math.max(0, xPart[j] + hPart[j]);
                case LSTM -> {
                    double i = sigmoid(xPart[j] + hPart[j]);
                    double f = sigmoid(xPart[units + j] + hPart[units + j]);
                    double g = Math.tanh(xPart[2 * units + j] + hPart[2 * units + j]);
                    double o = sigmoid(xPart[3 * units + j] + hPart[3 * units + j]);
                    cNext[j] = f * c[j] + i * g;
                    hNext[j] = o * Math.tanh(cNext[j]);
                }
                case GRU -> {
                    double r = sigmoid(xPart[j] + hPart[j]);
                    double z = sigmoid(xPart[units + j] + hPart[units + j]);
                    double n = Math.tanh(xPart[2 * units + j] + r * hPart[2 * units + j]);
                    hNext[j] = (1 - z) * n + z * h[j];
                }
            }
        }
        return new double[][] {hNext, cNext};
    }

    private static double[] affine(double[][] W, double[] v, double[] b) {
        double[] out = new double[W.length];
        for (int i = 0; i < W.length; i++) {
            double sum = b[i];
            for (int j = 0; j < v.length; j++) {
                sum += W[i][j] * v[j];
            }
            out[i] = sum;
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double[][] matrix(INDArray array) {
        double[] data = NdArrays.doubles(array);
        int rows = (int) array.size(0);
        int columns = (int) array.size(1);
        double[][] matrix = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * columns, matrix[i], 0, columns);
        }
        return matrix;
    }

    private static double[][][] sequences(INDArray x) {
        double[] data = NdArrays.doubles(x);
        int batch = (int) x.size(0);
        int time = (int) x.size(1);
        int features = (int) x.size(2);
        double[][][] sequences = new double[batch][time][features];
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < time; t++) {
                System.arraycopy(data, (n * time + t) * features, sequences[n][t], 0, features);
            }
        }
        return sequences;
    }
}
