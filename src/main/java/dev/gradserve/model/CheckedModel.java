package dev.gradserve.model;

import java.util.Map;

/**
 * A network and its weights, checked: the network resolved, the weights given or drawn. Either part
 * is null when it had problems, which are then in the {@link Violations} passed to {@link #check}.
 *
 * @param architecture the checked network
 * @param weights      in layer order
 */
public record CheckedModel(Architecture architecture, Weights weights) {

    /** @param weights either these or {@code init} */
    public static CheckedModel check(NetworkSpec network, Map<String, Map<String, Tensor>> weights, InitSpec init,
            DType dtype, Limits limits, Violations violations) {
        if (weights == null && init == null) {
            violations.add("/weights", "required: give the weights, or \"init\" to draw them");
        } else if (weights != null && init != null) {
            violations.add("/init", "give \"weights\" or \"init\", not both");
        }
        Architecture architecture = NetworkValidator.resolve(network, limits, "/network", violations);
        Weights checked = null;
        if (architecture != null && weights != null && init == null) {
            checked = WeightsValidator.check(architecture, weights, dtype, "/weights", violations);
        } else if (architecture != null && init != null && weights == null) {
            checked = WeightInit.initialize(architecture, init);
        }
        return new CheckedModel(architecture, checked);
    }
}
