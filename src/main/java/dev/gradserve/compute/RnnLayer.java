package dev.gradserve.compute;

import static dev.gradserve.compute.Unrolling.rows;
import static dev.gradserve.compute.Unrolling.step;
import static dev.gradserve.compute.Unrolling.steps;

import dev.gradserve.model.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An Elman RNN, PyTorch's one-layer nn.RNN with batch_first: over inputs [batch, time, features],
 * z_t = W_xh·x_t + W_hh·h_{t−1} + b, h_t = act(z_t) (tanh or relu), h_0 given or zero; W_xh [units, in],
 * W_hh [units, units], b [units]. The input part X·W_xhᵀ + b of every step is one matrix product; only
 * h_{t−1}·W_hhᵀ goes step by step. The activation's own forward and backward are reused at every step.
 */
final class RnnLayer implements Layer {

    private final String name;
    private final Activation activation;
    /** h_0 [units] for every example, or null for zeros. */
    private final double[] initialState;
    private final Unrolling unrolling;

    RnnLayer(String name, Activation activation, Tensor initialState, Unrolling unrolling) {
        this.name = name;
        this.activation = activation;
        this.initialState = initialState == null ? null : initialState.data();
        this.unrolling = unrolling;
    }

    @Override
    public String name() {
        return name;
    }

    /** The output is h itself: the activation is applied inside, at every step. */
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
        long units = W_hh.size(0);
        INDArray xRows = Unrolling.timeMajorRows(x);
        INDArray z = Gemm.product(xRows, W_xh, false, true).addiRowVector(parameters.get("b"))
                .reshape('c', time, batch, units);
        INDArray h = Nd4j.zeros(x.dataType(), time + 1, batch, units);
        if (initialState != null) {
            step(h, 0).addiRowVector(Nd4j.create(initialState, new long[] {units}, x.dataType()));
        }
        for (long t = 0; t < time; t++) {
            INDArray zt = step(z, t);
            if (t > 0 || initialState != null) {
                Gemm.into(step(h, t), W_hh, zt, false, true, 1.0);
            }
            step(h, t + 1).assign(activation.forward(zt));
        }
        return new Trace(activation, unrolling, xRows, x.shape(), W_xh, W_hh, z, h, unrolling.output(h));
    }

    /**
     * @param xRows  the inputs as time-major rows [time·batch, in]
     * @param zSteps z_t, time-major [time, batch, units]
     * @param hSteps h_t, time-major [time + 1, batch, units], h_0 first
     * @param a      the output: every h_t [batch, time, units] or the last [batch, units]
     */
    private record Trace(Activation activation, Unrolling unrolling, INDArray xRows, long[] inputShape, INDArray W_xh,
            INDArray W_hh, INDArray zSteps, INDArray hSteps, INDArray a) implements LayerTrace {

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
         * Backpropagation through time, from the last step back: dL/dh_t = dL/d output_t + δ_{t+1}·W_hh (the second
         * term cut at chunk boundaries), δ_t = dL/dz_t = act'(z_t) ⊙ dL/dh_t; then over all steps at once
         * dL/dW_xh = Σ_t δ_tᵀ·x_t, dL/dW_hh = Σ_t δ_tᵀ·h_{t−1}, dL/db = Σ_t Σ_batch δ_t, dL/dx_t = δ_t·W_xh.
         *
         * @param dLdA dL/d output, shaped like the output
         */
        @Override
        public LayerGradients backward(INDArray dLdA, boolean needInputGradient) {
            long time = zSteps.size(0);
            INDArray dH = unrolling.outputGradient(dLdA, time);
            INDArray delta = Nd4j.createUninitialized(zSteps.dataType(), zSteps.shape());
            for (long t = time - 1; t >= 0; t--) {
                INDArray dHt = step(dH, t);
                if (t + 1 < time && unrolling.flowsBackFrom(t + 1)) {
                    Gemm.into(step(delta, t + 1), W_hh, dHt, false, false, 1.0);
                }
                step(delta, t).assign(activation.backward(step(zSteps, t), step(hSteps, t + 1), dHt));
            }
            INDArray deltaRows = rows(delta);
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            gradients.put("W_xh", Gemm.product(deltaRows, xRows, true, false));
            gradients.put("W_hh", Gemm.product(deltaRows, rows(steps(hSteps, 0, time)), true, false));
            gradients.put("b", NdArrays.columnSums(deltaRows));
            INDArray dLdX = needInputGradient ? Unrolling.inputGradient(deltaRows, W_xh, inputShape) : null;
            return new LayerGradients(gradients, dLdX, () -> Unrolling.batchMajor(delta), () -> Unrolling.stepNorms(dH));
        }
    }
}
