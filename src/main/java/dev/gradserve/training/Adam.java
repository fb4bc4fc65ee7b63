package dev.gradserve.training;

import dev.gradserve.compute.VectorApi;
import dev.gradserve.model.AdamSpec;
import java.util.Map;

/**
 * torch.optim.Adam, with bias correction, L2 weight decay and AMSGrad. From one version's arrays into another's it runs
 * {@link VectorAdam}'s single pass when the JVM has the Vector API ({@link VectorApi}).
 */
final class Adam implements Optimizer {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean vectors;

    Adam(AdamSpec spec) {
        this(spec, VectorApi.AVAILABLE);
    }

    /** @param vectors whether to take {@link VectorAdam}'s pass where it applies (tests compare both) */
    Adam(AdamSpec spec, boolean vectors) {
        this.lr = spec.learningRate();
        this.beta1 = spec.beta1();
        this.beta2 = spec.beta2();
        this.epsilon = spec.epsilon();
        this.weightDecay = spec.weightDecay();
        this.amsgrad = spec.amsgrad();
        this.vectors = vectors;
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
        double stepSize = stepSize(t);
        double correction2Sqrt = correction2Sqrt(t);
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

    /** In one pass of {@link VectorAdam} once the buffers exist (from the second update on), else as the default. */
    @Override
    public boolean update(double[] p, double[] g, Map<String, double[]> buffers, long t, double[] into,
            Map<String, double[]> buffersInto, boolean single) {
        double[] m = buffers.get("expAvg");
        double[] v = buffers.get("expAvgSq");
        double[] vMax = buffers.get("maxExpAvgSq");
        if (!vectors || m == null || v == null || amsgrad && vMax == null) {
            return Optimizer.super.update(p, g, buffers, t, into, buffersInto, single);
        }
        return VectorAdam.update(stepSize(t), correction2Sqrt(t), beta1, beta2, epsilon, weightDecay, p, g, m, v,
                amsgrad ? vMax : null, into, buffersInto.get("expAvg"), buffersInto.get("expAvgSq"),
                amsgrad ? buffersInto.get("maxExpAvgSq") : null, single);
    }

    private double stepSize(long t) {
        return lr / (1 - Math.pow(beta1, t));
    }

    private double correction2Sqrt(long t) {
        return Math.sqrt(1 - Math.pow(beta2, t));
    }
}
