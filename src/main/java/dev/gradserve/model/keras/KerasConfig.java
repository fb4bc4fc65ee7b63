package dev.gradserve.model.keras;

import dev.gradserve.model.Violations;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A Keras Sequential model as {@code model.to_json()} writes it: its layers, and one example's shape.
 * Keras 3 writes {@code {"class_name": "Sequential", "config": {"layers": [{"class_name": "InputLayer",
 * "config": {"batch_shape": [null, ...]}}, ...]}}}; Keras 2 puts {@code batch_input_shape} in the first
 * layer's config instead (or in an InputLayer), and before 2.2 wrote {@code config} as the list of layers.
 *
 * @param layers        the layers after the InputLayer, in order
 * @param layersPointer where the list of layers is
 * @param inputShape    one example's shape (without the batch); null where Keras leaves a dimension open
 * @param inputPointer  where that shape is written, e.g. {@code .../layers/0/config/batch_shape}
 */
record KerasConfig(List<LayerConfig> layers, String layersPointer, List<Integer> inputShape, String inputPointer) {

    /** @return the model's layers and input shape, or null after adding the problems to {@code violations} */
    static KerasConfig read(JsonNode model, String pointer, Violations violations) {
        if (!model.isObject()) {
            violations.add(pointer, "expected a Keras model's config, an object as model.to_json() writes it");
            return null;
        }
        JsonNode className = model.get("class_name");
        if (className == null || !className.isString() || !className.stringValue().equals("Sequential")) {
            violations.add(pointer + "/class_name", "only Sequential models can be imported, got "
                    + (className == null ? "none" : className));
            return null;
        }
        JsonNode config = model.get("config");
        JsonNode layers = config != null && config.isObject() ? config.get("layers") : config;
        String layersPointer = pointer + (config != null && config.isObject() ? "/config/layers" : "/config");
        if (layers == null || !layers.isArray() || layers.isEmpty()) {
            violations.add(layersPointer, "expected the model's layers, a non-empty array");
            return null;
        }
        List<LayerConfig> read = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String layerPointer = layersPointer + "/" + i;
            JsonNode layerClass = layer.get("class_name");
            JsonNode layerConfig = layer.get("config");
            if (!layer.isObject() || layerClass == null || !layerClass.isString() || layerConfig == null
                    || !layerConfig.isObject()) {
                violations.add(layerPointer, "expected a Keras layer: {\"class_name\": ..., \"config\": {...}}");
                return null;
            }
            read.add(new LayerConfig(layerClass.stringValue(), layerConfig, layerPointer, violations));
        }
        LayerConfig first = read.get(0);
        String inputPointer = inputPointer(model, pointer, first);
        if (inputPointer == null) {
            violations.add(first.pointer() + "/config", "the input shape is missing: give an InputLayer with batch_shape "
                    + "[null, ...] (Keras 3) or batch_input_shape in the first layer's config (Keras 2)");
            return null;
        }
        List<Integer> shape = shape(model.at(inputPointer.substring(pointer.length())), inputPointer, violations);
        if (read.get(0).className().equals("InputLayer")) {
            read.remove(0);
        }
        if (read.isEmpty()) {
            violations.add(layersPointer, "the model has no layers after its InputLayer");
            return null;
        }
        return shape == null ? null : new KerasConfig(read, layersPointer, shape, inputPointer);
    }

    /**
     * Where the input shape is written: in the InputLayer or, as Keras 2 does, the first layer; else what the model
     * was built with (Keras 3's build_input_shape and build_config). Null when nowhere.
     */
    private static String inputPointer(JsonNode model, String pointer, LayerConfig first) {
        for (String key : new String[] {"batch_shape", "batch_input_shape"}) {
            if (first.get(key) != null) {
                return first.at(key);
            }
        }
        for (String path : new String[] {"/config/build_input_shape", "/build_config/input_shape"}) {
            JsonNode shape = model.at(path);
            if (!shape.isMissingNode() && !shape.isNull()) {
                return pointer + path;
            }
        }
        return null;
    }

    /** [batch, ...] with the batch left out; a dimension may be null (open). */
    private static List<Integer> shape(JsonNode shape, String pointer, Violations violations) {
        if (!shape.isArray() || shape.size() < 2) {
            violations.add(pointer, "expected [batch, ...dimensions] with at least one dimension after the batch, got "
                    + shape);
            return null;
        }
        List<Integer> dimensions = new ArrayList<>();
        for (int i = 1; i < shape.size(); i++) {
            JsonNode dimension = shape.get(i);
            if (dimension.isNull()) {
                dimensions.add(null);
            } else if (dimension.isIntegralNumber() && dimension.canConvertToInt() && dimension.intValue() > 0) {
                dimensions.add(dimension.intValue());
            } else {
                violations.add(pointer + "/" + i, "expected a positive integer or null, got " + dimension);
                return null;
            }
        }
        return dimensions;
    }
}
