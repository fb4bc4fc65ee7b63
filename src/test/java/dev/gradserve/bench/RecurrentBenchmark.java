package dev.gradserve.bench;

import dev.gradserve.compute.NdArrays;
import dev.gradserve.compute.Network;
import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.GruSpec;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.Limits;
import dev.gradserve.model.LossSpec;
import dev.gradserve.model.LossType;
import dev.gradserve.model.LstmSpec;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.NetworkValidator;
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
 * Forward + backward of an lstm or a gru (batch 32, 50 steps, 64 features, 64 units, last state) with a dense head of
 * 10 logits and cross_entropy through the compute core, against its matrix multiplications alone into preallocated
 * arrays: X·W_xhᵀ for all steps, h_{t−1}·W_hhᵀ for steps 1..49, the head; backward the head, δ_t·W_hh for
 * steps 1..49, dL/dW_xh and dL/dW_hh over all steps (4·units gate rows for the lstm, 3·units for the gru). Issue 5's
 * goal is the lstm's; the gru runs the same sizes. Run with {@code ./mvnw -Pbench test -Djmh.args=RecurrentBenchmark}.
 */
public class RecurrentBenchmark extends PassBenchmark {

    private static final int BATCH = 32;
    private static final int TIME = 50;
    private static final int FEATURES = 64;
    private static final int UNITS = 64;
    private static final int CLASSES = 10;

    @Param({"lstm", "gru"})
    public String cell;

    @Param({"float32", "float64"})
    public String dtype;

    private INDArray xRows;
    private INDArray W_xh;
    private INDArray W_hh;
    private INDArray W_head;
    private INDArray gates;
    private INDArray[] gateSteps;
    private INDArray[] hSteps;
    private INDArray[] dHSteps;
    private INDArray hRows;
    private INDArray logits;
    private INDArray dLogits;
    private INDArray dHLast;
    private INDArray dW_head;
    private INDArray dW_xh;
    private INDArray dW_hh;

    @Setup
    public void setUp() {
        DType precision = "float32".equals(dtype) ? DType.FLOAT32 : DType.FLOAT64;
        DataType type = NdArrays.dataType(precision);
        NetworkSpec spec = new NetworkSpec(List.of(TIME, FEATURES), List.of(
                "lstm".equals(cell) ? new LstmSpec(null, "recurrent", UNITS, false, null)
                        : new GruSpec(null, "recurrent", UNITS, false, null),
                new DenseSpec(null, "dense", CLASSES, ActivationSpec.named("identity"), null)),
                new LossSpec(LossType.CROSS_ENTROPY, null, null, null));
        Violations violations = new Violations();
        Architecture architecture = NetworkValidator.resolve(spec, new Limits(10, 10_000_000, 1_000, 100_000_000, 1_000,
                1_000), "/network", violations);
        violations.throwIfAny();
        network = Network.of(architecture);
        parameters = NdArrays.toParameters(WeightInit.initialize(architecture, new InitSpec(InitScheme.XAVIER_UNIFORM, 1L)),
                precision);
        Random random = new Random(2);
        inputs = Nd4j.create(random.doubles((long) BATCH * TIME * FEATURES, -1, 1).toArray(),
                new long[] {BATCH, TIME, FEATURES}, type);
        double[] oneHot = new double[BATCH * CLASSES];
        for (int i = 0; i < BATCH; i++) {
            oneHot[i * CLASSES + random.nextInt(CLASSES)] = 1;
        }
        targets = Nd4j.create(oneHot, new long[] {BATCH, CLASSES}, type);

        int gateWidth = ("lstm".equals(cell) ? 4 : 3) * UNITS;
        xRows = Nd4j.rand(type, TIME * BATCH, FEATURES);
        W_xh = Nd4j.rand(type, gateWidth, FEATURES);
        W_hh = Nd4j.rand(type, gateWidth, UNITS);
        W_head = Nd4j.rand(type, CLASSES, UNITS);
        gates = Nd4j.create(type, TIME * BATCH, gateWidth);
        hRows = Nd4j.rand(type, TIME * BATCH, UNITS);
        gateSteps = new INDArray[TIME];
        hSteps = new INDArray[TIME];
        dHSteps = new INDArray[TIME];
        for (int t = 0; t < TIME; t++) {
            gateSteps[t] = Nd4j.rand(type, BATCH, gateWidth);
            hSteps[t] = Nd4j.rand(type, BATCH, UNITS);
            dHSteps[t] = Nd4j.create(type, BATCH, UNITS);
        }
        logits = Nd4j.create(type, BATCH, CLASSES);
        dLogits = Nd4j.rand(type, BATCH, CLASSES);
        dHLast = Nd4j.create(type, BATCH, UNITS);
        dW_head = Nd4j.create(type, CLASSES, UNITS);
        dW_xh = Nd4j.create(type, gateWidth, FEATURES);
        dW_hh = Nd4j.create(type, gateWidth, UNITS);
    }

    @Override
    protected INDArray gemms(Product product) {
        product.into(xRows, W_xh, gates, false, true);
        for (int t = 1; t < TIME; t++) {
            product.into(hSteps[t - 1], W_hh, gateSteps[t], false, true);
        }
        product.into(hSteps[TIME - 1], W_head, logits, false, true);
        product.into(dLogits, hSteps[TIME - 1], dW_head, true, false);
        product.into(dLogits, W_head, dHLast, false, false);
        for (int t = TIME - 1; t > 0; t--) {
            product.into(gateSteps[t], W_hh, dHSteps[t - 1], false, false);
        }
        product.into(gates, xRows, dW_xh, true, false);
        product.into(gates, hRows, dW_hh, true, false);
        return dW_hh;
    }
}
