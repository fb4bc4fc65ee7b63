package dev.gradserve.compute;

import dev.gradserve.model.Tensor;

/**
 * A layer's forward values, as {@code include: ["activations"]} shows them.
 *
 * @param z the pre-activation (per time step for a recurrent layer: the gate pre-activations of an LSTM or GRU)
 * @param a the activation (the hidden states h_t of a recurrent layer)
 * @param c an LSTM's cell states c_t; null for other layers
 */
public record LayerValues(Tensor z, Tensor a, Tensor c) {}
