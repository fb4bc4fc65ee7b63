package dev.gradserve.training;

import dev.gradserve.compute.NonFiniteResultException;
import dev.gradserve.model.AdagradSpec;
import dev.gradserve.model.AdamSpec;
import dev.gradserve.model.DType;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.RmspropSpec;
import dev.gradserve.model.SgdSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One optimizer step over a whole network: clip the gradients (by value, then by global norm), then
 * update every parameter with its own buffers. Inputs are not modified; a float32 session's weights
 * and buffers are rounded to float32, as they are stored.
 */
public final class Optimizers {

    /** PyTorch's clip_grad_norm_ adds this to the norm before dividing. */
    private static final double NORM_EPSILON = 1e-6;

    private Optimizers() {}

    /**
     * The weights and optimizer state after update number {@code t} (from 1), in the arrays of {@code spare} where
     * it has one of the same name and length (its values are overwritten: no one may read them any more), else in
     * new ones; each optimizer reads the old arrays and writes the new ones ({@link Optimizer#update(double[],
     * double[], Map, long, double[], Map, boolean)}).
     *
     * @param spare an earlier version of the same session that nothing reads any more, or null
     * @throws NonFiniteResultException when a new weight would not be finite (the spare's arrays are then spoilt)
     */
    public static Update step(OptimizerSpec spec, Weights weights, Weights gradients, OptimizerState state, long t,
            DType dtype, Update spare) {
        Optimizer optimizer = of(spec);
        Map<String, Map<String, double[]>> clipped = clip(gradients, spec.clipValue(), spec.clipNorm());
        Map<String, Map<String, Tensor>> updated = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Tensor>>> buffers = new LinkedHashMap<>();
        weights.layers().forEach((layer, parameters) -> {
            Map<String, Tensor> updatedLayer = new LinkedHashMap<>();
            parameters.forEach((name, tensor) -> {
                double[] p = into(tensor.data().length, spare == null ? null : spare.weights(), layer, name);
                Map<String, double[]> before = new LinkedHashMap<>();
                Map<String, double[]> after = new LinkedHashMap<>();
                state.buffers().forEach((buffer, values) -> {
                    double[] old = values.get(layer, name).data();
                    before.put(buffer, old);
                    after.put(buffer, into(old.length, spare == null ? null : spare.state().buffers().get(buffer),
                            layer, name));
                });
                boolean finite = optimizer.update(tensor.data(), clipped.get(layer).get(name), before, t, p, after,
                        dtype == DType.FLOAT32);
                Tensor next = new Tensor(tensor.shape(), p);
                if (!finite) {
                    requireFinite(layer, name, next);
                }
                updatedLayer.put(name, next);
                after.forEach((buffer, values) -> buffers.computeIfAbsent(buffer, key -> new LinkedHashMap<>())
                        .computeIfAbsent(layer, key -> new LinkedHashMap<>())
                        .put(name, new Tensor(tensor.shape(), values)));
            });
            updated.put(layer, updatedLayer);
        });
        Map<String, Weights> newState = new LinkedHashMap<>();
        buffers.forEach((buffer, layers) -> newState.put(buffer, new Weights(layers)));
        return new Update(new Weights(updated), new OptimizerState(newState));
    }

    private static void requireFinite(String layer, String name, Tensor weights) {
        int bad = weights.firstNonFinite();
        if (bad >= 0) {
            throw new NonFiniteResultException(-1, "the update would make " + layer + "." + name
                    + Arrays.toString(weights.indexOf(bad)) + " " + weights.data()[bad]
                    + "; nothing was changed (a smaller learning rate or clipNorm keeps it finite)");
        }
    }

    /**
     * An array for the new values of {@code layer.name}: the one in {@code spare} when it has one of that length
     * (memory in use already, where a new array costs G1 a humongous allocation), else a new one.
     */
    private static double[] into(int length, Weights spare, String layer, String name) {
        Map<String, Tensor> parameters = spare == null ? null : spare.layers().get(layer);
        Tensor into = parameters == null ? null : parameters.get(name);
        return into == null || into.data().length != length ? new double[length] : into.data();
    }

    /**
     * @param weights the parameters after the update
     * @param state   the optimizer's buffers after the update
     */
    public record Update(Weights weights, OptimizerState state) {}

    static Optimizer of(OptimizerSpec spec) {
        if (spec instanceof SgdSpec sgd) {
            return new Sgd(sgd);
        } else if (spec instanceof AdamSpec adam) {
            return new Adam(adam);
        } else if (spec instanceof RmspropSpec rmsprop) {
            return new RmsProp(rmsprop);
        } else if (spec instanceof AdagradSpec adagrad) {
            return new Adagrad(adagrad);
        }
        throw new IllegalArgumentException("no optimizer " + spec.type());
    }

    /**
     * The gradients, each element clamped to [−value, value], then all scaled to a global L2 norm ≤ norm: copies
     * when clipping is asked for, else the gradients' own arrays (optimizers only read them).
     */
    static Map<String, Map<String, double[]>> clip(Weights gradients, Double value, Double norm) {
        if (value == null && norm == null) {
            Map<String, Map<String, double[]>> arrays = new LinkedHashMap<>();
            gradients.layers().forEach((layer, parameters) -> parameters.forEach((name, tensor) ->
                    arrays.computeIfAbsent(layer, key -> new LinkedHashMap<>()).put(name, tensor.data())));
            return arrays;
        }
        Map<String, Map<String, double[]>> copies = new LinkedHashMap<>();
        double sumOfSquares = 0;
        for (Map.Entry<String, Map<String, Tensor>> layer : gradients.layers().entrySet()) {
            Map<String, double[]> layerCopies = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> parameter : layer.getValue().entrySet()) {
                double[] g = parameter.getValue().data().clone();
                for (int i = 0; i < g.length; i++) {
                    if (value != null) {
                        g[i] = Math.max(-value, Math.min(value, g[i]));
                    }
                    sumOfSquares += g[i] * g[i];
                }
                layerCopies.put(parameter.getKey(), g);
            }
            copies.put(layer.getKey(), layerCopies);
        }
        double coefficient = norm == null ? 1 : norm / (Math.sqrt(sumOfSquares) + NORM_EPSILON);
        if (coefficient < 1) {
            copies.values().forEach(layer -> layer.values().forEach(g -> {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= coefficient;
                }
            }));
        }
        return copies;
    }
}
