package dev.gradserve.bench;

import dev.gradserve.compute.NdArrays;
import dev.gradserve.compute.Network;
import dev.gradserve.compute.Workspaces;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.WeightInit;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward + backward of an MLP 784-256-128-10 (ReLU, cross_entropy on logits, batch 128) through
 * the compute core, against the same eight matrix multiplications alone (three forward, three
 * dL/dW, two dL/dx) into preallocated arrays: the ratio of the two is the core's overhead.
 * Run with {@code ./mvnw -Pbench test} (see README); both run in the same fork.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class MlpBenchmark {

    private static final int BATCH = Mlp.BATCH;
    private static final int[] WIDTHS = Mlp.WIDTHS;

    @Param({"float32", "float64"})
    public String dtype;

    private Network network;
    private Network.Parameters parameters;
    private INDArray inputs;
    private INDArray targets;

    private INDArray[] weights;
    private INDArray[] activations;
    private INDArray[] deltas;
    private INDArray[] weightGradients;
    private INDArray[] inputGradients;

    @Setup
    public void setUp() {
        DType precision = "float32".equals(dtype) ? DType.FLOAT32 : DType.FLOAT64;
        DataType type = NdArrays.dataType(precision);
        Architecture architecture = Mlp.architecture();
        network = Network.of(architecture);
        parameters = NdArrays.toParameters(WeightInit.initialize(architecture, new InitSpec(InitScheme.HE_NORMAL, 1L)),
                precision);
        Random random = new Random(2);
        inputs = NdArrays.toArray(Mlp.inputs(random), precision);
        targets = NdArrays.toArray(Mlp.oneHotTargets(random), precision);

        int layers = WIDTHS.length - 1;
        weights = new INDArray[layers];
        activations = new INDArray[layers + 1];
        deltas = new INDArray[layers];
        weightGradients = new INDArray[layers];
        inputGradients = new INDArray[layers];
        activations[0] = inputs;
        for (int l = 0; l < layers; l++) {
            weights[l] = Nd4j.rand(type, WIDTHS[l + 1], WIDTHS[l]);
            activations[l + 1] = Nd4j.create(type, BATCH, WIDTHS[l + 1]);
            deltas[l] = Nd4j.rand(type, BATCH, WIDTHS[l + 1]);
            weightGradients[l] = Nd4j.create(type, WIDTHS[l + 1], WIDTHS[l]);
            inputGradients[l] = Nd4j.create(type, BATCH, WIDTHS[l]);
        }
    }

    /** As the service runs it: the pass's arrays in a workspace, freed when it ends (the loss leaves it). */
    @Benchmark
    public double forwardBackward() {
        return Workspaces.run(() -> network.backward(network.forward(inputs, parameters), targets, false).loss());
    }

    /** x·Wᵀ per layer, then δᵀ·x per layer and δ·W for every layer but the first, as the core calls them. */
    @Benchmark
    public INDArray gemmsOnly() {
        return gemms(Product.STRAIGHT);
    }

    /** The same through ND4J's gemm. */
    @Benchmark
    public INDArray gemmsThroughNd4j() {
        return gemms(Product.THROUGH_ND4J);
    }

    private INDArray gemms(Product product) {
        for (int l = 0; l < weights.length; l++) {
            product.into(activations[l], weights[l], activations[l + 1], false, true);
        }
        for (int l = weights.length - 1; l >= 0; l--) {
            product.into(deltas[l], activations[l], weightGradients[l], true, false);
            if (l > 0) {
                product.into(deltas[l], weights[l], inputGradients[l], false, false);
            }
        }
        return weightGradients[0];
    }
}
