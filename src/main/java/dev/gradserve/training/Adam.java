package dev.gradserve.training;

import dev.gradserve.model.AdamSpec;
import java.util.Map;

/** torch.optim.Adam, with bias correction, L2 weight decay and AMSGrad. */
final class Adam implements Optimizer {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean amsgrad;

    Adam(AdamSpec spec) {
        this.lr = spec.learningRate();
        this.beta1 = spec.beta1();
        this.beta2 = spec.beta2();
        this.epsilon = spec.epsilon();
        this.weightDecay = spec.weightDecay();
        this.amsgrad = spec.amsgrad();
    }

    /**
     * g += λp; m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²; (AMSGrad: v̂ = max(v̂, v), used for v);
     * p −= lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).
     */
    @Override
    public void update(double[] p, double[] g, Map<String, double[]> buffers, long t) {
        double[] m = Optimizer.zeros(buffers, "expAvg", p.length);
        double[] v = Optimizer.zeros(buffers, "expAvgSq", p.length);
        double[] vMax = amsgrad ? Optimizer.zeros(buffers, "maxExpAvgSq", p.length) : null;
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        for (int i = 0; i < p.length; i++) {
            double d = g[i] + weightDecay * p[i];
            m[i] = beta1 * m[i] + (1 - beta1) * d;
            v[i] = beta2 * v[i] + (1 - beta2) * d * d;
            double second = v[i];
            if (amsgrad) {
                vMax[i] = Math.max(vMax[i], v[i]);
                second = vMax[i];
            }
            p[i] -= stepSize * m[i] / (Math.sqrt(second) / correction2Sqrt + epsilon);
        }
    }
}
