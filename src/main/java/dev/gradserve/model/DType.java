package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The precision of a computation. Numbers on the wire are always JSON doubles. */
public enum DType {
    @JsonProperty("float64") FLOAT64,
    @JsonProperty("float32") FLOAT32
}
