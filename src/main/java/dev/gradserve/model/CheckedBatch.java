package dev.gradserve.model;

/**
 * A batch checked against an architecture. A part is null when it had problems, which are then in
 * the {@link Violations} passed to {@link #check}.
 *
 * @param inputs  [batch, …inputShape]
 * @param targets shaped like the outputs (class indices as one-hot rows), or null when none were given
 */
public record CheckedBatch(Tensor inputs, Tensor targets) {

    /** @param targets null when the call takes none; problems go under /inputs and /targets */
    public static CheckedBatch check(Architecture architecture, Tensor inputs, Tensor targets, DType dtype, Limits limits,
            Violations violations) {
        int batch = BatchValidator.checkInputs(architecture, inputs, dtype, limits, "/inputs", violations);
        Tensor checkedTargets = null;
        if (targets != null && architecture.loss() == null) {
            violations.add("/network/loss", "required when targets are given");
        } else if (targets != null && batch > 0) {
            checkedTargets = BatchValidator.checkTargets(architecture, batch, targets, dtype, "/targets", violations);
        }
        return new CheckedBatch(batch > 0 ? inputs : null, checkedTargets);
    }
}
