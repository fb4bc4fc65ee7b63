package dev.gradserve.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a network, keyed by layer name and then parameter name, in layer order.
 * Layers without parameters have no entry.
 */
public record Weights(Map<String, Map<String, Tensor>> layers) {

    public Weights {
        Map<String, Map<String, Tensor>> copy = new LinkedHashMap<>();
        layers.forEach((layer, parameters) -> copy.put(layer, Collections.unmodifiableMap(new LinkedHashMap<>(parameters))));
        layers = Collections.unmodifiableMap(copy);
    }

    public Tensor get(String layer, String parameter) {
        Map<String, Tensor> parameters = layers.get(layer);
        return parameters == null ? null : parameters.get(parameter);
    }

    /** How many numbers all the tensors hold together. */
    public long parameterCount() {
        long count = 0;
        for (Map<String, Tensor> parameters : layers.values()) {
            for (Tensor tensor : parameters.values()) {
                count += tensor.data().length;
            }
        }
        return count;
    }
}
