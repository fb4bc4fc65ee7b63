package dev.gradserve.compute;

import static dev.gradserve.compute.Unrolling.columns;
import static dev.gradserve.compute.Unrolling.rows;
import static dev.gradserve.compute.Unrolling.step;
import static dev.gradserve.compute.Unrolling.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GRU, PyTorch's one-layer nn.GRU with batch_first, over inputs [batch, time, features]: with
 * x-parts X_t = W_xh·x_t + b_xh and h-parts H_t = W_hh·h_{t−1} + b_hh, stacked [r, z, n],
 * r = σ(X_r + H_r), z = σ(X_z + H_z), n = tanh(X_n + r ⊙ H_n), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}; h_0 = 0.
 * W_xh [3·units, in], W_hh [3·units, units], b_xh and b_hh [3·units]. The x-parts of every step are one matrix
 * product; only the h-parts go step by step.
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
        long batch = x.size(0);
        long time = x.size(1);
        long u = W_hh.size(1);
        INDArray xRows = Unrolling.timeMajorRows(x);
        INDArray z = Nd4j.gemm(xRows, W_xh, false, true).addiRowVector(parameters.get("b_xh"))
                .reshape('c', time, batch, 3 * u);
        INDArray hParts = Nd4j.zeros(x.dataType(), time, batch, 3 * u);
        rows(hParts).addiRowVector(parameters.get("b_hh"));
        INDArray gates = Nd4j.createUninitialized(x.dataType(), time, batch, 3 * u);
        INDArray h = Nd4j.zeros(x.dataType(), time + 1, batch, u);
        for (long t = 0; t < time; t++) {
            INDArray zt = step(z, t);
            INDArray ht = step(hParts, t);
            if (t > 0) {
                Nd4j.gemm(step(h, t), W_hh, ht, false, true, 1.0, 1.0);
            }
            INDArray gt = step(gates, t);
            columns(zt, 0, 2 * u).addi(columns(ht, 0, 2 * u));
            Unrolling.sigmoid(columns(zt, 0, 2 * u), columns(gt, 0, 2 * u));
            INDArray n = columns(gt, 2 * u, 3 * u);
            columns(zt, 2 * u, 3 * u).addi(columns(ht, 2 * u, 3 * u).mul(columns(gt, 0, u)));
            Unrolling.tanh(columns(zt, 2 * u, 3 * u), n);
            INDArray hNext = step(h, t + 1);
            step(h, t).sub(n, hNext).muli(columns(gt, u, 2 * u)).addi(n);
        }
        return new Trace(unrolling, xRows, x.shape(), W_xh, W_hh, z, hParts, gates, h, unrolling.output(h));
    }

    /**
     * Time-major [time, batch, n] arrays of every step.
     *
     * @param zSteps the pre-activations [time, batch, 3·units]: X_r + H_r, X_z + H_z, X_n + r ⊙ H_n
     * @param hParts H_t [time, batch, 3·units]
     * @param gates  r, z, n [time, batch, 3·units]
     * @param hSteps h_t [time + 1, batch, units], h_0 first
     * @param a      the output: every h_t [batch, time, units] or the last [batch, units]
     */
    private record Trace(Unrolling unrolling, INDArray xRows, long[] inputShape, INDArray W_xh, INDArray W_hh,
            INDArray zSteps, INDArray hParts, INDArray gates, INDArray hSteps, INDArray a) implements LayerTrace {

        /** The output is not activated again: z is a. */
        @Override
        public INDArray z() {
            return a;
        }

        @Override
        public Map<String, INDArray> reported() {
            Map<String, INDArray> values = new LinkedHashMap<>();
            values.put("z", Unrolling.batchMajor(zSteps));
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
            long time = gates.size(0);
            long u = W_hh.size(1);
            INDArray slopes = gateSlopes(u, time);
            INDArray dH = unrolling.outputGradient(dLdA, time);
            INDArray deltaX = Nd4j.createUninitialized(gates.dataType(), gates.shape());
            INDArray deltaH = Nd4j.createUninitialized(gates.dataType(), gates.shape());
            for (long t = time - 1; t >= 0; t--) {
                INDArray dHt = step(dH, t);
                if (t + 1 < time && unrolling.flowsBackFrom(t + 1)) {
                    Nd4j.gemm(step(deltaH, t + 1), W_hh, dHt, false, false, 1.0, 1.0);
                    dHt.addi(step(dH, t + 1).mul(columns(step(gates, t + 1), u, 2 * u)));
                }
                INDArray slope = step(slopes, t);
                INDArray dX = step(deltaX, t);
                INDArray dN = columns(dX, 2 * u, 3 * u);
                dHt.mul(columns(slope, 2 * u, 3 * u), dN);
                dHt.mul(columns(slope, u, 2 * u), columns(dX, u, 2 * u));
                dN.mul(columns(slope, 0, u), columns(dX, 0, u));
                INDArray dHParts = step(deltaH, t);
                columns(dHParts, 0, 2 * u).assign(columns(dX, 0, 2 * u));
                dN.mul(columns(step(gates, t), 0, u), columns(dHParts, 2 * u, 3 * u));
            }
            INDArray deltaXRows = rows(deltaX);
            INDArray deltaHRows = rows(deltaH);
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W_xh", Nd4j.gemm(deltaXRows, xRows, true, false));
            gradients.put("W_hh", Nd4j.gemm(deltaHRows, rows(steps(hSteps, 0, time)), true, false));
            gradients.put("b_xh", deltaXRows.sum(0));
            gradients.put("b_hh", deltaHRows.sum(0));
            INDArray dLdX = needInputGradient ? Unrolling.inputGradient(deltaXRows, W_xh, inputShape) : null;
            return new LayerGradients(gradients, dLdX, Unrolling.batchMajor(deltaX), Unrolling.stepNorms(dH));
        }

        /**
         * For every step at once, what δ_r is per unit of δ_n, and δ_z and δ_n per unit of dL/dh_t:
         * [H_n ⊙ r(1 − r), (h_{t−1} − n) ⊙ z(1 − z), (1 − z) ⊙ (1 − n²)].
         */
        private INDArray gateSlopes(long u, long time) {
            INDArray slopes = gates.rsub(1.0);
            INDArray r = columns(gates, 0, u);
            INDArray z = columns(gates, u, 2 * u);
            INDArray n = columns(gates, 2 * u, 3 * u);
            columns(slopes, 0, u).muli(r).muli(columns(hParts, 2 * u, 3 * u));
            columns(slopes, u, 2 * u).muli(z).muli(steps(hSteps, 0, time).sub(n));
            columns(slopes, 2 * u, 3 * u).assign(n.mul(n).rsubi(1.0).muli(z.rsub(1.0)));
            return slopes;
        }
    }
}
