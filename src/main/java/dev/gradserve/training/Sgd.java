package dev.gradserve.training;

import dev.gradserve.model.SgdSpec;
import java.util.Map;

/** torch.optim.SGD, with momentum, dampening, Nesterov momentum and weight decay. */
final class Sgd implements Optimizer {

    private final double lr;
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    Sgd(SgdSpec spec) {
        this.lr = spec.learningRate();
        this.momentum = spec.momentum();
        this.dampening = spec.dampening();
        this.nesterov = spec.nesterov();
        this.weightDecay = spec.weightDecay();
    }

    /** g += λp; b = g (first time) or μb + (1 − dampening)g; g = g + μb (Nesterov) or b; p −= lr·g. */
    @Override
    public void update(double[] p, double[] g, Map<String, double[]> buffers, long t) {
        double[] buffer = momentum == 0 ? null : buffers.get("momentumBuffer");
        boolean first = momentum != 0 && buffer == null;
        if (first) {
            buffer = new double[p.length];
            buffers.put("momentumBuffer", buffer);
        }
        for (int i = 0; i < p.length; i++) {
            double d = g[i] + weightDecay * p[i];
            if (momentum != 0) {
                buffer[i] = first ? d : momentum * buffer[i] + (1 - dampening) * d;
                d = nesterov ? d + momentum * buffer[i] : buffer[i];
            }
            p[i] -= lr * d;
        }
    }
}
