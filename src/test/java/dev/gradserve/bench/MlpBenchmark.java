package dev.gradserve.bench;

import dev.gradserve.compute.NdArrays;
import dev.gradserve.compute.Network;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.WeightInit;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Forward + backward of an MLP 784-256-128-10 (ReLU, cross_entropy on logits, batch 128) through
 * the compute core, against the same eight matrix multiplications alone (three forward, three
 * dL/dW, two dL/dx) into preallocated arrays: the ratio of the two is the core's overhead.
 * Run with {@code ./mvnw -Pbench test} (see README); both run in the same fork.
 */
public class MlpBenchmark extends PassBenchmark {

    private static final int BATCH = Mlp.BATCH;
    private static final int[] WIDTHS = Mlp.WIDTHS;

    @Param({"float32", "float64"})
    public String dtype;

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

    /** x·Wᵀ per layer, then δᵀ·x per layer and δ·W for every layer but the first. */
    @Override
    protected INDArray gemms(Product product) {
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
