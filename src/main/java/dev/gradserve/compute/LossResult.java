package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * @param value the reduced, scaled loss
 * @param dLdZ  its gradient with respect to the output layer's pre-activation
 */
public record LossResult(double value, INDArray dLdZ) {}
