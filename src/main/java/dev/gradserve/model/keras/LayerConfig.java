package dev.gradserve.model.keras;

import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.ActivationType;
import dev.gradserve.model.IntPair;
import dev.gradserve.model.Violations;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One layer of a Keras config, read setting by setting. Settings are optional as in Keras (the default
 * is Keras' own); a setting gradserve cannot compute as Keras does is reported at its JSON Pointer.
 */
final class LayerConfig {

    /** Keras' built-in activations that gradserve computes identically (Keras 3's leaky_relu has slope 0.2). */
    private static final Map<String, ActivationSpec> ACTIVATIONS = new LinkedHashMap<>();

    static {
        ACTIVATIONS.put("linear", ActivationSpec.IDENTITY);
        for (String name : new String[] {"relu", "sigmoid", "tanh", "softmax", "softplus", "elu", "gelu", "silu"}) {
            ACTIVATIONS.put(name, ActivationSpec.named(name));
        }
        ACTIVATIONS.put("swish", ActivationSpec.named("silu"));
        ACTIVATIONS.put("leaky_relu", new ActivationSpec(ActivationType.LEAKY_RELU, 0.2));
    }

    private static final String[] REGULARIZERS = {"kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
        "activity_regularizer"};

    private final String className;
    private final JsonNode config;
    private final String pointer;
    private final Violations violations;

    /** @param pointer the layer's, e.g. {@code /network/keras/config/layers/3} */
    LayerConfig(String className, JsonNode config, String pointer, Violations violations) {
        this.className = className;
        this.config = config;
        this.pointer = pointer;
        this.violations = violations;
    }

    String className() {
        return className;
    }

    String pointer() {
        return pointer;
    }

    /** The pointer of one setting, e.g. {@code .../layers/3/config/units}. */
    String at(String key) {
        return Violations.pointer(pointer + "/config", key);
    }

    /** A problem with one setting, or with the whole layer when {@code key} is null. */
    void problem(String key, String message) {
        violations.add(key == null ? pointer : at(key), message);
    }

    /** A problem with the layer's kind: a class gradserve does not import here. */
    void classProblem(String message) {
        violations.add(pointer + "/class_name", message);
    }

    /** A setting as written; null when absent or null. */
    JsonNode get(String key) {
        JsonNode value = config.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** The layer's name, which keys its weights; Keras writes one for every layer. */
    String name() {
        JsonNode name = get("name");
        if (name == null || !name.isString() || name.stringValue().isBlank()) {
            problem("name", "required: the layer's name (Keras writes one for every layer; weights are keyed by it)");
            return null;
        }
        return name.stringValue();
    }

    /** A required positive integer such as units or filters; null after a problem. */
    Integer positive(String key) {
        JsonNode value = get(key);
        if (value != null && value.isIntegralNumber() && value.canConvertToInt() && value.intValue() > 0) {
            return value.intValue();
        }
        problem(key, value == null ? "required: a positive integer" : "expected a positive integer, got " + value);
        return null;
    }

    /** A size such as kernel_size or strides: n or [height, width], positive; absent or null gives the fallback. */
    IntPair pair(String key, IntPair fallback) {
        JsonNode value = get(key);
        if (value == null) {
            return fallback;
        }
        if (positiveInt(value)) {
            return new IntPair(value.intValue(), value.intValue());
        }
        if (value.isArray() && value.size() == 2 && positiveInt(value.get(0)) && positiveInt(value.get(1))) {
            return new IntPair(value.get(0).intValue(), value.get(1).intValue());
        }
        problem(key, "expected a positive integer or [height, width], got " + value);
        return null;
    }

    boolean flag(String key, boolean fallback) {
        JsonNode value = get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(key, "expected true or false, got " + value);
            return fallback;
        }
        return value.booleanValue();
    }

    /** One of the allowed strings; absent or null gives the fallback, and null comes back after a problem. */
    String choice(String key, String fallback, String... allowed) {
        JsonNode value = get(key);
        if (value == null) {
            return fallback;
        }
        for (String option : allowed) {
            if (value.isString() && option.equals(value.stringValue())) {
                return option;
            }
        }
        problem(key, "expected one of " + String.join(", ", allowed) + ", got " + value);
        return null;
    }

    /** A Keras activation by name (null is linear, as in Keras); null after a problem. */
    ActivationSpec activation(String key, String fallback) {
        String name = activationName(key, fallback);
        ActivationSpec activation = ACTIVATIONS.get(name);
        if (activation == null) {
            problem(key, "the Keras activation " + name + " has no equivalent in gradserve; supported: "
                    + String.join(", ", ACTIVATIONS.keySet()));
        }
        return activation;
    }

    /** The name of an activation as written (null is linear, as in Keras), or the JSON of a custom one. */
    String activationName(String key, String fallback) {
        JsonNode value = config.get(key);
        return value == null ? fallback : value.isNull() ? "linear" : value.isString() ? value.stringValue()
                : value.toString();
    }

    /** A flag that gradserve supports only at one value; absent means Keras' default, {@code supported}. */
    void requireFlag(String key, boolean supported, String why) {
        if (flag(key, supported) != supported) {
            problem(key, key + " = " + !supported + " is not supported: " + why);
        }
    }

    /** A rate such as dropout, which gradserve supports only at 0. */
    void requireZero(String key, String why) {
        JsonNode value = get(key);
        if (value != null && !(value.isNumber() && value.doubleValue() == 0)) {
            problem(key, key + " = " + value + " is not supported: " + why);
        }
    }

    /** A size such as dilation_rate, which gradserve supports only at 1. */
    void requireOnes(String key, String why) {
        IntPair value = pair(key, new IntPair(1, 1));
        if (value != null && (value.height() != 1 || value.width() != 1)) {
            problem(key, key + " = " + value + " is not supported: " + why);
        }
    }

    /** A count such as groups, which gradserve supports only at 1. */
    void requireOne(String key, String why) {
        JsonNode value = get(key);
        if (value != null && !(value.isIntegralNumber() && value.canConvertToInt() && value.intValue() == 1)) {
            problem(key, key + " = " + value + " is not supported: " + why);
        }
    }

    /** A setting that gradserve supports only when absent or null. */
    void requireAbsent(String key, String why) {
        JsonNode value = get(key);
        if (value != null) {
            problem(key, key + " = " + value + " is not supported: " + why);
        }
    }

    /** Regularizers add penalties to Keras' loss, so its gradients would not be gradserve's. */
    void refuseRegularizers() {
        for (String key : REGULARIZERS) {
            requireAbsent(key, "a regularizer adds its penalty to Keras' loss and gradients; gradserve's loss is only "
                    + "the one in network.loss");
        }
    }

    private static boolean positiveInt(JsonNode value) {
        return value != null && value.isIntegralNumber() && value.canConvertToInt() && value.intValue() > 0;
    }
}
