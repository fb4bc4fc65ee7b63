package dev.gradserve.compute;

import java.util.Map;

/**
 * @param passed           whether every relative error is within the tolerance
 * @param maxRelativeError over all parameters
 * @param maxAbsoluteError over all parameters
 * @param parameters       per layer, per parameter
 */
public record GradientCheckResult(boolean passed, double maxRelativeError, double maxAbsoluteError,
        Map<String, Map<String, ParameterCheck>> parameters) {

    /**
     * @param maxRelativeError over the parameter's elements
     * @param maxAbsoluteError over the parameter's elements
     * @param worstIndex       the element with the largest relative error
     * @param analytic         backpropagation's value there
     * @param numeric          the finite-difference value there
     */
    public record ParameterCheck(double maxRelativeError, double maxAbsoluteError, int[] worstIndex, double analytic,
            double numeric) {}
}
