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
    static final String WEIGHT_LAYOUT = "How weights are written: gradserve (default; PyTorch's layout, dense W [units, "
            + "in]) or keras, only with network.keras: each Keras layer's variables by layer name, as Keras keeps them "
            + "(Dense kernel [in, units] and bias; Conv2D kernel [kh, kw, in, filters]; SimpleRNN, LSTM and GRU kernel "
            + "[in, gates·units], recurrent_kernel [units, gates·units], bias [gates·units], a GRU's [2, 3·units]). "
            + "Converted on arrival; gradients, the weights of include and perExampleGradients come back in the same layout.";
    static final String INPUTS = "The batch, [batch, ...inputShape] (batch first, as PyTorch).";
    static final String TARGETS = "Targets shaped like the outputs; for cross_entropy class indices [batch] or "
            + "probabilities [batch, classes]; for multiclass_hinge class indices [batch].";
    static final String DTYPE = "Compute precision: float64 (default) or float32. Numbers on the wire are JSON numbers "
            + "either way; after float32 they are the shortest decimals that read back as the same float32.";
    static final String INCLUDE = "Optional parts of the answer: outputs (always there), activations (z and a per layer), "
            + "deltas (dL/dz per layer), inputGradients (dL/d inputs), weights (those used); gradients is accepted and "
            + "changes nothing (they are always there).";
    static final String TENSOR_ENCODING = "How tensors are written in the answer: nested (default), flat ({shape, data}) "
            + "or base64 ({shape, dtype, base64}, little-endian bytes of the compute dtype).";
    static final String OUTPUTS_EXAMPLE = "[[0.7513650695523157, 0.7729284653214625]]";
    static final String ACTIVATIONS_EXAMPLE = "{\"hidden\": {\"z\": [[0.3775, 0.3925]], \"a\": [[0.5932699921071872, 0.596884378259767]]}, "
            + "\"output\": {\"z\": [[1.10590596705977, 1.2249214040964653]], \"a\": " + OUTPUTS_EXAMPLE + "}}";

    static final String GRADIENTS_EXAMPLE = "{\"hidden\": {"
            + "\"W\": [[4.3856773447434685E-4, 8.771354689486937E-4], [4.977127352608601E-4, 9.954254705217202E-4]], "
            + "\"b\": [0.008771354689486937, 0.009954254705217202]}, \"output\": {"
            + "\"W\": [[0.08216704056423078, 0.08266762784753326], [-0.022602540477475067, -0.02274024221597822]], "
            + "\"b\": [0.13849856162855698, -0.03809823651655623]}}";
    static final String DELTAS_EXAMPLE = "{\"hidden\": [[0.008771354689486937, 0.009954254705217202]], "
            + "\"output\": [[0.13849856162855698, -0.03809823651655623]]}";
    static final String INPUT_GRADIENTS_EXAMPLE = "[[0.003804266879727341, 0.004740547349462548]]";
    /** The worked example's weights after one sgd step with learning rate 0.5, as the service computes them. */
    static final String WEIGHTS_AFTER_STEP_EXAMPLE = "{\"hidden\": {"
            + "\"W\": [[0.1497807161327628, 0.19956143226552567], [0.24975114363236958, 0.29950228726473915]], "
            + "\"b\": [0.3456143226552565, 0.3450228726473914]}, \"output\": {"
            + "\"W\": [[0.35891647971788465, 0.4086661860762334], [0.5113012702387375, 0.5613701211079891]], "
            + "\"b\": [0.5307507191857215, 0.6190491182582781]}}";
    static final String OPTIMIZER = "How the session updates its weights: sgd, adam, rmsprop or adagrad, told apart by type, "
            + "each as torch.optim; clipValue and clipNorm clip the gradients first.";
    static final String OPTIMIZER_EXAMPLE = "{\"type\": \"sgd\", \"learningRate\": 0.5}";
    static final String OPTIMIZER_WITH_DEFAULTS_EXAMPLE = "{\"type\": \"sgd\", \"learningRate\": 0.5, \"momentum\": 0.0, "
            + "\"dampening\": 0.0, \"nesterov\": false, \"weightDecay\": 0.0}";
    static final String OPTIMIZER_STATE = "The optimizer's buffers by name, then layer and parameter, each shaped like the "
            + "weights: momentumBuffer (sgd with momentum > 0, rmsprop with momentum > 0); expAvg, expAvgSq and, with amsgrad, "
            + "maxExpAvgSq (adam); squareAvg and, if centered, gradAvg (rmsprop); sum (adagrad). {} before the first step, "
            + "and always for sgd without momentum.";
    /** sgd with momentum: its first step of the worked example gives the weights of plain sgd (the buffer is the gradient). */
    static final String MOMENTUM_OPTIMIZER_EXAMPLE = "{\"type\": \"sgd\", \"learningRate\": 0.5, \"momentum\": 0.9, "
            + "\"dampening\": 0.0, \"nesterov\": false, \"weightDecay\": 0.0}";
    /** The state of MOMENTUM_OPTIMIZER_EXAMPLE after one step of the worked example: the buffer is that step's gradient. */
    static final String OPTIMIZER_STATE_EXAMPLE = "{\"momentumBuffer\": " + GRADIENTS_EXAMPLE + "}";
    static final String SESSION_ID_EXAMPLE = "05c27b60-97aa-4463-94db-93bf7ceb6d7a";

    private Docs() {}
}
