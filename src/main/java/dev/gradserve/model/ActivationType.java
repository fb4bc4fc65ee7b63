package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The activation functions a layer can apply; the names are the API's. */
// swagger-core lists the @JsonProperty names; allowableValues adds the alias to that list.
@Schema(description = "An activation by name; linear is an alias of identity.", allowableValues = "linear")
public enum ActivationType {
    @JsonProperty("identity") @JsonAlias("linear") IDENTITY("identity", null),
    @JsonProperty("sigmoid") SIGMOID("sigmoid", null),
    @JsonProperty("tanh") TANH("tanh", null),
    @JsonProperty("relu") RELU("relu", null),
    @JsonProperty("leaky_relu") LEAKY_RELU("leaky_relu", 0.01),
    @JsonProperty("elu") ELU("elu", 1.0),
    @JsonProperty("softplus") SOFTPLUS("softplus", null),
    @JsonProperty("gelu") GELU("gelu", null),
    @JsonProperty("silu") SILU("silu", null),
    @JsonProperty("softmax") SOFTMAX("softmax", null);

    private final String wireName;
    private final Double defaultAlpha;

    ActivationType(String wireName, Double defaultAlpha) {
        this.wireName = wireName;
        this.defaultAlpha = defaultAlpha;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the function takes the parameter {@code alpha}. */
    public boolean hasAlpha() {
        return defaultAlpha != null;
    }

    public double defaultAlpha() {
        return defaultAlpha;
    }

    /** Looks up an API name such as {@code "leaky_relu"} or the alias {@code "linear"}; null when unknown. */
    public static ActivationType fromWireName(String name) {
        if ("linear".equals(name)) {
            return IDENTITY;
        }
        for (ActivationType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }

    public static String allowedNames() {
        StringBuilder names = new StringBuilder();
        for (ActivationType type : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(type.wireName);
            if (type == IDENTITY) {
                names.append(" (or linear)");
            }
        }
        return names.toString();
    }
}
