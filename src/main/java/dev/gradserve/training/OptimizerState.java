package dev.gradserve.training;

import dev.gradserve.model.Weights;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer keeps between steps: buffers by name (as torch.optim's state: {@code momentumBuffer},
 * {@code expAvg}, {@code expAvgSq}, {@code maxExpAvgSq}, {@code squareAvg}, {@code gradAvg}, {@code sum}),
 * each shaped like the weights. The step count lives in the session.
 */
public record OptimizerState(Map<String, Weights> buffers) {

    public static final OptimizerState EMPTY = new OptimizerState(Map.of());

    public OptimizerState {
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
    }
}
