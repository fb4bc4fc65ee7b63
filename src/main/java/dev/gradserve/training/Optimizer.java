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

    /**
     * The same update from one version's arrays into another's: {@code p} and {@code buffers} are only read; the
     * results go into {@code into} and into the arrays of the same names in {@code buffersInto} (their values are
     * overwritten), and buffers the update starts are added to {@code buffersInto}; all rounded to float when
     * {@code single}. This default copies, updates in place and rounds; an optimizer may do it in one pass.
     *
     * @return true when every value written into {@code into} is known to be finite; false when not known (this
     *         default does not look)
     */
    default boolean update(double[] p, double[] g, Map<String, double[]> buffers, long t, double[] into,
            Map<String, double[]> buffersInto, boolean single) {
        System.arraycopy(p, 0, into, 0, p.length);
        buffers.forEach((name, values) -> System.arraycopy(values, 0, buffersInto.get(name), 0, values.length));
        update(into, g, buffersInto, t);
        if (single) {
            Precision.roundToFloat(into);
            buffersInto.values().forEach(Precision::roundToFloat);
        }
        return false;
    }

    /** A buffer that starts at zero. */
    static double[] zeros(Map<String, double[]> buffers, String name, int length) {
        return buffers.computeIfAbsent(name, key -> new double[length]);
    }
}
