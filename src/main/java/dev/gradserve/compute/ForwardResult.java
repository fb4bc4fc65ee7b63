package dev.gradserve.compute;

import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import java.util.Map;

/**
 * What a forward computation answers. Optional parts are null unless asked for.
 *
 * @param outputs     the network's outputs
 * @param loss        the loss, when targets were given
 * @param activations z and a per layer
 * @param weights     the weights used
 */
public record ForwardResult(Tensor outputs, Double loss, Map<String, LayerValues> activations, Weights weights) {}
