package dev.gradserve.model;

import java.util.List;

/**
 * A layer of a checked network, with its name settled and its shapes known.
 *
 * @param name        as given, or {@code layerN}
 * @param spec        the definition
 * @param inputShape  one example's input shape
 * @param outputShape one example's output shape
 * @param parameters  what {@code weights} must hold for it, in order
 * @param scratch     numbers its computation gathers per example besides the output
 */
public record ResolvedLayer(String name, LayerSpec spec, int[] inputShape, int[] outputShape,
        List<ParameterShape> parameters, long scratch) {

    public long outputSize() {
        return Tensor.elementCount(outputShape);
    }
}
