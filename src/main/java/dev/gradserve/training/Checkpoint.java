package dev.gradserve.training;

import dev.gradserve.model.DType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to resume training exactly: a new session made from it takes the same next step
 * as the session it was taken from.
 *
 * @param network        the definition
 * @param dtype          the precision
 * @param optimizer      the optimizer's settings
 * @param weights        the parameters by layer and name
 * @param optimizerState the optimizer's buffers by name, then layer and parameter
 * @param step           updates applied so far (Adam's bias correction and Adagrad's decay depend on it)
 * @param lastLoss       the loss of the latest step, or null
 */
public record Checkpoint(NetworkSpec network, DType dtype, OptimizerSpec optimizer, Map<String, Map<String, Tensor>> weights,
        Map<String, Map<String, Map<String, Tensor>>> optimizerState, long step, Double lastLoss) {

    public static Checkpoint of(Session session) {
        Map<String, Map<String, Map<String, Tensor>>> buffers = new LinkedHashMap<>();
        session.optimizerState().buffers().forEach((name, values) -> buffers.put(name, values.layers()));
        return new Checkpoint(session.network(), session.dtype(), session.optimizer(), session.weights().layers(), buffers,
                session.step(), session.lastLoss());
    }
}
