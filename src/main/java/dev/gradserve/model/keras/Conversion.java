package dev.gradserve.model.keras;

import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.ActivationType;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.Conv2dSpec;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.LayerGeometry;
import dev.gradserve.model.LayerSpec;
import dev.gradserve.model.Limits;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.NetworkValidator;
import dev.gradserve.model.Violation;
import dev.gradserve.model.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * One conversion of a Keras model, layer by layer: the gradserve layers so far, the Keras layer each came from (to
 * point problems found in gradserve's terms at the config), and how their parameters map.
 */
final class Conversion {

    private static final Set<String> SUPPORTED = Set.of("Dense", "Conv2D", "MaxPooling2D", "AveragePooling2D", "Flatten",
            "SimpleRNN", "LSTM", "GRU", "Activation");
    private static final String SUPPORTED_NAMES = "InputLayer (first), Dense, Conv2D, MaxPooling2D, AveragePooling2D, "
            + "Flatten, SimpleRNN, LSTM, GRU, Activation";
    /** gradserve's field of a layer → the Keras setting, to point problems found in gradserve's terms at the config. */
    private static final Map<String, String> SETTINGS = Map.of("name", "name", "units", "units", "filters", "filters",
            "kernelSize", "kernel_size", "stride", "strides", "padding", "padding", "poolSize", "pool_size",
            "activation", "activation");

    private final KerasConfig config;
    private final String pointer;
    private final Violations violations;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<String> origins = new ArrayList<>();
    private final Map<String, List<ParameterMapping>> parameters = new LinkedHashMap<>();

    Conversion(KerasConfig config, String pointer, Violations violations) {
        this.config = config;
        this.pointer = pointer;
        this.violations = violations;
    }

    /**
     * @param inputShape one example's shape, every dimension known
     * @return the converted network, checked as any network is, or null after adding the problems to the violations
     */
    KerasModel run(int[] inputShape, NetworkSpec network, Limits limits) {
        int[] shape = inputShape;
        IntUnaryOperator featureOrder = null;
        LayerConfig reordering = null;
        for (int i = 0; i < config.layers().size(); i++) {
            LayerConfig layer = config.layers().get(i);
            if (!SUPPORTED.contains(layer.className())) {
                unsupported(config.layers().subList(i, config.layers().size()));
                return null;
            }
            if (reordering != null && !layer.className().equals("Dense")) {
                break;
            }
            if (layer.className().equals("Activation")) {
                if (!fold(layer)) {
                    return null;
                }
                continue;
            }
            String name = layer.name();
            Converted converted = switch (layer.className()) {
                case "Dense" -> SpatialLayers.dense(layer, name, shape,
                        featureOrder == null ? IntUnaryOperator.identity() : featureOrder);
                case "Conv2D" -> SpatialLayers.conv2d(layer, name, shape);
                case "MaxPooling2D", "AveragePooling2D" -> SpatialLayers.pool2d(layer, name, shape);
                case "Flatten" -> SpatialLayers.flatten(layer, name);
                case "SimpleRNN" -> RecurrentLayers.simpleRnn(layer, name, shape);
                case "LSTM" -> RecurrentLayers.lstm(layer, name, shape);
                default -> RecurrentLayers.gru(layer, name, shape);
            };
            featureOrder = layer.className().equals("Flatten") ? SpatialLayers.flattenOrder(layer, shape) : null;
            reordering = featureOrder != null ? layer : null;
            shape = converted == null || name == null ? null : add(layer, converted, shape);
            if (shape == null) {
                unsupported(config.layers().subList(i + 1, config.layers().size()));
                return null;
            }
        }
        if (reordering != null) {
            reordering.problem("data_format", "a channels_first Flatten orders the features as [height, width, "
                    + "channels], which gradserve can take over only into the Dense layer right after it; give "
                    + "data_format \"channels_last\" (the order of the tensor as it is), or put a Dense after it");
            return null;
        }
        Violations found = new Violations();
        Architecture architecture = NetworkValidator.resolve(new NetworkSpec(Arrays.stream(inputShape).boxed().toList(),
                List.copyOf(layers), network.loss()), limits, pointer, found);
        found.list().forEach(this::report);
        return architecture == null ? null : new KerasModel(architecture, new KerasLayout(parameters));
    }

    /** @return the layer's output shape, or null after a problem */
    private int[] add(LayerConfig layer, Converted converted, int[] shape) {
        layers.add(converted.spec());
        origins.add(layer.pointer());
        Violations found = new Violations();
        LayerGeometry geometry = converted.spec().resolve(shape, pointer + "/layers/" + (layers.size() - 1), found);
        found.list().forEach(this::report);
        if (!converted.parameters().isEmpty()) {
            parameters.put(converted.spec().name(), converted.parameters());
        }
        return geometry == null ? null : geometry.outputShape();
    }

    /**
     * An Activation layer as the activation of the Dense or Conv2D just before it, when that one's is linear.
     * A linear Activation changes nothing wherever it is.
     */
    private boolean fold(LayerConfig layer) {
        ActivationSpec activation = layer.activation("activation", "linear");
        if (activation == null) {
            return false;
        }
        LayerSpec previous = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        LayerSpec folded = null;
        if (activation.type() == ActivationType.IDENTITY) {
            return true;
        } else if (previous instanceof DenseSpec dense && dense.activationOrDefault().type() == ActivationType.IDENTITY) {
            folded = new DenseSpec(dense.name(), dense.type(), dense.units(), activation, dense.useBias());
        } else if (previous instanceof Conv2dSpec conv && conv.activationOrDefault().type() == ActivationType.IDENTITY) {
            folded = new Conv2dSpec(conv.name(), conv.type(), conv.filters(), conv.kernelSize(), conv.stride(),
                    conv.padding(), activation, conv.useBias());
        }
        if (folded == null) {
            layer.classProblem("an Activation layer is taken as the activation of the Dense or Conv2D layer "
                    + "right before it, whose own activation must be linear; here it follows "
                    + (previous == null ? "the input" : "a " + previous.type() + " layer"
                            + (previous instanceof DenseSpec || previous instanceof Conv2dSpec ? " with an activation" : "")));
            return false;
        }
        layers.set(layers.size() - 1, folded);
        return true;
    }

    /** Reports every layer of an unsupported class among {@code rest}, so that one answer names them all. */
    private void unsupported(List<LayerConfig> rest) {
        for (LayerConfig layer : rest) {
            if (!SUPPORTED.contains(layer.className())) {
                layer.classProblem(layer.className().equals("InputLayer")
                        ? "an InputLayer can only be the first layer"
                        : "the Keras layer " + layer.className() + " cannot be imported; supported: " + SUPPORTED_NAMES);
            }
        }
    }

    /** A problem found in gradserve's terms, pointed at the Keras config it came from. */
    private void report(Violation violation) {
        String found = violation.pointer();
        String layersPointer = pointer + "/layers";
        String at = found;
        if (found.startsWith(layersPointer + "/")) {
            String[] tokens = found.substring(layersPointer.length() + 1).split("/", 3);
            String setting = tokens.length > 1 ? SETTINGS.get(tokens[1]) : null;
            at = origins.get(Integer.parseInt(tokens[0])) + (setting == null ? "" : "/config/" + setting);
        } else if (found.equals(layersPointer)) {
            at = config.layersPointer();
        } else if (found.startsWith(pointer + "/inputShape")) {
            at = config.inputPointer();
        }
        violations.add(at, violation.message());
    }
}
