package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How tensors are written in an answer. Requests may use any of them, anywhere, mixed. */
public enum TensorEncoding {
    /** Nested JSON arrays, e.g. {@code [[0.05, 0.1]]}. */
    @JsonProperty("nested") NESTED,
    /** {@code {"shape": [1, 2], "data": [0.05, 0.1]}}, row-major. */
    @JsonProperty("flat") FLAT,
    /** {@code {"shape": [1, 2], "dtype": "float64", "base64": "..."}}: little-endian raw bytes of the compute dtype. */
    @JsonProperty("base64") BASE64
}
