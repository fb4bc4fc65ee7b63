package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Random weight initialisations, as {@code torch.nn.init} defines them; biases start at zero. */
public enum InitScheme {
    /** U(−a, a) with a = √(6 / (fanIn + fanOut)). */
    @JsonProperty("xavier_uniform") XAVIER_UNIFORM,
    /** N(0, σ²) with σ = √(2 / (fanIn + fanOut)). */
    @JsonProperty("xavier_normal") XAVIER_NORMAL,
    /** U(−a, a) with a = √(6 / fanIn) (Kaiming, gain √2). */
    @JsonProperty("he_uniform") HE_UNIFORM,
    /** N(0, σ²) with σ = √(2 / fanIn) (Kaiming, gain √2). */
    @JsonProperty("he_normal") HE_NORMAL
}
