package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * An activation function: written as a bare name ({@code "sigmoid"}) or, with its parameter,
 * as an object ({@code {"type": "leaky_relu", "alpha": 0.2}}).
 *
 * @param type  which function
 * @param alpha the slope (leaky_relu, default 0.01) or saturation (elu, default 1); null for the others
 */
@Schema(description = "An activation: a bare name such as \"sigmoid\", or an object {\"type\": \"leaky_relu\", \"alpha\": 0.2} "
        + "to give a parameter (leaky_relu: alpha=0.01, elu: alpha=1 by default). The functions: identity (alias linear), "
        + "sigmoid, tanh, relu, leaky_relu, elu, softplus, gelu (exact, erf form), silu, softmax (over the last axis).",
        oneOf = {ActivationType.class, ActivationSpec.WithParameter.class}, example = "sigmoid")
public record ActivationSpec(@NotNull ActivationType type, Double alpha) {

    public static final ActivationSpec IDENTITY = new ActivationSpec(ActivationType.IDENTITY, null);

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ActivationSpec(@JsonProperty("type") ActivationType type, @JsonProperty("alpha") Double alpha) {
        this.type = type;
        this.alpha = alpha;
    }

    /** The bare-name form; an unknown name is refused with the list of known ones. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ActivationSpec named(String name) {
        ActivationType type = ActivationType.fromWireName(name);
        if (type == null) {
            throw new IllegalArgumentException(
                    "unknown activation '" + name + "'; allowed: " + ActivationType.allowedNames());
        }
        return new ActivationSpec(type, null);
    }

    /** The parameter in effect: the given one or the function's default. */
    public double alphaOrDefault() {
        return alpha != null ? alpha : type.defaultAlpha();
    }

    @JsonValue
    Object wireForm() {
        return alpha == null ? type.wireName() : new WithParameter(type, alpha);
    }

    @Schema(name = "ActivationWithParameter", description = "An activation as an object, to give its parameter.")
    record WithParameter(
            @Schema(description = "Which function; only leaky_relu and elu take alpha (alpha on another: 422).",
                    example = "leaky_relu", requiredMode = Schema.RequiredMode.REQUIRED) ActivationType type,
            @Schema(description = "leaky_relu: the slope for z < 0 (default 0.01); elu: a = alpha·(e^z − 1) for z < 0 "
                    + "(default 1). A finite number.", example = "0.2")
            Double alpha) {}
}
