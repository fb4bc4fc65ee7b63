package dev.gradserve.compute;

import java.util.Map;

/**
 * How large one layer's gradients are, to watch them vanish or explode.
 *
 * @param norm       the L2 norm of all the layer's parameter gradients together
 * @param parameters the L2 norm of each parameter's gradient
 * @param timeSteps  for a recurrent layer, ‖dL/dh_t‖ at every time step t (over the whole batch); null otherwise
 */
public record GradientNorms(double norm, Map<String, Double> parameters, double[] timeSteps) {}
