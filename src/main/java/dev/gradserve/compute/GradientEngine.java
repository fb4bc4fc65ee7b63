package dev.gradserve.compute;

import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.Include;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Computes what backpropagation computes for a checked request: tensors in, tensors out. Every
 * call builds its own network and arrays, so calls may run concurrently.
 */
public final class GradientEngine {

    private final long plainMaxMultiplyAdds;

    /** Small float64 dense networks on plain arrays (up to {@link PlainDenseNetwork#MAX_MULTIPLY_ADDS}), the rest with ND4J. */
    public GradientEngine() {
        this(PlainDenseNetwork.MAX_MULTIPLY_ADDS);
    }

    /**
     * @param plainMaxMultiplyAdds the largest forward pass (in multiply-adds) of a float64 dense network that is
     *                             computed on plain arrays rather than with ND4J; 0 for ND4J always
     */
    public GradientEngine(long plainMaxMultiplyAdds) {
        this.plainMaxMultiplyAdds = plainMaxMultiplyAdds;
    }

    /**
     * Forward pass, loss and backward pass.
     *
     * @param targets shaped like the outputs (class indices already one-hot)
     * @throws NonFiniteResultException when a result that would be sent is not finite
     * @throws OutOfDomainException     when the loss cannot take the outputs
     */
    public GradientResult gradients(Architecture architecture, Weights weights, Tensor inputs, Tensor targets,
            DType dtype, Set<Include> include) {
        return compute(architecture, weights, inputs, new Seed(targets, null), dtype, include);
    }

    /**
     * Backpropagation of dL/d outputs given by the client instead of a loss's: the vector–Jacobian
     * product, for a loss computed elsewhere. The result has no loss.
     *
     * @param outputGradients shaped like the outputs
     */
    public GradientResult vectorJacobianProduct(Architecture architecture, Weights weights, Tensor inputs,
            Tensor outputGradients, DType dtype, Set<Include> include) {
        return compute(architecture, weights, inputs, new Seed(null, outputGradients), dtype, include);
    }

    /** Where backpropagation starts: targets for the loss, or dL/d outputs given. */
    private record Seed(Tensor targets, Tensor outputGradients) {

        Seed example(int index) {
            return new Seed(targets == null ? null : targets.example(index),
                    outputGradients == null ? null : outputGradients.example(index));
        }
    }

    private GradientResult compute(Architecture architecture, Weights weights, Tensor inputs, Seed seed, DType dtype,
            Set<Include> include) {
        GradientResult result = once(architecture, weights, inputs, seed, dtype, include);
        return include.contains(Include.PER_EXAMPLE_GRADIENTS)
                ? result.withPerExample(perExample(architecture, weights, inputs, seed, dtype)) : result;
    }

    private GradientResult once(Architecture architecture, Weights weights, Tensor inputs, Seed seed, DType dtype,
            Set<Include> include) {
        PlainDenseNetwork small = PlainDenseNetwork.forSmall(architecture, inputs.shape()[0], dtype, plainMaxMultiplyAdds);
        if (small != null) {
            return small.gradients(weights, inputs, seed.targets(), seed.outputGradients(), include);
        }
        return Workspaces.run(() -> withNd4j(architecture, weights, inputs, seed, dtype, include));
    }

    private GradientResult withNd4j(Architecture architecture, Weights weights, Tensor inputs, Seed seed, DType dtype,
            Set<Include> include) {
        Network network = Network.of(architecture);
        Network.Parameters parameters = NdArrays.toParameters(weights, dtype);
        ForwardPass forward = network.forward(NdArrays.toArray(inputs, dtype), parameters);
        boolean needInputGradient = include.contains(Include.INPUT_GRADIENTS);
        BackwardPass backward = seed.targets() != null
                ? network.backward(forward, NdArrays.toArray(seed.targets(), dtype), needInputGradient)
                : network.backwardFromOutputs(forward, NdArrays.toArray(seed.outputGradients(), dtype), needInputGradient);

        Export export = new Export(network.layers());
        Tensor outputs = export.tensor(forward.outputs());
        Weights gradients = export.gradients(backward);
        Map<String, LayerValues> activations = include.contains(Include.ACTIVATIONS) ? export.activations(forward) : null;
        Map<String, Tensor> deltas = include.contains(Include.DELTAS) ? export.deltas(backward) : null;
        Tensor inputGradients = backward.inputGradients() == null ? null : export.tensor(backward.inputGradients());
        if (!export.finite || (backward.loss() != null && !Double.isFinite(backward.loss()))) {
            throw NonFiniteLocator.locate(network.layers(), forward, backward.loss(), backward);
        }
        Weights used = include.contains(Include.WEIGHTS) ? NdArrays.toWeights(parameters.byLayer()) : null;
        Map<String, GradientNorms> norms = include.contains(Include.GRADIENT_NORMS) ? export.norms(gradients, backward) : null;
        return new GradientResult(backward.loss(), outputs, gradients, activations, deltas, inputGradients, used, norms,
                null);
    }

    /**
     * Every example on its own, as a batch of one: exactly what a request with only that example gives
     * (with mean reduction, their mean is the batch gradient; with sum, their sum). Stacked along a
     * leading batch dimension.
     */
    private Weights perExample(Architecture architecture, Weights weights, Tensor inputs, Seed seed, DType dtype) {
        int batch = inputs.shape()[0];
        Map<String, Map<String, double[]>> stacked = new LinkedHashMap<>();
        Map<String, Map<String, int[]>> shapes = new LinkedHashMap<>();
        for (int i = 0; i < batch; i++) {
            Weights one = once(architecture, weights, inputs.example(i), seed.example(i), dtype, Set.of()).gradients();
            int example = i;
            one.layers().forEach((layer, parameters) -> parameters.forEach((name, gradient) -> {
                double[] all = stacked.computeIfAbsent(layer, key -> new LinkedHashMap<>())
                        .computeIfAbsent(name, key -> new double[batch * gradient.size()]);
                System.arraycopy(gradient.data(), 0, all, example * gradient.size(), gradient.size());
                shapes.computeIfAbsent(layer, key -> new LinkedHashMap<>()).put(name, gradient.shape());
            }));
        }
        Map<String, Map<String, Tensor>> layers = new LinkedHashMap<>();
        stacked.forEach((layer, parameters) -> {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            parameters.forEach((name, data) -> {
                int[] shape = shapes.get(layer).get(name);
                int[] withBatch = new int[shape.length + 1];
                withBatch[0] = batch;
                System.arraycopy(shape, 0, withBatch, 1, shape.length);
                tensors.put(name, new Tensor(withBatch, data));
            });
            layers.put(layer, tensors);
        });
        return new Weights(layers);
    }

    /**
     * Forward pass only, with the loss when targets are given.
     *
     * @param targets shaped like the outputs, or null
     */
    public ForwardResult forward(Architecture architecture, Weights weights, Tensor inputs, Tensor targets, DType dtype,
            Set<Include> include) {
        PlainDenseNetwork small = PlainDenseNetwork.forSmall(architecture, inputs.shape()[0], dtype, plainMaxMultiplyAdds);
        if (small != null) {
            return small.forward(weights, inputs, targets, include);
        }
        return Workspaces.run(() -> forwardWithNd4j(architecture, weights, inputs, targets, include, dtype));
    }

    private ForwardResult forwardWithNd4j(Architecture architecture, Weights weights, Tensor inputs, Tensor targets,
            Set<Include> include, DType dtype) {
        Network network = Network.of(architecture);
        Network.Parameters parameters = NdArrays.toParameters(weights, dtype);
        ForwardPass forward = network.forward(NdArrays.toArray(inputs, dtype), parameters);
        Double loss = targets == null ? null : network.loss(forward, NdArrays.toArray(targets, dtype)).value();

        Export export = new Export(network.layers());
        Tensor outputs = export.tensor(forward.outputs());
        Map<String, LayerValues> activations = include.contains(Include.ACTIVATIONS) ? export.activations(forward) : null;
        if (!export.finite || (loss != null && !Double.isFinite(loss))) {
            throw NonFiniteLocator.locate(network.layers(), forward, loss, null);
        }
        Weights used = include.contains(Include.WEIGHTS) ? NdArrays.toWeights(parameters.byLayer()) : null;
        return new ForwardResult(outputs, loss, activations, used);
    }

    /** Compares the analytic gradients with central finite differences, in float64. */
    public GradientCheckResult checkGradients(Architecture architecture, Weights weights, Tensor inputs, Tensor targets,
            GradientCheck.Settings settings) {
        return new GradientCheck(Network.of(architecture), settings).run(weights, inputs, targets);
    }

    /** Turns arrays into tensors for the answer, noting whether all of them are finite. */
    private static final class Export {

        private final List<Layer> layers;
        private boolean finite = true;

        Export(List<Layer> layers) {
            this.layers = layers;
        }

        Tensor tensor(INDArray array) {
            Tensor tensor = NdArrays.toTensor(array);
            finite &= tensor.firstNonFinite() < 0;
            return tensor;
        }

        Weights gradients(BackwardPass backward) {
            Map<String, Map<String, Tensor>> byLayer = new LinkedHashMap<>();
            for (int i = 0; i < layers.size(); i++) {
                Map<String, INDArray> parameters = backward.gradients().get(i).parameters();
                if (!parameters.isEmpty()) {
                    Map<String, Tensor> tensors = new LinkedHashMap<>();
                    parameters.forEach((name, gradient) -> tensors.put(name, tensor(gradient)));
                    byLayer.put(layers.get(i).name(), tensors);
                }
            }
            return new Weights(byLayer);
        }

        Map<String, LayerValues> activations(ForwardPass forward) {
            Map<String, LayerValues> byLayer = new LinkedHashMap<>();
            for (int i = 0; i < layers.size(); i++) {
                Map<String, INDArray> reported = forward.traces().get(i).reported();
                INDArray c = reported.get("c");
                byLayer.put(layers.get(i).name(), new LayerValues(tensor(reported.get("z")), tensor(reported.get("a")),
                        c == null ? null : tensor(c)));
            }
            return byLayer;
        }

        /** L2 norms of each layer's gradients (already exported as {@code gradients}) and of its dL/dh_t. */
        Map<String, GradientNorms> norms(Weights gradients, BackwardPass backward) {
            Map<String, GradientNorms> byLayer = new LinkedHashMap<>();
            for (int i = 0; i < layers.size(); i++) {
                Map<String, Tensor> parameters = gradients.layers().getOrDefault(layers.get(i).name(), Map.of());
                Supplier<double[]> stepNorms = backward.gradients().get(i).stepNorms();
                double[] steps = stepNorms == null ? null : stepNorms.get();
                if (parameters.isEmpty() && steps == null) {
                    continue;
                }
                Map<String, Double> perParameter = new LinkedHashMap<>();
                double total = 0;
                for (Map.Entry<String, Tensor> parameter : parameters.entrySet()) {
                    double norm = Norms.l2(parameter.getValue().data());
                    perParameter.put(parameter.getKey(), norm);
                    total = Math.hypot(total, norm);
                }
                byLayer.put(layers.get(i).name(), new GradientNorms(total, perParameter, steps));
            }
            return byLayer;
        }

        Map<String, Tensor> deltas(BackwardPass backward) {
            Map<String, Tensor> byLayer = new LinkedHashMap<>();
            for (int i = 0; i < layers.size(); i++) {
                byLayer.put(layers.get(i).name(), tensor(backward.deltas().get(i).get()));
            }
            return byLayer;
        }
    }
}
