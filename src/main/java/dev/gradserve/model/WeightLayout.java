package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** How a request writes its weights: gradserve's layout (PyTorch's) or Keras'. */
@Schema(description = "How weights are written: gradserve (PyTorch's layout, the default) or keras (a Keras network's own "
        + "variables, kernel [in, units] and so on, keyed by Keras layer name; only with network.keras).")
public enum WeightLayout {
    @JsonProperty("gradserve") GRADSERVE,
    @JsonProperty("keras") KERAS
}
