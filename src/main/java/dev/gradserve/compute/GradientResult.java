package dev.gradserve.compute;

import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import java.util.Map;

/**
 * What a gradient computation answers. Optional parts are null unless asked for.
 *
 * @param loss           the loss value; null for a vector–Jacobian product (dL/d outputs given)
 * @param outputs        the network's outputs
 * @param gradients      dL/d parameter, keyed like the weights
 * @param activations    z and a per layer
 * @param deltas         dL/dz per layer
 * @param inputGradients dL/d inputs
 * @param weights        the weights used
 * @param gradientNorms  per layer with parameters or time steps: how large its gradients are
 * @param perExample     each parameter's gradient for every example alone, [batch, …parameter shape]
 */
public record GradientResult(Double loss, Tensor outputs, Weights gradients, Map<String, LayerValues> activations,
        Map<String, Tensor> deltas, Tensor inputGradients, Weights weights, Map<String, GradientNorms> gradientNorms,
        Weights perExample) {

    GradientResult withPerExample(Weights perExampleGradients) {
        return new GradientResult(loss, outputs, gradients, activations, deltas, inputGradients, weights, gradientNorms,
                perExampleGradients);
    }
}
