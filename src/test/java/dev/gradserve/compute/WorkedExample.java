package dev.gradserve.compute;

import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.LossSpec;
import dev.gradserve.model.LossType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.NetworkValidator;
import dev.gradserve.model.Reduction;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violations;
import dev.gradserve.model.Weights;
import java.util.List;
import java.util.Map;

/**
 * The worked example of API.md (Matt Mazur's "A Step by Step Backpropagation Example"): a 2-2-2
 * sigmoid network with loss ½·Σ(t − y)², and the figures published for it.
 */
public final class WorkedExample {

    public static final double LOSS = 0.298371109;
    public static final double[] OUTPUTS = {0.75136507, 0.772928465};
    /** dE/dw5: w5 is the output layer's W[0][0]. */
    public static final double DE_DW5 = 0.082167041;
    /** After one sgd step with learning rate 0.5. */
    public static final double[][] OUTPUT_W_AFTER_STEP = {{0.35891648, 0.408666186}, {0.511301270, 0.561370121}};
    public static final double[][] HIDDEN_W_AFTER_STEP = {{0.149780716, 0.19956143}, {0.24975114, 0.29950229}};

    public static final Tensor INPUTS = Tensor.matrix(new double[][] {{0.05, 0.10}});
    public static final Tensor TARGETS = Tensor.matrix(new double[][] {{0.01, 0.99}});

    private WorkedExample() {}

    public static NetworkSpec network() {
        ActivationSpec sigmoid = ActivationSpec.named("sigmoid");
        return new NetworkSpec(List.of(2),
                List.of(new DenseSpec("hidden", "dense", 2, sigmoid, null), new DenseSpec("output", "dense", 2, sigmoid, null)),
                new LossSpec(LossType.MSE, Reduction.SUM, 0.5, null));
    }

    public static Architecture architecture() {
        Violations violations = new Violations();
        Architecture architecture = NetworkValidator.resolve(network(), TestLimits.GENEROUS, "/network", violations);
        violations.throwIfAny();
        return architecture;
    }

    public static Weights weights() {
        return new Weights(Map.of(
                "hidden", Map.of("W", Tensor.matrix(new double[][] {{0.15, 0.20}, {0.25, 0.30}}), "b", Tensor.vector(0.35, 0.35)),
                "output", Map.of("W", Tensor.matrix(new double[][] {{0.40, 0.45}, {0.50, 0.55}}), "b", Tensor.vector(0.60, 0.60))));
    }
}
