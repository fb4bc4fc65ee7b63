package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How per-element (or per-example) loss terms become one number, as PyTorch's {@code reduction}. */
public enum Reduction {
    @JsonProperty("mean") MEAN,
    @JsonProperty("sum") SUM
}
