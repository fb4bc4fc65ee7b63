package dev.gradserve.model;

/**
 * A batch checked against an architecture. A part is null when it had problems, which are then in
 * the {@link Violations} passed to {@link #check}.
 *
 * @param inputs          [batch, …inputShape]
 * @param targets         shaped like the outputs (class indices as one-hot rows), or null when none were given
 * @param outputGradients dL/d outputs to backpropagate instead of a loss's, shaped like the outputs; or null
 */
public record CheckedBatch(Tensor inputs, Tensor targets, Tensor outputGradients) {

    /** @param targets null when the call takes none; problems go under /inputs and /targets */
    public static CheckedBatch check(Architecture architecture, Tensor inputs, Tensor targets, DType dtype, Limits limits,
            Violations violations) {
        return check(architecture, inputs, targets, null, dtype, limits, violations);
    }

    /**
     * @param targets         null when the call takes none
     * @param outputGradients null unless given instead of targets; problems go under /outputGradients
     */
    public static CheckedBatch check(Architecture architecture, Tensor inputs, Tensor targets, Tensor outputGradients,
            DType dtype, Limits limits, Violations violations) {
        int batch = BatchValidator.checkInputs(architecture, inputs, dtype, limits, "/inputs", violations);
        Tensor checkedTargets = null;
        if (targets != null && architecture.loss() == null) {
            violations.add("/network/loss", "required when targets are given");
        } else if (targets != null && batch > 0) {
            checkedTargets = BatchValidator.checkTargets(architecture, batch, targets, dtype, "/targets", violations);
        }
        Tensor checkedGradients = null;
        if (outputGradients != null && targets != null) {
            violations.add("/outputGradients", "give targets (for the network's loss) or outputGradients (dL/d outputs of "
                    + "a loss of your own), not both");
        } else if (outputGradients != null && batch > 0) {
            checkedGradients = BatchValidator.checkOutputGradients(architecture, batch, outputGradients, dtype,
                    "/outputGradients", violations);
        }
        return new CheckedBatch(batch > 0 ? inputs : null, checkedTargets, checkedGradients);
    }
}
