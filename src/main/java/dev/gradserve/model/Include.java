package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Optional parts of an answer, asked for with {@code include}. */
public enum Include {
    /** The network's outputs; always in the answer, accepted for clarity. */
    @JsonProperty("outputs") OUTPUTS,
    /** Per layer the pre-activation z and the activation a. */
    @JsonProperty("activations") ACTIVATIONS,
    /** Per layer dL/dz, the error signal sent backwards. */
    @JsonProperty("deltas") DELTAS,
    /** dL/d inputs. */
    @JsonProperty("inputGradients") INPUT_GRADIENTS,
    /** Per layer the L2 norm of its gradients, and for recurrent layers ‖dL/dh_t‖ at every time step. */
    @JsonProperty("gradientNorms") GRADIENT_NORMS,
    /** For every example of the batch, the gradients of its own loss term (or of its row of outputGradients). */
    @JsonProperty("perExampleGradients") PER_EXAMPLE_GRADIENTS,
    /** Session steps: the gradients of the weights before the update (always in /v1/gradients answers). */
    @JsonProperty("gradients") GRADIENTS,
    /** The weights the computation used (useful with {@code init}); after a session step, the updated weights. */
    @JsonProperty("weights") WEIGHTS
}
