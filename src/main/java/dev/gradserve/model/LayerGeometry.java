package dev.gradserve.model;

import java.util.List;

/**
 * What a layer turns its input shape into: its output shape (without the batch) and its parameters.
 *
 * @param outputShape one example's output shape
 * @param parameters  what the layer's weights are
 * @param scratch     numbers the computation gathers per example besides the output (a convolution's
 *                    windows, for instance), counted against the activation limit
 */
public record LayerGeometry(int[] outputShape, List<ParameterShape> parameters, long scratch) {

    public LayerGeometry(int[] outputShape, List<ParameterShape> parameters) {
        this(outputShape, parameters, 0);
    }
}
