package dev.gradserve.api;

/** Descriptions shared by several request fields in the API contract. */
final class Docs {

    static final String WEIGHTS = "The parameters by layer name, then parameter name (dense: W [units, in], b [units]). "
            + "Give either weights or init.";
    static final String WEIGHTS_EXAMPLE = "{\"hidden\": {\"W\": [[0.15, 0.2], [0.25, 0.3]], \"b\": [0.35, 0.35]}, "
            + "\"output\": {\"W\": [[0.4, 0.45], [0.5, 0.55]], \"b\": [0.6, 0.6]}}";
    static final String INPUTS = "The batch, [batch, ...inputShape] (batch first, as PyTorch).";
    static final String TARGETS = "Targets shaped like the outputs; for cross_entropy and multiclass_hinge also class "
            + "indices [batch] (cross_entropy also takes probabilities [batch, classes]).";
    static final String DTYPE = "Compute precision: float64 (default) or float32. Numbers on the wire are JSON doubles either way.";
    static final String INCLUDE = "Optional parts of the answer: outputs (always there), activations (z and a per layer), "
            + "deltas (dL/dz per layer), inputGradients (dL/d inputs), weights (those used).";
    static final String TENSOR_ENCODING = "How tensors are written in the answer: nested (default), flat ({shape, data}) "
            + "or base64 ({shape, dtype, base64}, little-endian bytes of the compute dtype).";

    private Docs() {}
}
