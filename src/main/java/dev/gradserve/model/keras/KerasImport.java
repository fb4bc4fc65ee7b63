package dev.gradserve.model.keras;

import dev.gradserve.model.Limits;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violations;
import java.util.List;

/**
 * Turns a Keras Sequential model's config into gradserve's network, layer by layer, and checks it as
 * any network is checked. Every problem points into the Keras config, e.g.
 * {@code /network/keras/config/layers/3/class_name}.
 */
public final class KerasImport {

    private KerasImport() {}

    /**
     * @param network its {@code keras} config, with the loss in gradserve's terms and no inputShape or layers
     * @param inputs  the batch, which fixes the dimensions the config leaves open (null); null where there is none
     * @param pointer where the network sits in the request, e.g. {@code /network}
     * @return the converted network, or null after adding the problems to {@code violations}
     */
    public static KerasModel resolve(NetworkSpec network, Tensor inputs, Limits limits, String pointer,
            Violations violations) {
        if (network.layers() != null) {
            violations.add(pointer + "/layers", "give layers or keras, not both");
        }
        if (network.inputShape() != null) {
            violations.add(pointer + "/inputShape", "a Keras config gives its own input shape (in its InputLayer); leave "
                    + "inputShape out");
        }
        KerasConfig config = KerasConfig.read(network.keras(), pointer + "/keras", violations);
        if (config == null || network.layers() != null || network.inputShape() != null) {
            return null;
        }
        if (config.layers().size() > limits.maxLayers()) {
            violations.add(config.layersPointer(), "at most " + limits.maxLayers() + " layers are allowed, got "
                    + config.layers().size());
            return null;
        }
        int[] inputShape = inputShape(config, inputs, violations);
        return inputShape == null ? null : new Conversion(config, pointer, violations).run(inputShape, network, limits);
    }

    /** The config's input shape, its open dimensions taken from the inputs. */
    private static int[] inputShape(KerasConfig config, Tensor inputs, Violations violations) {
        List<Integer> dimensions = config.inputShape();
        int[] shape = new int[dimensions.size()];
        for (int i = 0; i < shape.length; i++) {
            if (dimensions.get(i) != null) {
                shape[i] = dimensions.get(i);
            } else if (inputs != null && inputs.rank() == shape.length + 1 && inputs.shape()[i + 1] > 0) {
                shape[i] = inputs.shape()[i + 1];
            } else {
                violations.add(config.inputPointer() + "/" + (i + 1), inputs == null
                        ? "open (null), and there are no inputs to take it from: give every dimension after the batch"
                        : "open (null), so it is taken from inputs, which must be [batch" + ", …".repeat(shape.length)
                                + "]; got " + Tensor.shapeString(inputs.shape()));
                return null;
            }
        }
        return shape;
    }
}
