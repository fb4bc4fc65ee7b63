package dev.gradserve.model.keras;

import dev.gradserve.model.Architecture;

/**
 * A Keras Sequential model converted: the network in gradserve's terms, and how its Keras variables
 * map to gradserve's parameters.
 *
 * @param architecture the converted network, checked
 * @param layout       Keras' weight layout of this network
 */
public record KerasModel(Architecture architecture, KerasLayout layout) {}
