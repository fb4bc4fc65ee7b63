package dev.gradserve.model;

import java.util.Map;

/**
 * A request checked from end to end and ready to compute: the network resolved, the weights
 * given or drawn, the batch and targets shaped for it.
 *
 * @param architecture the checked network
 * @param weights      in layer order
 * @param inputs       [batch, …inputShape]
 * @param targets      shaped like the outputs (class indices as one-hot rows), or null
 * @param dtype        the precision to compute in
 */
public record Computation(Architecture architecture, Weights weights, Tensor inputs, Tensor targets, DType dtype) {

    /**
     * Checks every part of a request and reports all problems at once.
     *
     * @param weights either these or {@code init}
     * @param targets null when the call takes none
     * @throws InvalidRequestException listing every problem, each with its JSON Pointer
     */
    public static Computation check(NetworkSpec network, Map<String, Map<String, Tensor>> weights, InitSpec init,
            Tensor inputs, Tensor targets, DType dtype, Limits limits) {
        Violations violations = new Violations();
        DType precision = dtype == null ? DType.FLOAT64 : dtype;
        if (weights == null && init == null) {
            violations.add("/weights", "required: give the weights, or \"init\" to draw them");
        } else if (weights != null && init != null) {
            violations.add("/init", "give \"weights\" or \"init\", not both");
        }
        Architecture architecture = NetworkValidator.resolve(network, limits, "/network", violations);
        Weights checkedWeights = null;
        Tensor checkedTargets = null;
        if (architecture != null) {
            if (weights != null && init == null) {
                checkedWeights = WeightsValidator.check(architecture, weights, precision, "/weights", violations);
            } else if (init != null && weights == null) {
                checkedWeights = WeightInit.initialize(architecture, init);
            }
            int batch = BatchValidator.checkInputs(architecture, inputs, precision, limits, "/inputs", violations);
            if (targets != null && architecture.loss() == null) {
                violations.add("/network/loss", "required when targets are given");
            } else if (targets != null && batch > 0) {
                checkedTargets = BatchValidator.checkTargets(architecture, batch, targets, precision, "/targets", violations);
            }
        }
        violations.throwIfAny();
        return new Computation(architecture, checkedWeights, inputs, checkedTargets, precision);
    }
}
