package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The loss functions; the names are the API's. */
public enum LossType {
    @JsonProperty("mse") MSE,
    @JsonProperty("binary_cross_entropy") BINARY_CROSS_ENTROPY,
    @JsonProperty("cross_entropy") CROSS_ENTROPY,
    @JsonProperty("multiclass_hinge") MULTICLASS_HINGE;

    /** Whether targets may be class indices {@code [batch]} instead of a tensor shaped like the outputs. */
    public boolean takesClassIndices() {
        return this == CROSS_ENTROPY || this == MULTICLASS_HINGE;
    }
}
