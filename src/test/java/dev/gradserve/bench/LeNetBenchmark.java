package dev.gradserve.bench;

import dev.gradserve.compute.NdArrays;
import dev.gradserve.compute.Network;
import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.Conv2dSpec;
import dev.gradserve.model.DType;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.FlattenSpec;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.IntPair;
import dev.gradserve.model.Limits;
import dev.gradserve.model.LossSpec;
import dev.gradserve.model.LossType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.NetworkValidator;
import dev.gradserve.model.Pool2dSpec;
import dev.gradserve.model.Violations;
import dev.gradserve.model.WeightInit;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Forward + backward of a LeNet-like conv net (1×28×28; conv 6@5×5 relu, maxpool 2; conv 16@5×5 relu,
 * maxpool 2; flatten; dense 10; cross_entropy; batch 64) through the compute core, against the same
 * matrix multiplications alone (each convolution as its im2col GEMM: W₂·columns forward, δ·columnsᵀ and
 * W₂ᵀ·δ backward; the dense head's three). Run with {@code ./mvnw -Pbench test -Djmh.args=LeNetBenchmark}.
 */
public class LeNetBenchmark extends PassBenchmark {

    private static final int BATCH = 64;

    @Param({"float32", "float64"})
    public String dtype;

    /** Per GEMM: a, b, c, transpose a, transpose b. */
    private Object[][] gemms;

    @Setup
    public void setUp() {
        DType precision = "float32".equals(dtype) ? DType.FLOAT32 : DType.FLOAT64;
        DataType type = NdArrays.dataType(precision);
        ActivationSpec relu = ActivationSpec.named("relu");
        NetworkSpec spec = new NetworkSpec(List.of(1, 28, 28), List.of(
                new Conv2dSpec(null, "conv2d", 6, new IntPair(5, 5), null, null, relu, null),
                new Pool2dSpec(null, "maxpool2d", new IntPair(2, 2), null),
                new Conv2dSpec(null, "conv2d", 16, new IntPair(5, 5), null, null, relu, null),
                new Pool2dSpec(null, "maxpool2d", new IntPair(2, 2), null),
                new FlattenSpec(null, "flatten"),
                new DenseSpec(null, "dense", 10, null, null)),
                new LossSpec(LossType.CROSS_ENTROPY, null, null, null));
        Violations violations = new Violations();
        Architecture architecture = NetworkValidator.resolve(spec, new Limits(10, 10_000_000, 1_000, 1_000_000_000, 0, 1),
                "/network", violations);
        violations.throwIfAny();
        network = Network.of(architecture);
        parameters = NdArrays.toParameters(WeightInit.initialize(architecture, new InitSpec(InitScheme.HE_NORMAL, 1L)),
                precision);
        Random random = new Random(2);
        inputs = Nd4j.create(random.doubles((long) BATCH * 28 * 28).toArray(), new long[] {BATCH, 1, 28, 28}, type);
        double[] oneHot = new double[BATCH * 10];
        for (int i = 0; i < BATCH; i++) {
            oneHot[i * 10 + random.nextInt(10)] = 1;
        }
        targets = Nd4j.create(oneHot, new long[] {BATCH, 10}, type);

        // Each convolution as the core computes it: W₂ [filters, k] · columns [k, positions] forward, then δ·columnsᵀ
        // and W₂ᵀ·δ backward; conv1: k = 25, 64·24·24 positions, 6 filters; conv2: k = 150, 64·8·8 positions, 16 filters
        // (not the first convolution's W₂ᵀ·δ: the core computes no gradient for the network's inputs unless asked)
        long[][] convs = {{BATCH * 24 * 24, 25, 6}, {BATCH * 8 * 8, 150, 16}};
        gemms = new Object[8][];
        int g = 0;
        for (long[] c : convs) {
            INDArray columns = Nd4j.rand(type, c[1], c[0]);
            INDArray W = Nd4j.rand(type, c[2], c[1]);
            INDArray delta = Nd4j.rand(type, c[2], c[0]);
            gemms[g++] = new Object[] {W, columns, Nd4j.create(type, c[2], c[0]), false, false};
            gemms[g++] = new Object[] {delta, columns, Nd4j.create(type, c[2], c[1]), false, true};
            if (c != convs[0]) {
                gemms[g++] = new Object[] {W, delta, Nd4j.create(type, c[1], c[0]), true, false};
            }
        }
        // the dense head as rows: [64, 256] · [10, 256]ᵀ, δᵀ·x and δ·W
        INDArray x = Nd4j.rand(type, BATCH, 256);
        INDArray W = Nd4j.rand(type, 10, 256);
        INDArray delta = Nd4j.rand(type, BATCH, 10);
        gemms[g++] = new Object[] {x, W, Nd4j.create(type, BATCH, 10), false, true};
        gemms[g++] = new Object[] {delta, x, Nd4j.create(type, 10, 256), true, false};
        gemms[g] = new Object[] {delta, W, Nd4j.create(type, BATCH, 256), false, false};
    }

    @Override
    protected INDArray gemms(Product product) {
        INDArray last = null;
        for (Object[] gemm : gemms) {
            last = product.into((INDArray) gemm[0], (INDArray) gemm[1], (INDArray) gemm[2], (boolean) gemm[3],
                    (boolean) gemm[4]);
        }
        return last;
    }
}
