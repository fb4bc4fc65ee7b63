package dev.gradserve.training;

import dev.gradserve.compute.GradientResult;
import dev.gradserve.model.DType;
import dev.gradserve.model.Weights;

/**
 * One training step, for the answer.
 *
 * @param step     updates applied, this one included
 * @param version  the session's version after it
 * @param computed loss, outputs and gradients of the weights before the update (and what include asked for);
 *                 null for an update with gradients given
 * @param weights  the weights after the update
 * @param dtype    the session's precision
 */
public record StepResult(long step, long version, GradientResult computed, Weights weights, DType dtype) {}
