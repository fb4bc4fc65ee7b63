package dev.gradserve.compute;

import static dev.gradserve.compute.Unrolling.rows;
import static dev.gradserve.compute.Unrolling.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GRU, PyTorch's one-layer nn.GRU with batch_first, over inputs [batch, time, features]: with
 * x-parts X_t = W_xh·x_t + b_xh and h-parts H_t = W_hh·h_{t−1} + b_hh, stacked [r, z, n],
 * r = σ(X_r + H_r), z = σ(X_z + H_z), n = tanh(X_n + r ⊙ H_n), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}; h_0 = 0.
 * W_xh [3·units, in], W_hh [3·units, units], b_xh and b_hh [3·units]. The x-parts of every step are one matrix
 * product; only the h-parts go step by step, and the gates' arithmetic runs on plain arrays.
 */
final class GruLayer implements Layer {

    private final String name;
    private final Unrolling unrolling;

    GruLayer(String name, Unrolling unrolling) {
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
        RecurrentSizes n = new RecurrentSizes((int) x.size(0), (int) x.size(1), (int) W_hh.size(1), 3,
                x.dataType() == DataType.FLOAT);
        int u = n.units;
        INDArray xRows = Unrolling.timeMajorRows(x);
        double[] z = NdArrays.doubles(Gemm.product(xRows, W_xh, false, true).addiRowVector(parameters.get("b_xh")));
        double[] bias = NdArrays.doubles(parameters.get("b_hh"));
        double[] hParts = new double[z.length];
        double[] gates = new double[z.length];
        double[] h = new double[(n.time + 1) * n.state];
        StepProduct recurrent = new StepProduct(W_hh, true, n.batch, x.dataType());
        StepActivations activations = new StepActivations(2 * n.state, n.single);
        for (int t = 0; t < n.time; t++) {
            double[] fromH = t > 0 ? recurrent.of(h, t * n.state) : null;
            int block = t * n.block;
            for (int example = 0; example < n.batch; example++) {
                int row = block + example * 3 * u;
                for (int j = 0; j < 3 * u; j++) {
                    hParts[row + j] = n.round(bias[j] + (t > 0 ? fromH[example * 3 * u + j] : 0));
                }
                for (int j = 0; j < 2 * u; j++) {
                    z[row + j] = n.round(z[row + j] + hParts[row + j]);
                }
            }
            activations.sigmoid(z, block, gates, block, 3 * u, n.batch, 2 * u);
            for (int example = 0; example < n.batch; example++) {
                int row = block + example * 3 * u;
                for (int k = 0; k < u; k++) {
                    z[row + 2 * u + k] = n.round(z[row + 2 * u + k] + gates[row + k] * hParts[row + 2 * u + k]);
                }
            }
            activations.tanh(z, block + 2 * u, gates, block + 2 * u, 3 * u, n.batch, u);
            for (int example = 0; example < n.batch; example++) {
                int row = block + example * 3 * u;
                int state = t * n.state + example * u;
                for (int k = 0; k < u; k++) {
                    double update = gates[row + u + k];
                    double candidate = gates[row + 2 * u + k];
                    h[state + n.state + k] = n.round((h[state + k] - candidate) * update + candidate);
                }
            }
        }
        INDArray hSteps = NdArrays.fromDoubles(h, new long[] {n.time + 1, n.batch, u}, x.dataType());
        return new Trace(unrolling, n, xRows, x.shape(), W_xh, W_hh, z, hParts, gates, h, hSteps, unrolling.output(hSteps));
    }

    /**
     * Time-major arrays of every step ([time, batch, n] in row-major order). The gate math runs on plain arrays
     * step by step (ND4J costs more per call than a step's arithmetic); only the matrix products are ND4J's.
     *
     * @param zSteps the pre-activations [time, batch, 3·units]: X_r + H_r, X_z + H_z, X_n + r ⊙ H_n
     * @param hParts H_t [time, batch, 3·units]
     * @param gates  r, z, n [time, batch, 3·units]
     * @param h      h_t [time + 1, batch, units], h_0 first; {@code hSteps} the same as an array
     * @param a      the output: every h_t [batch, time, units] or the last [batch, units]
     */
    private record Trace(Unrolling unrolling, RecurrentSizes n, INDArray xRows, long[] inputShape, INDArray W_xh, INDArray W_hh,
            double[] zSteps, double[] hParts, double[] gates, double[] h, INDArray hSteps, INDArray a)
            implements LayerTrace {

        /** The output is not activated again: z is a. */
        @Override
        public INDArray z() {
            return a;
        }

        @Override
        public Map<String, INDArray> reported() {
            Map<String, INDArray> values = new LinkedHashMap<>();
            values.put("z", Unrolling.batchMajor(NdArrays.fromDoubles(zSteps, new long[] {n.time, n.batch, 3L * n.units},
                    hSteps.dataType())));
            values.put("a", Unrolling.batchMajor(steps(hSteps, 1, hSteps.size(0))));
            return values;
        }

        /**
         * Backpropagation through time, from the last step back (the terms from step t+1 cut at chunk boundaries):
         * dL/dh_t = dL/d output_t + δH_{t+1}·W_hh + dL/dh_{t+1} ⊙ z_{t+1}; the error signals of the pre-activations
         * δ_n = dL/dh_t ⊙ (1 − z) ⊙ (1 − n²), δ_z = dL/dh_t ⊙ (h_{t−1} − n) ⊙ z(1 − z), δ_r = δ_n ⊙ H_n ⊙ r(1 − r);
         * of the x-parts δX = [δ_r, δ_z, δ_n] and of the h-parts δH = [δ_r, δ_z, δ_n ⊙ r]. Then over all steps at
         * once dL/dW_xh = Σ_t δX_tᵀ·x_t, dL/db_xh = Σ δX, dL/dW_hh = Σ_t δH_tᵀ·h_{t−1}, dL/db_hh = Σ δH,
         * dL/dx_t = δX_t·W_xh.
         *
         * @param dLdA dL/d output, shaped like the output
         */
        @Override
        public LayerGradients backward(INDArray dLdA, boolean needInputGradient) {
            int u = n.units;
            double[] dH = NdArrays.doubles(unrolling.outputGradient(dLdA, n.time));
            double[] deltaX = new double[n.time * n.block];
            double[] deltaH = new double[n.time * n.block];
            StepProduct recurrent = new StepProduct(W_hh, false, n.batch, hSteps.dataType());
            for (int t = n.time - 1; t >= 0; t--) {
                boolean carried = t + 1 < n.time && unrolling.flowsBackFrom(t + 1);
                double[] fromNextStep = carried ? recurrent.of(deltaH, (t + 1) * n.block) : null;
                for (int example = 0; example < n.batch; example++) {
                    int row = t * n.block + example * 3 * u;
                    for (int k = 0; k < u; k++) {
                        int s = t * n.state + example * u + k;
                        if (carried) {
                            dH[s] += fromNextStep[example * u + k] + dH[s + n.state] * gates[row + n.block + u + k];
                        }
                        double r = gates[row + k];
                        double update = gates[row + u + k];
                        double candidate = gates[row + 2 * u + k];
                        double dN = dH[s] * (1 - update) * (1 - candidate * candidate);
                        double dR = dN * hParts[row + 2 * u + k] * r * (1 - r);
                        double dZ = dH[s] * (h[s] - candidate) * update * (1 - update);
                        deltaX[row + k] = dR;
                        deltaX[row + u + k] = dZ;
                        deltaX[row + 2 * u + k] = dN;
                        deltaH[row + k] = dR;
                        deltaH[row + u + k] = dZ;
                        deltaH[row + 2 * u + k] = dN * r;
                    }
                }
            }
            long[] shape = {n.time, n.batch, 3L * u};
            INDArray deltaXSteps = NdArrays.fromDoubles(deltaX, shape, hSteps.dataType());
            INDArray deltaXRows = rows(deltaXSteps);
            INDArray deltaHRows = rows(NdArrays.fromDoubles(deltaH, shape, hSteps.dataType()));
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W_xh", Gemm.product(deltaXRows, xRows, true, false));
            gradients.put("W_hh", Gemm.product(deltaHRows, rows(steps(hSteps, 0, n.time)), true, false));
            gradients.put("b_xh", NdArrays.columnSums(deltaX, 3 * u, hSteps.dataType()));
            gradients.put("b_hh", NdArrays.columnSums(deltaH, 3 * u, hSteps.dataType()));
            INDArray dLdX = needInputGradient ? Unrolling.inputGradient(deltaXRows, W_xh, inputShape) : null;
            return new LayerGradients(gradients, dLdX, () -> Unrolling.batchMajor(deltaXSteps),
                    () -> Unrolling.stepNorms(dH, n.time));
        }
    }
}
