package dev.gradserve.training;

import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A float32 session holds exactly float32 values, whatever decimals a client sent, so that its
 * next step is the same whether it continues or is restored from a checkpoint.
 */
final class Precision {

    private Precision() {}

    static Weights canonical(Weights weights, DType dtype) {
        if (dtype != DType.FLOAT32) {
            return weights;
        }
        Map<String, Map<String, Tensor>> rounded = new LinkedHashMap<>();
        weights.layers().forEach((layer, parameters) -> {
            Map<String, Tensor> roundedLayer = new LinkedHashMap<>();
            parameters.forEach((name, tensor) -> {
                double[] data = tensor.data().clone();
                roundToFloat(data);
                roundedLayer.put(name, new Tensor(tensor.shape(), data));
            });
            rounded.put(layer, roundedLayer);
        });
        return new Weights(rounded);
    }

    /** Every value rounded to float, in place. */
    static void roundToFloat(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) values[i];
        }
    }

    static OptimizerState canonical(OptimizerState state, DType dtype) {
        Map<String, Weights> rounded = new LinkedHashMap<>();
        state.buffers().forEach((name, values) -> rounded.put(name, canonical(values, dtype)));
        return new OptimizerState(rounded);
    }
}
