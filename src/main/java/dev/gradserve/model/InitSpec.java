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
        @Schema(description = "The distribution of W, as torch.nn.init defines it: xavier_uniform U(−a, a) with "
                + "a = √(6 / (fanIn + fanOut)); xavier_normal N(0, 2 / (fanIn + fanOut)); he_uniform U(−a, a) with "
                + "a = √(6 / fanIn); he_normal N(0, 2 / fanIn). Biases are zero.", example = "xavier_uniform",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull InitScheme scheme,
        @Schema(description = "The seed of java.util.Random, whose algorithm is fixed by the Java specification; "
                + "default 0. Parameters are drawn in layer order, then parameter order, row-major.", example = "42",
                defaultValue = "0")
        Long seed) {

    public long seedOrDefault() {
        return seed != null ? seed : 0L;
    }
}
