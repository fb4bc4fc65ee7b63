package dev.gradserve.training;

import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violations;
import dev.gradserve.model.Weights;
import dev.gradserve.model.WeightsValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/** Checks the optimizer buffers of a checkpoint: known names, each shaped like the weights. */
final class CheckpointState {

    private static final List<String> NAMES = List.of("momentumBuffer", "expAvg", "expAvgSq", "maxExpAvgSq", "squareAvg",
            "gradAvg", "sum");

    private CheckpointState() {}

    static OptimizerState check(Architecture architecture, Map<String, Map<String, Map<String, Tensor>>> buffers,
            DType dtype, Violations violations) {
        Map<String, Weights> checked = new LinkedHashMap<>();
        if (buffers == null) {
            return OptimizerState.EMPTY;
        }
        buffers.forEach((name, values) -> {
            String pointer = Violations.pointer("/checkpoint/optimizerState", name);
            if (!NAMES.contains(name)) {
                violations.add(pointer, "unknown optimizer buffer '" + name + "'; known: " + String.join(", ", NAMES));
            } else {
                Weights weights = WeightsValidator.check(architecture, values, dtype, pointer, violations);
                if (weights != null) {
                    checked.put(name, weights);
                }
            }
        });
        return new OptimizerState(checked);
    }
}
