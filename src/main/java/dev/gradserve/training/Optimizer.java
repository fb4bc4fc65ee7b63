package dev.gradserve.training;

import java.util.Map;

/**
 * One optimizer's update rule, applied to one parameter tensor at a time, element by element,
 * exactly as {@code torch.optim} writes it. Plain double arrays: the rules are elementwise, and
 * written out they read like the PyTorch source they follow.
 */
interface Optimizer {

    /**
     * Updates {@code p} in place.
     *
     * @param p       the parameter, updated in place
     * @param g       its gradient (already clipped); read only
     * @param buffers this parameter's state by name (e.g. {@code expAvg}); the optimizer adds missing ones
     * @param t       the number of this update, from 1
     */
    void update(double[] p, double[] g, Map<String, double[]> buffers, long t);

    /** A buffer that starts at zero. */
    static double[] zeros(Map<String, double[]> buffers, String name, int length) {
        return buffers.computeIfAbsent(name, key -> new double[length]);
    }
}
