package dev.gradserve.compute;

import dev.gradserve.model.Architecture;
import dev.gradserve.model.Conv2dSpec;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.FlattenSpec;
import dev.gradserve.model.GruSpec;
import dev.gradserve.model.IntPair;
import dev.gradserve.model.LstmSpec;
import dev.gradserve.model.Pool2dSpec;
import dev.gradserve.model.ResolvedLayer;
import dev.gradserve.model.RnnSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network ready to compute: its layers and its loss. It keeps no request data, so one instance
 * could serve concurrent requests; building one is cheap, so each request builds its own.
 */
public final class Network {

    private final List<Layer> layers;
    private final Loss loss;

    private Network(List<Layer> layers, Loss loss) {
        this.layers = layers;
        this.loss = loss;
    }

    public static Network of(Architecture architecture) {
        List<Layer> layers = new ArrayList<>();
        for (ResolvedLayer layer : architecture.layers()) {
            layers.add(layerOf(layer));
        }
        return new Network(List.copyOf(layers), architecture.loss() == null ? null : Losses.of(architecture.loss()));
    }

    private static Layer layerOf(ResolvedLayer layer) {
        if (layer.spec() instanceof DenseSpec dense) {
            return new DenseLayer(layer.name(), Activations.of(dense.activationOrDefault()));
        }
        if (layer.spec() instanceof Conv2dSpec conv) {
            return new Conv2dLayer(layer.name(), Activations.of(conv.activationOrDefault()), pair(conv.kernelSize()),
                    pair(conv.strideOrDefault()), conv.paddingOrDefault().sides(conv.kernelSize()));
        }
        if (layer.spec() instanceof Pool2dSpec pool) {
            return new Pool2dLayer(layer.name(), pool.max(), pair(pool.poolSize()), pair(pool.strideOrDefault()));
        }
        if (layer.spec() instanceof FlattenSpec) {
            return new FlattenLayer(layer.name());
        }
        if (layer.spec() instanceof RnnSpec rnn) {
            return new RnnLayer(layer.name(), Activations.of(rnn.activationOrDefault()), rnn.initialState(), Unrolling.of(rnn));
        }
        if (layer.spec() instanceof LstmSpec lstm) {
            return new LstmLayer(layer.name(), Unrolling.of(lstm));
        }
        if (layer.spec() instanceof GruSpec gru) {
            return new GruLayer(layer.name(), Unrolling.of(gru));
        }
        throw new IllegalStateException("no implementation for layer type " + layer.spec().type());
    }

    private static int[] pair(IntPair pair) {
        return new int[] {pair.height(), pair.width()};
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Runs every layer in order on {@code inputs} [batch, …]. */
    public ForwardPass forward(INDArray inputs, Parameters parameters) {
        List<LayerTrace> traces = new ArrayList<>(layers.size());
        INDArray a = inputs;
        for (Layer layer : layers) {
            LayerTrace trace = layer.forward(a, parameters.of(layer.name()));
            traces.add(trace);
            a = trace.a();
        }
        return new ForwardPass(traces);
    }

    /**
     * Outputs up to this many numbers have their loss computed on plain arrays: a loss is a dozen small
     * operations, each costing ND4J tens of µs, on what is usually a few thousand numbers.
     */
    static final long PLAIN_LOSS_ELEMENTS = 65_536;

    /** The loss of a forward pass against targets shaped like the outputs. */
    public LossResult loss(ForwardPass forward, INDArray targets) {
        LayerTrace output = forward.output();
        Activation activation = layers.get(layers.size() - 1).activation();
        if (output.a().length() > PLAIN_LOSS_ELEMENTS) {
            return loss.evaluate(output.z(), output.a(), activation, targets);
        }
        double[] z = NdArrays.doubles(output.z());
        double[] a = output.a() == output.z() ? z : NdArrays.doubles(output.a());
        int width = (int) output.a().size(output.a().rank() - 1);
        Loss.PlainLoss result = loss.evaluate(z, a, width, activation, NdArrays.doubles(targets));
        return new LossResult(result.value(), Nd4j.create(result.dLdZ(), output.z().shape(), output.z().dataType()));
    }

    /**
     * Backpropagation: from the loss's dL/dz of the output layer, each layer gives its parameter
     * gradients and dL/d input, and the previous layer's activation turns that into its dL/dz.
     */
    public BackwardPass backward(ForwardPass forward, INDArray targets, boolean needInputGradient) {
        LossResult lossResult = loss(forward, targets);
        return backpropagate(forward, lossResult.dLdZ(), lossResult.value(), needInputGradient);
    }

    /**
     * Backpropagation of a given dL/d outputs instead of a loss's: the vector–Jacobian product, for a
     * loss the client computes itself. There is no loss value.
     */
    public BackwardPass backwardFromOutputs(ForwardPass forward, INDArray dLdOutputs, boolean needInputGradient) {
        LayerTrace output = forward.output();
        INDArray dLdZ = layers.get(layers.size() - 1).activation().backward(output.z(), output.a(), dLdOutputs);
        return backpropagate(forward, dLdZ, null, needInputGradient);
    }

    private BackwardPass backpropagate(ForwardPass forward, INDArray dLdZ, Double loss, boolean needInputGradient) {
        int count = layers.size();
        List<Supplier<INDArray>> deltas = new ArrayList<>(Collections.nCopies(count, null));
        LayerGradients[] gradients = new LayerGradients[count];
        for (int i = count - 1; i >= 0; i--) {
            gradients[i] = forward.traces().get(i).backward(dLdZ, i > 0 || needInputGradient);
            INDArray given = dLdZ;
            deltas.set(i, gradients[i].delta() != null ? gradients[i].delta() : () -> given);
            if (i > 0) {
                LayerTrace previous = forward.traces().get(i - 1);
                dLdZ = layers.get(i - 1).activation().backward(previous.z(), previous.a(), gradients[i].dLdInput());
            }
        }
        return new BackwardPass(loss, List.copyOf(deltas), List.of(gradients), gradients[0].dLdInput());
    }

    /** Layer parameters by layer name; layers without parameters are absent. */
    public record Parameters(Map<String, Map<String, INDArray>> byLayer) {

        Map<String, INDArray> of(String layer) {
            return byLayer.getOrDefault(layer, Map.of());
        }
    }
}
