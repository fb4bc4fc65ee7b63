package dev.gradserve.training;

import dev.gradserve.model.RmspropSpec;
import java.util.Map;

/** torch.optim.RMSprop, centered or not, with momentum and weight decay. */
final class RmsProp implements Optimizer {

    private final double lr;
    private final double alpha;
    private final double epsilon;
    private final double momentum;
    private final boolean centered;
    private final double weightDecay;

    RmsProp(RmspropSpec spec) {
        this.lr = spec.learningRate();
        this.alpha = spec.alpha();
        this.epsilon = spec.epsilon();
        this.momentum = spec.momentum();
        this.centered = spec.centered();
        this.weightDecay = spec.weightDecay();
    }

    /**
     * g += λp; s = αs + (1 − α)g²; d = √(s − ḡ²) + ε with ḡ = αḡ + (1 − α)g (centered) or √s + ε;
     * b = μb + g/d, p −= lr·b (momentum) or p −= lr·g/d.
     */
    @Override
    public void update(double[] p, double[] g, Map<String, double[]> buffers, long t) {
        double[] square = Optimizer.zeros(buffers, "squareAvg", p.length);
        double[] mean = centered ? Optimizer.zeros(buffers, "gradAvg", p.length) : null;
        double[] buffer = momentum > 0 ? Optimizer.zeros(buffers, "momentumBuffer", p.length) : null;
        for (int i = 0; i < p.length; i++) {
            double d = g[i] + weightDecay * p[i];
            square[i] = alpha * square[i] + (1 - alpha) * d * d;
            double variance = square[i];
            if (centered) {
                mean[i] = alpha * mean[i] + (1 - alpha) * d;
                variance -= mean[i] * mean[i];
            }
            double denominator = Math.sqrt(variance) + epsilon;
            if (momentum > 0) {
                buffer[i] = momentum * buffer[i] + d / denominator;
                p[i] -= lr * buffer[i];
            } else {
                p[i] -= lr * d / denominator;
            }
        }
    }
}
