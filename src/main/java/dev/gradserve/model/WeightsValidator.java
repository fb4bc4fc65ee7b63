package dev.gradserve.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks client-given weights against an architecture: every parameter present, shaped and finite, nothing extra. */
public final class WeightsValidator {

    private WeightsValidator() {}

    /**
     * @param pointer where the weights sit in the request, e.g. {@code /weights}
     * @return the weights in layer order, or null after adding the problems to {@code violations}
     */
    public static Weights check(Architecture architecture, Map<String, Map<String, Tensor>> given, DType dtype,
            String pointer, Violations violations) {
        int before = violations.list().size();
        for (String layerName : given.keySet()) {
            ResolvedLayer layer = architecture.layer(layerName);
            if (layer == null || layer.parameters().isEmpty()) {
                violations.add(Violations.pointer(pointer, layerName), "no layer '" + layerName + "' with parameters; expected "
                        + layersWithParameters(architecture));
            }
        }
        Map<String, Map<String, Tensor>> ordered = new LinkedHashMap<>();
        for (ResolvedLayer layer : architecture.layers()) {
            if (layer.parameters().isEmpty()) {
                continue;
            }
            String layerPointer = Violations.pointer(pointer, layer.name());
            Map<String, Tensor> parameters = given.get(layer.name());
            if (parameters == null) {
                violations.add(layerPointer, "missing weights of layer '" + layer.name() + "': "
                        + describe(layer));
                continue;
            }
            for (String name : parameters.keySet()) {
                if (layer.parameters().stream().noneMatch(p -> p.name().equals(name))) {
                    violations.add(Violations.pointer(layerPointer, name), "layer '" + layer.name() + "' has no parameter '"
                            + name + "'; it has " + describe(layer));
                }
            }
            Map<String, Tensor> checked = new LinkedHashMap<>();
            for (ParameterShape expected : layer.parameters()) {
                String parameterPointer = Violations.pointer(layerPointer, expected.name());
                Tensor tensor = parameters.get(expected.name());
                if (tensor == null) {
                    violations.add(parameterPointer, "missing; expected shape " + Tensor.shapeString(expected.shape()));
                } else if (!java.util.Arrays.equals(tensor.shape(), expected.shape())) {
                    violations.add(parameterPointer, "expected shape " + Tensor.shapeString(expected.shape()) + ", got "
                            + Tensor.shapeString(tensor.shape()));
                } else if (Numbers.checkRepresentable(tensor, dtype, parameterPointer, violations)) {
                    checked.put(expected.name(), tensor);
                }
            }
            ordered.put(layer.name(), checked);
        }
        return violations.list().size() == before ? new Weights(ordered) : null;
    }

    private static String layersWithParameters(Architecture architecture) {
        return architecture.layers().stream().filter(l -> !l.parameters().isEmpty()).map(ResolvedLayer::name)
                .collect(Collectors.joining(", "));
    }

    private static String describe(ResolvedLayer layer) {
        return layer.parameters().stream().map(p -> p.name() + " " + Tensor.shapeString(p.shape()))
                .collect(Collectors.joining(", "));
    }
}
