package dev.gradserve.training;

import dev.gradserve.model.AdagradSpec;
import java.util.Arrays;
import java.util.Map;

/** torch.optim.Adagrad, with learning-rate decay, an initial accumulator and weight decay. */
final class Adagrad implements Optimizer {

    private final double lr;
    private final double decay;
    private final double initialAccumulator;
    private final double epsilon;
    private final double weightDecay;

    Adagrad(AdagradSpec spec) {
        this.lr = spec.learningRate();
        this.decay = spec.learningRateDecay();
        this.initialAccumulator = spec.initialAccumulatorValue();
        this.epsilon = spec.epsilon();
        this.weightDecay = spec.weightDecay();
    }

    /** g += λp; rate = lr / (1 + (t − 1)·decay); s += g²; p −= rate·g / (√s + ε). */
    @Override
    public void update(double[] p, double[] g, Map<String, double[]> buffers, long t) {
        double[] sum = buffers.computeIfAbsent("sum", key -> {
            double[] start = new double[p.length];
            Arrays.fill(start, initialAccumulator);
            return start;
        });
        double rate = lr / (1 + (t - 1) * decay);
        for (int i = 0; i < p.length; i++) {
            double d = g[i] + weightDecay * p[i];
            sum[i] += d * d;
            p[i] -= rate * d / (Math.sqrt(sum[i]) + epsilon);
        }
    }
}
