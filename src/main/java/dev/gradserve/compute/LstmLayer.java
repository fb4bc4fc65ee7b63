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
 * An LSTM, PyTorch's one-layer nn.LSTM with batch_first, over inputs [batch, time, features]:
 * z_t = W_xh·x_t + W_hh·h_{t−1} + b, stacked [z_i, z_f, z_g, z_o]; i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o);
 * c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t); h_0 = c_0 = 0. W_xh [4·units, in], W_hh [4·units, units],
 * b [4·units] (PyTorch's b_ih + b_hh). X·W_xhᵀ + b is one matrix product over every step; only h_{t−1}·W_hhᵀ goes
 * step by step, and every step writes into blocks allocated once for the whole sequence.
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
        long batch = x.size(0);
        long time = x.size(1);
        long u = W_hh.size(1);
        INDArray xRows = Unrolling.timeMajorRows(x);
        INDArray z = Nd4j.gemm(xRows, W_xh, false, true).addiRowVector(parameters.get("b")).reshape('c', time, batch, 4 * u);
        INDArray gates = Nd4j.createUninitialized(x.dataType(), time, batch, 4 * u);
        INDArray c = Nd4j.zeros(x.dataType(), time + 1, batch, u);
        INDArray h = Nd4j.zeros(x.dataType(), time + 1, batch, u);
        INDArray tanhC = Nd4j.createUninitialized(x.dataType(), time, batch, u);
        for (long t = 0; t < time; t++) {
            INDArray zt = step(z, t);
            if (t > 0) {
                Nd4j.gemm(step(h, t), W_hh, zt, false, true, 1.0, 1.0);
            }
            INDArray gt = step(gates, t);
            Unrolling.sigmoid(zt, gt);
            Unrolling.tanh(columns(zt, 2 * u, 3 * u), columns(gt, 2 * u, 3 * u));
            INDArray ct = step(c, t + 1);
            columns(gt, u, 2 * u).mul(step(c, t), ct);
            ct.addi(columns(gt, 0, u).mul(columns(gt, 2 * u, 3 * u)));
            Unrolling.tanh(ct, step(tanhC, t));
            columns(gt, 3 * u, 4 * u).mul(step(tanhC, t), step(h, t + 1));
        }
        return new Trace(unrolling, xRows, x.shape(), W_xh, W_hh, z, gates, c, h, tanhC, unrolling.output(h));
    }

    /**
     * Time-major [time, batch, n] arrays of every step, with the states h and c from step 0 (zeros) on.
     *
     * @param zSteps the gate pre-activations [time, batch, 4·units]
     * @param gates  i, f, g, o [time, batch, 4·units]
     * @param cSteps c_t [time + 1, batch, units]
     * @param hSteps h_t [time + 1, batch, units]
     * @param tanhC  tanh(c_t) [time, batch, units]
     * @param a      the output: every h_t [batch, time, units] or the last [batch, units]
     */
    private record Trace(Unrolling unrolling, INDArray xRows, long[] inputShape, INDArray W_xh, INDArray W_hh,
            INDArray zSteps, INDArray gates, INDArray cSteps, INDArray hSteps, INDArray tanhC, INDArray a)
            implements LayerTrace {

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
            values.put("c", Unrolling.batchMajor(steps(cSteps, 1, cSteps.size(0))));
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
            long time = gates.size(0);
            long u = tanhC.size(2);
            INDArray slopes = gateSlopes(u, time);
            INDArray dHdC = tanhC.mul(tanhC).rsubi(1.0).muli(columns(gates, 3 * u, 4 * u));
            INDArray dH = unrolling.outputGradient(dLdA, time);
            INDArray dC = Nd4j.createUninitialized(dH.dataType(), dH.shape());
            INDArray delta = Nd4j.createUninitialized(gates.dataType(), gates.shape());
            for (long t = time - 1; t >= 0; t--) {
                INDArray dHt = step(dH, t);
                INDArray dCt = step(dC, t);
                boolean carried = t + 1 < time && unrolling.flowsBackFrom(t + 1);
                if (carried) {
                    Nd4j.gemm(step(delta, t + 1), W_hh, dHt, false, false, 1.0, 1.0);
                }
                dHt.mul(step(dHdC, t), dCt);
                if (carried) {
                    dCt.addi(step(dC, t + 1).mul(columns(step(gates, t + 1), u, 2 * u)));
                }
                INDArray slope = step(slopes, t);
                INDArray deltaT = step(delta, t);
                for (long k = 0; k < 3; k++) {
                    columns(slope, k * u, (k + 1) * u).mul(dCt, columns(deltaT, k * u, (k + 1) * u));
                }
                columns(slope, 3 * u, 4 * u).mul(dHt, columns(deltaT, 3 * u, 4 * u));
            }
            INDArray deltaRows = rows(delta);
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W_xh", Nd4j.gemm(deltaRows, xRows, true, false));
            gradients.put("W_hh", Nd4j.gemm(deltaRows, rows(steps(hSteps, 0, time)), true, false));
            gradients.put("b", deltaRows.sum(0));
            INDArray dLdX = needInputGradient ? Unrolling.inputGradient(deltaRows, W_xh, inputShape) : null;
            return new LayerGradients(gradients, dLdX, Unrolling.batchMajor(delta), Unrolling.stepNorms(dH));
        }

        /**
         * For every step at once, what δ_t is per unit of dL/dc_t (i, f, g blocks) or of dL/dh_t (o block):
         * [g ⊙ i(1−i), c_{t−1} ⊙ f(1−f), i ⊙ (1−g²), tanh(c_t) ⊙ o(1−o)].
         */
        private INDArray gateSlopes(long u, long time) {
            INDArray slopes = gates.rsub(1.0).muli(gates);
            INDArray g = columns(gates, 2 * u, 3 * u);
            columns(slopes, 0, u).muli(g);
            columns(slopes, u, 2 * u).muli(steps(cSteps, 0, time));
            columns(slopes, 2 * u, 3 * u).assign(g.mul(g).rsubi(1.0).muli(columns(gates, 0, u)));
            columns(slopes, 3 * u, 4 * u).muli(tanhC);
            return slopes;
        }
    }
}
