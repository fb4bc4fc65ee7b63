package dev.gradserve.model;

import java.util.Map;

/**
 * A stateless request checked from end to end and ready to compute: the network resolved, the
 * weights given or drawn, the batch and targets shaped for it.
 *
 * @param architecture the checked network
 * @param weights      in layer order
 * @param inputs       [batch, …inputShape]
 * @param targets      shaped like the outputs (class indices as one-hot rows), or null
 * @param outputGradients dL/d outputs to backpropagate instead of a loss's, or null
 * @param dtype        the precision to compute in
 * @param layout       how the client writes weights: answers keyed like the weights go back in it
 */
public record Computation(Architecture architecture, Weights weights, Tensor inputs, Tensor targets,
        Tensor outputGradients, DType dtype, ClientLayout layout) {

    /**
     * Checks every part of a request and reports all problems at once.
     *
     * @param weights either these or {@code init}
     * @param layout          how the weights are written; null for gradserve's
     * @param targets         null when the call takes none
     * @param outputGradients dL/d outputs given instead of targets, or null
     * @throws InvalidRequestException listing every problem, each with its JSON Pointer
     */
    public static Computation check(NetworkSpec network, Map<String, Map<String, Tensor>> weights, WeightLayout layout,
            InitSpec init, Tensor inputs, Tensor targets, Tensor outputGradients, DType dtype, Limits limits) {
        Violations violations = new Violations();
        DType precision = dtype == null ? DType.FLOAT64 : dtype;
        CheckedModel model = CheckedModel.check(network, weights, layout, init, inputs, precision, limits, violations);
        CheckedBatch batch = model.architecture() == null ? null
                : CheckedBatch.check(model.architecture(), inputs, targets, outputGradients, precision, limits, violations);
        violations.throwIfAny();
        return new Computation(model.architecture(), model.weights(), batch.inputs(), batch.targets(),
                batch.outputGradients(), precision, model.layout());
    }
}
