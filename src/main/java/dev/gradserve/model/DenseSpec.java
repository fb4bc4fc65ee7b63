package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected layer: z = x·Wᵀ + b, a = act(z), with W [units, in] and b [units] as PyTorch's Linear,
 * applied to the last axis of its input.
 *
 * @param name       optional; default {@code layerN}
 * @param type       always {@code dense}
 * @param units      output features
 * @param activation default identity
 * @param useBias    default true; without a bias there is no {@code b}
 */
@Schema(description = "A fully connected layer: z = x·Wᵀ + b, a = activation(z). Parameters W [units, in] and b [units]. "
        + "Applied to the last axis, as PyTorch's Linear: an input [..., in] gives [..., units] (put a flatten layer "
        + "before it to connect every feature of a [channels, height, width] input).")
public record DenseSpec(
        @Schema(description = "Name used as the key in weights and gradients; default layerN (1-based).", example = "hidden")
        String name,
        @Schema(description = "The layer type: dense.", example = "dense", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = "dense")
        String type,
        @Schema(description = "Number of output units (features).", example = "2", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Positive Integer units,
        @Schema(description = "The activation a = act(z); default identity.", example = "sigmoid", defaultValue = "identity")
        @Valid ActivationSpec activation,
        @Schema(description = "Whether the layer has a bias b; default true. Without one the weights of the layer are W only.",
                example = "true", defaultValue = "true")
        Boolean useBias) implements LayerSpec {

    public ActivationSpec activationOrDefault() {
        return activation != null ? activation : ActivationSpec.IDENTITY;
    }

    public boolean hasBias() {
        return useBias == null || useBias;
    }

    /** Applies to the last axis, as PyTorch's Linear and Keras' Dense: [..., in] becomes [..., units]. */
    @Override
    public LayerGeometry resolve(int[] inputShape, String pointer, Violations violations) {
        int in = inputShape[inputShape.length - 1];
        List<ParameterShape> parameters = new ArrayList<>();
        parameters.add(new ParameterShape("W", new int[] {units, in}, in, units, false));
        if (hasBias()) {
            parameters.add(new ParameterShape("b", new int[] {units}, in, units, true));
        }
        int[] output = inputShape.clone();
        output[output.length - 1] = units;
        return new LayerGeometry(output, parameters);
    }
}
