package dev.gradserve.model;

/**
 * How the client writes parameters. Checked weights are always in gradserve's layout; answers that
 * are keyed like the weights (gradients, the weights used, per-example gradients) go back in the client's.
 */
@FunctionalInterface
public interface ClientLayout {

    ClientLayout GRADSERVE = weights -> weights;

    /**
     * gradserve's weights, gradients or per-example gradients (each tensor [batch, …parameter shape]) as the client
     * writes them; null stays null.
     */
    Weights toClient(Weights weights);
}
