package dev.gradserve.compute;

import dev.gradserve.model.Tensor;

/**
 * @param z a layer's pre-activation
 * @param a its activation
 */
public record LayerValues(Tensor z, Tensor a) {}
