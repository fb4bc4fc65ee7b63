package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * Random initial weights instead of given ones. The generator is {@link java.util.Random}, whose
 * algorithm the Java specification fixes, so a seed gives the same weights on every machine.
 *
 * @param scheme the distribution
 * @param seed   the seed; default 0, so that a call without one can still be repeated
 */
@Schema(description = "Random initial weights: weights W drawn from the scheme, biases zero. "
        + "The same seed gives the same weights on every machine and every run.")
public record InitSpec(
        @Schema(description = "The distribution, as torch.nn.init defines it.", example = "xavier_uniform",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull InitScheme scheme,
        @Schema(description = "The seed; default 0.", example = "42")
        Long seed) {

    public long seedOrDefault() {
        return seed != null ? seed : 0L;
    }
}
