package dev.gradserve.model;

import java.util.List;

/**
 * A network definition that has been checked: every layer named and shaped. Only
 * {@link NetworkValidator} makes one, so the compute core can trust it.
 *
 * @param spec       the definition as the client gave it
 * @param inputShape one example's shape
 * @param layers     in order
 */
public record Architecture(NetworkSpec spec, int[] inputShape, List<ResolvedLayer> layers) {

    public LossSpec loss() {
        return spec.loss();
    }

    public ResolvedLayer outputLayer() {
        return layers.get(layers.size() - 1);
    }

    public int[] outputShape() {
        return outputLayer().outputShape();
    }

    public long parameterCount() {
        long count = 0;
        for (ResolvedLayer layer : layers) {
            for (ParameterShape parameter : layer.parameters()) {
                count += parameter.size();
            }
        }
        return count;
    }

    /**
     * Numbers one example makes the computation hold across all layers: outputs and what layers gather
     * (a convolution's windows), saturating at {@link Long#MAX_VALUE}.
     */
    public long activationSizePerExample() {
        long size = Tensor.elementCount(inputShape);
        for (ResolvedLayer layer : layers) {
            size = saturatingAdd(saturatingAdd(size, layer.outputSize()), layer.scratch());
        }
        return size;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    public ResolvedLayer layer(String name) {
        for (ResolvedLayer layer : layers) {
            if (layer.name().equals(name)) {
                return layer;
            }
        }
        return null;
    }
}
