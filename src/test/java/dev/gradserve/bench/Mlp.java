package dev.gradserve.bench;

import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.Limits;
import dev.gradserve.model.LossSpec;
import dev.gradserve.model.LossType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.NetworkValidator;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violations;
import java.util.List;
import java.util.Random;

/** Issue 5's MLP, shared by the benchmarks: 784-256-128-10, ReLU, cross_entropy on logits, batch 128. */
public final class Mlp {

    public static final int BATCH = 128;
    public static final int[] WIDTHS = {784, 256, 128, 10};
    /** Limits wide enough for every benchmark's network. */
    public static final Limits LIMITS = new Limits(10, 10_000_000, 1_000, 100_000_000, 0, 1_000);

    private Mlp() {}

    /** The network; its layers are named layer1, layer2, layer3. */
    public static NetworkSpec spec() {
        return new NetworkSpec(List.of(WIDTHS[0]), List.of(
                new DenseSpec("layer1", "dense", WIDTHS[1], ActivationSpec.named("relu"), null),
                new DenseSpec("layer2", "dense", WIDTHS[2], ActivationSpec.named("relu"), null),
                new DenseSpec("layer3", "dense", WIDTHS[3], ActivationSpec.named("identity"), null)),
                new LossSpec(LossType.CROSS_ENTROPY, null, null, null));
    }

    public static Architecture architecture() {
        Violations violations = new Violations();
        Architecture architecture = NetworkValidator.resolve(spec(), LIMITS, "/network", violations);
        violations.throwIfAny();
        return architecture;
    }

    /** A batch of uniform [0, 1) inputs. */
    public static Tensor inputs(Random random) {
        return new Tensor(new int[] {BATCH, WIDTHS[0]}, random.doubles((long) BATCH * WIDTHS[0]).toArray());
    }

    /** One-hot targets of random classes. */
    public static Tensor oneHotTargets(Random random) {
        double[] oneHot = new double[BATCH * WIDTHS[3]];
        for (int i = 0; i < BATCH; i++) {
            oneHot[i * WIDTHS[3] + random.nextInt(WIDTHS[3])] = 1;
        }
        return new Tensor(new int[] {BATCH, WIDTHS[3]}, oneHot);
    }
}
