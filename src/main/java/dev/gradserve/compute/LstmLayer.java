package dev.gradserve.compute;

import static dev.gradserve.compute.Unrolling.rows;
import static dev.gradserve.compute.Unrolling.steps;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An LSTM, PyTorch's one-layer nn.LSTM with batch_first, over inputs [batch, time, features]:
 * z_t = W_xh·x_t + W_hh·h_{t−1} + b, stacked [z_i, z_f, z_g, z_o]; i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o);
 * c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t); h_0 = c_0 = 0. W_xh [4·units, in], W_hh [4·units, units],
 * b [4·units] (PyTorch's b_ih + b_hh). X·W_xhᵀ + b is one matrix product over every step; only h_{t−1}·W_hhᵀ goes
 * step by step, and the gates' arithmetic runs on plain arrays allocated once for the whole sequence.
 */
final class LstmLayer implements Layer {

    private final String name;
    private final Unrolling unrolling;

    LstmLayer(String name, Unrolling unrolling) {
        this.name = name;
        this.unrolling = unrolling;
    }

    @Override
    public String name() {
        return name;
    }

    /** The output is h itself: the gates' activations are applied inside, at every step. */
    @Override
    public Activation activation() {
        return Activations.IDENTITY;
    }

    @Override
    public LayerTrace forward(INDArray x, Map<String, INDArray> parameters) {
        INDArray W_xh = parameters.get("W_xh");
        INDArray W_hh = parameters.get("W_hh");
        RecurrentSizes n = new RecurrentSizes((int) x.size(0), (int) x.size(1), (int) W_hh.size(1), 4,
                x.dataType() == DataType.FLOAT);
        int u = n.units;
        INDArray xRows = Unrolling.timeMajorRows(x);
        double[] z = NdArrays.doubles(Gemm.product(xRows, W_xh, false, true).addiRowVector(parameters.get("b")));
        double[] gates = new double[z.length];
        double[] c = new double[(n.time + 1) * n.state];
        double[] h = new double[(n.time + 1) * n.state];
        double[] tanhC = new double[n.time * n.state];
        StepProduct recurrent = new StepProduct(W_hh, true, n.batch, x.dataType());
        StepActivations activations = new StepActivations(2 * n.state, n.single);
        for (int t = 0; t < n.time; t++) {
            if (t > 0) {
                double[] fromH = recurrent.of(h, t * n.state);
                for (int j = 0; j < n.block; j++) {
                    z[t * n.block + j] = n.round(z[t * n.block + j] + fromH[j]);
                }
            }
            int block = t * n.block;
            activations.sigmoid(z, block, gates, block, 4 * u, n.batch, 2 * u);
            activations.tanh(z, block + 2 * u, gates, block + 2 * u, 4 * u, n.batch, u);
            activations.sigmoid(z, block + 3 * u, gates, block + 3 * u, 4 * u, n.batch, u);
            for (int example = 0; example < n.batch; example++) {
                int row = block + example * 4 * u;
                int state = t * n.state + example * u;
                for (int k = 0; k < u; k++) {
                    double f = gates[row + u + k];
                    double i = gates[row + k];
                    double g = gates[row + 2 * u + k];
                    c[state + n.state + k] = n.round(f * c[state + k] + i * g);
                }
            }
            activations.tanh(c, (t + 1) * n.state, tanhC, t * n.state, n.state, 1, n.state);
            for (int example = 0; example < n.batch; example++) {
                int row = block + example * 4 * u;
                int state = t * n.state + example * u;
                for (int k = 0; k < u; k++) {
                    h[state + n.state + k] = n.round(gates[row + 3 * u + k] * tanhC[state + k]);
                }
            }
        }
        INDArray hSteps = NdArrays.fromDoubles(h, new long[] {n.time + 1, n.batch, n.units}, x.dataType());
        return new Trace(unrolling, n, xRows, x.shape(), W_xh, W_hh, z, gates, c, hSteps, tanhC, unrolling.output(hSteps));
    }

    /**
     * Time-major arrays of every step ([time, batch, n] in row-major order), with the states h and c from step 0
     * (zeros) on. The gate math runs on plain arrays step by step (ND4J costs more per call than a step's
     * arithmetic); only the matrix products are ND4J's.
     *
     * @param zSteps the gate pre-activations [time, batch, 4·units]
     * @param gates  i, f, g, o [time, batch, 4·units]
     * @param c      c_t [time + 1, batch, units]
     * @param hSteps h_t [time + 1, batch, units], for the matrix products
     * @param tanhC  tanh(c_t) [time, batch, units]
     * @param a      the output: every h_t [batch, time, units] or the last [batch, units]
     */
    private record Trace(Unrolling unrolling, RecurrentSizes n, INDArray xRows, long[] inputShape, INDArray W_xh, INDArray W_hh,
            double[] zSteps, double[] gates, double[] c, INDArray hSteps, double[] tanhC, INDArray a) implements LayerTrace {

        /** The output is not activated again: z is a. */
        @Override
        public INDArray z() {
            return a;
        }

        @Override
        public Map<String, INDArray> reported() {
            DataType type = hSteps.dataType();
            Map<String, INDArray> values = new LinkedHashMap<>();
            values.put("z", Unrolling.batchMajor(NdArrays.fromDoubles(zSteps, new long[] {n.time, n.batch, 4L * n.units}, type)));
            values.put("a", Unrolling.batchMajor(steps(hSteps, 1, hSteps.size(0))));
            double[] states = Arrays.copyOfRange(c, n.state, c.length);
            values.put("c", Unrolling.batchMajor(NdArrays.fromDoubles(states, new long[] {n.time, n.batch, n.units}, type)));
            return values;
        }

        /**
         * Backpropagation through time, from the last step back (the terms from step t+1 cut at chunk boundaries):
         * dL/dh_t = dL/d output_t + δ_{t+1}·W_hh, dL/dc_t = dL/dh_t ⊙ o ⊙ (1 − tanh²c_t) + dL/dc_{t+1} ⊙ f_{t+1},
         * δ_t = dL/dz_t = [dL/dc_t ⊙ g ⊙ i(1−i), dL/dc_t ⊙ c_{t−1} ⊙ f(1−f), dL/dc_t ⊙ i ⊙ (1−g²),
         * dL/dh_t ⊙ tanh(c_t) ⊙ o(1−o)]; then over all steps at once dL/dW_xh = Σ_t δ_tᵀ·x_t,
         * dL/dW_hh = Σ_t δ_tᵀ·h_{t−1}, dL/db = Σ_t Σ_batch δ_t, dL/dx_t = δ_t·W_xh.
         *
         * @param dLdA dL/d output, shaped like the output
         */
        @Override
        public LayerGradients backward(INDArray dLdA, boolean needInputGradient) {
            double[] dH = NdArrays.doubles(unrolling.outputGradient(dLdA, n.time));
            double[] dC = new double[n.time * n.state];
            double[] delta = new double[n.time * n.block];
            StepProduct recurrent = new StepProduct(W_hh, false, n.batch, hSteps.dataType());
            for (int t = n.time - 1; t >= 0; t--) {
                boolean carried = t + 1 < n.time && unrolling.flowsBackFrom(t + 1);
                if (carried) {
                    double[] fromNextStep = recurrent.of(delta, (t + 1) * n.block);
                    for (int s = 0; s < n.state; s++) {
                        dH[t * n.state + s] += fromNextStep[s];
                    }
                }
                for (int example = 0; example < n.batch; example++) {
                    int row = t * n.block + example * 4 * n.units;
                    for (int k = 0; k < n.units; k++) {
                        int s = t * n.state + example * n.units + k;
                        double i = gates[row + k];
                        double f = gates[row + n.units + k];
                        double g = gates[row + 2 * n.units + k];
                        double o = gates[row + 3 * n.units + k];
                        double dh = dH[s];
                        double dc = dh * o * (1 - tanhC[s] * tanhC[s]);
                        if (carried) {
                            dc += dC[s + n.state] * gates[row + n.block + n.units + k];
                        }
                        dC[s] = dc;
                        delta[row + k] = dc * g * i * (1 - i);
                        delta[row + n.units + k] = dc * c[s] * f * (1 - f);
                        delta[row + 2 * n.units + k] = dc * i * (1 - g * g);
                        delta[row + 3 * n.units + k] = dh * tanhC[s] * o * (1 - o);
                    }
                }
            }
            INDArray deltaSteps = NdArrays.fromDoubles(delta, new long[] {n.time, n.batch, 4L * n.units},
                    hSteps.dataType());
            INDArray deltaRows = rows(deltaSteps);
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W_xh", Gemm.product(deltaRows, xRows, true, false));
            gradients.put("W_hh", Gemm.product(deltaRows, rows(steps(hSteps, 0, n.time)), true, false));
            gradients.put("b", NdArrays.columnSums(delta, 4 * n.units, hSteps.dataType()));
            INDArray dLdX = needInputGradient ? Unrolling.inputGradient(deltaRows, W_xh, inputShape) : null;
            return new LayerGradients(gradients, dLdX, () -> Unrolling.batchMajor(deltaSteps),
                    () -> Unrolling.stepNorms(dH, n.time));
        }
    }
}
