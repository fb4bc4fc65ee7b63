package dev.gradserve.model.keras;

import dev.gradserve.model.ClientLayout;
import dev.gradserve.model.DType;
import dev.gradserve.model.Numbers;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violations;
import dev.gradserve.model.Weights;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Keras network's weights as Keras keeps them, by layer name and then variable name ({@code kernel},
 * {@code recurrent_kernel}, {@code bias}), converted to gradserve's parameters and back.
 */
public final class KerasLayout implements ClientLayout {

    /** Layer name → its variables' mappings, for the layers with weights, in order. */
    private final Map<String, List<ParameterMapping>> layers;

    KerasLayout(Map<String, List<ParameterMapping>> layers) {
        this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    /**
     * Keras weights as gradserve's parameters, after checking that every variable is there with Keras' shape
     * and holds numbers the dtype can compute with.
     *
     * @param pointer where the weights sit in the request, e.g. {@code /weights}
     * @return gradserve's weights by layer and parameter name, or null after adding the problems to {@code violations}
     */
    public Map<String, Map<String, Tensor>> fromClient(Map<String, Map<String, Tensor>> given, DType dtype, String pointer,
            Violations violations) {
        int before = violations.list().size();
        for (String layer : given.keySet()) {
            if (!layers.containsKey(layer)) {
                violations.add(Violations.pointer(pointer, layer), "no Keras layer '" + layer + "' with weights; expected "
                        + String.join(", ", layers.keySet()));
            }
        }
        Map<String, Map<String, Tensor>> converted = new LinkedHashMap<>();
        layers.forEach((layer, mappings) -> {
            String layerPointer = Violations.pointer(pointer, layer);
            Map<String, int[]> expected = variables(mappings);
            Map<String, Tensor> variables = given.get(layer);
            if (variables == null) {
                violations.add(layerPointer, "missing the weights of Keras layer '" + layer + "': " + describe(expected));
                return;
            }
            for (String name : variables.keySet()) {
                if (!expected.containsKey(name)) {
                    violations.add(Violations.pointer(layerPointer, name), "Keras layer '" + layer + "' has no variable '"
                            + name + "'; it has " + describe(expected));
                }
            }
            boolean fine = true;
            for (Map.Entry<String, int[]> variable : expected.entrySet()) {
                fine &= check(variables.get(variable.getKey()), variable.getValue(), dtype,
                        Violations.pointer(layerPointer, variable.getKey()), violations);
            }
            if (fine) {
                Map<String, Tensor> parameters = new LinkedHashMap<>();
                for (ParameterMapping mapping : mappings) {
                    double[] keras = variables.get(mapping.keras()).data();
                    double[] data = new double[mapping.size()];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = keras[mapping.toKeras().applyAsInt(i)];
                    }
                    parameters.put(mapping.name(), new Tensor(mapping.shape(), data));
                }
                converted.put(layer, parameters);
            }
        });
        return violations.list().size() == before ? converted : null;
    }

    /** gradserve's parameters (each possibly with leading dimensions, such as per-example [batch, …]) as Keras variables. */
    @Override
    public Weights toClient(Weights weights) {
        if (weights == null) {
            return null;
        }
        Map<String, Map<String, Tensor>> converted = new LinkedHashMap<>();
        weights.layers().forEach((layer, parameters) -> {
            List<ParameterMapping> mappings = layers.get(layer);
            converted.put(layer, mappings == null ? parameters : toKeras(parameters, mappings));
        });
        return new Weights(converted);
    }

    private static Map<String, Tensor> toKeras(Map<String, Tensor> parameters, List<ParameterMapping> mappings) {
        Map<String, Tensor> variables = new LinkedHashMap<>();
        for (ParameterMapping mapping : mappings) {
            Tensor parameter = parameters.get(mapping.name());
            if (parameter == null) {
                continue;
            }
            int size = mapping.size();
            int kerasSize = mapping.kerasSize();
            int blocks = parameter.size() / size;
            int[] leading = Arrays.copyOf(parameter.shape(), parameter.rank() - mapping.shape().length);
            int[] shape = Arrays.copyOf(leading, leading.length + mapping.kerasShape().length);
            System.arraycopy(mapping.kerasShape(), 0, shape, leading.length, mapping.kerasShape().length);
            double[] data = variables.computeIfAbsent(mapping.keras(), k -> new Tensor(shape, new double[blocks * kerasSize]))
                    .data();
            for (int block = 0; block < blocks; block++) {
                for (int i = 0; i < size; i++) {
                    data[block * kerasSize + mapping.toKeras().applyAsInt(i)] = parameter.data()[block * size + i];
                }
            }
        }
        return variables;
    }

    private static boolean check(Tensor tensor, int[] shape, DType dtype, String pointer, Violations violations) {
        if (tensor == null) {
            violations.add(pointer, "missing; expected shape " + Tensor.shapeString(shape) + " (Keras' layout)");
            return false;
        }
        if (!Arrays.equals(tensor.shape(), shape)) {
            boolean transposed = tensor.rank() == 2 && shape.length == 2 && tensor.shape()[0] == shape[1]
                    && tensor.shape()[1] == shape[0];
            violations.add(pointer, "expected shape " + Tensor.shapeString(shape) + " (Keras' layout, as weightLayout is "
                    + "keras), got " + Tensor.shapeString(tensor.shape())
                    + (transposed ? ": the transpose, as gradserve's layout writes it" : ""));
            return false;
        }
        return Numbers.checkRepresentable(tensor, dtype, pointer, violations);
    }

    private static Map<String, int[]> variables(List<ParameterMapping> mappings) {
        Map<String, int[]> variables = new LinkedHashMap<>();
        mappings.forEach(mapping -> variables.putIfAbsent(mapping.keras(), mapping.kerasShape()));
        return variables;
    }

    private static String describe(Map<String, int[]> variables) {
        return variables.entrySet().stream().map(v -> v.getKey() + " " + Tensor.shapeString(v.getValue()))
                .collect(Collectors.joining(", "));
    }
}
