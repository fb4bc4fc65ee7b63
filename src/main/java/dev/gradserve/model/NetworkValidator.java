package dev.gradserve.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link NetworkSpec} into an {@link Architecture}: names the layers, infers every shape,
 * and checks what Bean Validation cannot (parameters of activations and losses, names, limits).
 */
public final class NetworkValidator {

    private NetworkValidator() {}

    /**
     * @param pointer where the network sits in the request, e.g. {@code /network}
     * @return the architecture, or null after adding the problems to {@code violations}
     */
    public static Architecture resolve(NetworkSpec spec, Limits limits, String pointer, Violations violations) {
        int before = violations.list().size();
        String layersPointer = pointer + "/layers";
        if (!defined(spec, pointer, violations)) {
            return null;
        }
        if (spec.layers().size() > limits.maxLayers()) {
            violations.add(layersPointer, "at most " + limits.maxLayers() + " layers are allowed, got " + spec.layers().size());
            return null;
        }
        int[] inputShape = spec.inputShape().stream().mapToInt(Integer::intValue).toArray();
        boolean recurrent = spec.layers().stream().anyMatch(layer -> layer instanceof RecurrentSpec);
        if (recurrent && inputShape.length == 2 && inputShape[0] > limits.maxSequenceLength()) {
            violations.add(pointer + "/inputShape/0", "sequences of " + inputShape[0] + " time steps are over the limit of "
                    + limits.maxSequenceLength());
            return null;
        }
        int[] shape = inputShape;
        List<ResolvedLayer> layers = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            String layerPointer = layersPointer + "/" + i;
            String name = layer.name() != null ? layer.name() : "layer" + (i + 1);
            if (name.isBlank()) {
                violations.add(layerPointer + "/name", "a layer name must not be blank");
            }
            Integer previous = names.putIfAbsent(name, i);
            if (previous != null) {
                violations.add(layerPointer + (layer.name() != null ? "/name" : ""),
                        "layer name '" + name + "' is already used by layer " + previous + " (names default to layerN, 1-based)");
            }
            if (layer instanceof DenseSpec dense) {
                checkActivation(dense.activationOrDefault(), layerPointer + "/activation", violations);
            } else if (layer instanceof Conv2dSpec conv) {
                checkActivation(conv.activationOrDefault(), layerPointer + "/activation", violations);
            } else if (layer instanceof RnnSpec rnn) {
                checkActivation(rnn.activationOrDefault(), layerPointer + "/activation", violations);
            }
            LayerGeometry geometry = layer.resolve(shape, layerPointer, violations);
            if (geometry == null) {
                return null;
            }
            layers.add(new ResolvedLayer(name, layer, shape, geometry.outputShape(), geometry.parameters(), geometry.scratch()));
            shape = geometry.outputShape();
        }
        if (spec.loss() != null) {
            checkLoss(spec.loss(), shape, pointer + "/loss", violations);
        }
        Architecture architecture = new Architecture(spec, inputShape, List.copyOf(layers));
        if (architecture.parameterCount() > limits.maxParameters()) {
            violations.add(layersPointer, "the network has " + architecture.parameterCount()
                    + " parameters; at most " + limits.maxParameters() + " are allowed");
        }
        return violations.list().size() == before ? architecture : null;
    }

    /** Whether the definition has its shape and layers, in gradserve's terms (a Keras config is converted before). */
    private static boolean defined(NetworkSpec spec, String pointer, Violations violations) {
        if (spec.keras() != null) {
            violations.add(pointer + "/keras", "a Keras config is converted where a network is sent with its weights; "
                    + "here gradserve's own definition (inputShape and layers) is expected");
            return false;
        }
        if (spec.inputShape() == null || spec.inputShape().isEmpty()) {
            violations.add(pointer + "/inputShape", "must not be empty" + (spec.layers() == null
                    ? ": give inputShape and layers, or keras (a Keras model's config)" : ""));
        }
        if (spec.layers() == null || spec.layers().isEmpty()) {
            violations.add(pointer + "/layers", "must not be empty" + (spec.inputShape() == null
                    ? ": give inputShape and layers, or keras (a Keras model's config)" : ""));
        }
        return spec.inputShape() != null && !spec.inputShape().isEmpty() && spec.layers() != null
                && !spec.layers().isEmpty();
    }

    private static void checkActivation(ActivationSpec activation, String pointer, Violations violations) {
        if (activation.alpha() == null) {
            return;
        }
        if (!activation.type().hasAlpha()) {
            violations.add(pointer + "/alpha", activation.type().wireName() + " takes no alpha; only leaky_relu and elu do");
        } else if (!Double.isFinite(activation.alpha())) {
            violations.add(pointer + "/alpha", "alpha must be a finite number");
        }
    }

    private static void checkLoss(LossSpec loss, int[] outputShape, String pointer, Violations violations) {
        if (loss.scale() != null && !Double.isFinite(loss.scale())) {
            violations.add(pointer + "/scale", "scale must be a finite number");
        }
        if (loss.margin() != null) {
            if (loss.type() != LossType.MULTICLASS_HINGE) {
                violations.add(pointer + "/margin", "only multiclass_hinge takes a margin");
            } else if (!Double.isFinite(loss.margin())) {
                violations.add(pointer + "/margin", "margin must be a finite number");
            }
        }
        if (loss.type().takesClassIndices() && outputShape.length != 1) {
            violations.add(pointer + "/type", "this loss needs outputs [batch, classes], the network gives "
                    + Tensor.batchShapeString(outputShape));
        }
    }
}
