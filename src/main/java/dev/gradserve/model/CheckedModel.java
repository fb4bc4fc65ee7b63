package dev.gradserve.model;

import dev.gradserve.model.keras.KerasImport;
import dev.gradserve.model.keras.KerasModel;
import java.util.Map;

/**
 * A network and its weights, checked: the network resolved (a Keras config converted first), the weights
 * given or drawn. Either part is null when it had problems, which are then in the {@link Violations}
 * passed to {@link #check}.
 *
 * @param architecture the checked network, in gradserve's terms
 * @param weights      in layer order, in gradserve's layout
 * @param layout       how the client writes weights, for the answers
 */
public record CheckedModel(Architecture architecture, Weights weights, ClientLayout layout) {

    /**
     * @param weights either these or {@code init}
     * @param layout  how {@code weights} are written; null for gradserve's
     * @param inputs  the batch, which fixes the dimensions a Keras config leaves open (null); null when there is none
     */
    public static CheckedModel check(NetworkSpec network, Map<String, Map<String, Tensor>> weights, WeightLayout layout,
            InitSpec init, Tensor inputs, DType dtype, Limits limits, Violations violations) {
        if (weights == null && init == null) {
            violations.add("/weights", "required: give the weights, or \"init\" to draw them");
        } else if (weights != null && init != null) {
            violations.add("/init", "give \"weights\" or \"init\", not both");
        }
        Architecture architecture;
        ClientLayout clientLayout = ClientLayout.GRADSERVE;
        Map<String, Map<String, Tensor>> given = weights;
        if (network.keras() != null) {
            KerasModel keras = KerasImport.resolve(network, inputs, limits, "/network", violations);
            architecture = keras == null ? null : keras.architecture();
            if (keras != null && layout == WeightLayout.KERAS) {
                clientLayout = keras.layout();
                given = weights == null || init != null ? weights
                        : keras.layout().fromClient(weights, dtype, "/weights", violations);
            }
        } else {
            if (layout == WeightLayout.KERAS) {
                violations.add("/weightLayout", "keras weights need the network as a Keras config (network.keras); "
                        + "a network given as layers takes gradserve's layout");
            }
            architecture = NetworkValidator.resolve(network, limits, "/network", violations);
        }
        Weights checked = null;
        if (architecture != null && given != null && init == null) {
            checked = WeightsValidator.check(architecture, given, dtype, "/weights", violations);
        } else if (architecture != null && init != null && weights == null) {
            checked = WeightInit.initialize(architecture, init);
        }
        return new CheckedModel(architecture, checked, clientLayout);
    }
}
