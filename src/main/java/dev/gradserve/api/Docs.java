package dev.gradserve.api;

/** Descriptions shared by several request fields in the API contract. */
final class Docs {

    static final String NETWORK = "The network: the shape of one example, the layers in order, and the loss.";
    static final String NETWORK_EXAMPLE = "{\"inputShape\": [2], \"layers\": ["
            + "{\"name\": \"hidden\", \"type\": \"dense\", \"units\": 2, \"activation\": \"sigmoid\"}, "
            + "{\"name\": \"output\", \"type\": \"dense\", \"units\": 2, \"activation\": \"sigmoid\"}], "
            + "\"loss\": {\"type\": \"mse\", \"reduction\": \"sum\", \"scale\": 0.5}}";
    static final String INIT = "Random weights instead of given ones: W drawn from the scheme, biases zero. "
            + "Give either weights or init (both or neither: 422).";
    static final String INIT_EXAMPLE = "{\"scheme\": \"xavier_uniform\", \"seed\": 42}";
    static final String WEIGHTS = "The parameters by layer name, then parameter name (dense: W [units, in], b [units]). "
            + "Every parameter of every layer, no others. Give either weights or init (both or neither: 422).";
    static final String WEIGHTS_EXAMPLE = "{\"hidden\": {\"W\": [[0.15, 0.2], [0.25, 0.3]], \"b\": [0.35, 0.35]}, "
            + "\"output\": {\"W\": [[0.4, 0.45], [0.5, 0.55]], \"b\": [0.6, 0.6]}}";
    static final String INPUTS = "The batch, [batch, ...inputShape] (batch first, as PyTorch).";
    static final String TARGETS = "Targets shaped like the outputs; for cross_entropy class indices [batch] or "
            + "probabilities [batch, classes]; for multiclass_hinge class indices [batch].";
    static final String DTYPE = "Compute precision: float64 (default) or float32. Numbers on the wire are JSON numbers "
            + "either way; after float32 they are the shortest decimals that read back as the same float32.";
    static final String INCLUDE = "Optional parts of the answer: outputs (always there), activations (z and a per layer), "
            + "deltas (dL/dz per layer), inputGradients (dL/d inputs), weights (those used).";
    static final String TENSOR_ENCODING = "How tensors are written in the answer: nested (default), flat ({shape, data}) "
            + "or base64 ({shape, dtype, base64}, little-endian bytes of the compute dtype).";
    static final String OUTPUTS_EXAMPLE = "[[0.7513650695523157, 0.7729284653214625]]";
    static final String ACTIVATIONS_EXAMPLE = "{\"hidden\": {\"z\": [[0.3775, 0.3925]], \"a\": [[0.5932699921071872, 0.596884378259767]]}, "
            + "\"output\": {\"z\": [[1.10590596705977, 1.2249214040964653]], \"a\": " + OUTPUTS_EXAMPLE + "}}";

    private Docs() {}
}
