package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Adagrad as {@code torch.optim.Adagrad}: g = ∇ + λ·p; lr_t = lr / (1 + (t − 1)·decay);
 * s = s + g² (s starts at initialAccumulatorValue); p = p − lr_t·g / (√s + ε).
 */
@Schema(description = "torch.optim.Adagrad: g = grad + weightDecay·p; rate = learningRate / (1 + (t − 1)·learningRateDecay); "
        + "s = s + g² (s starts at initialAccumulatorValue); p = p − rate·g / (√s + epsilon).")
public record AdagradSpec(
        @Schema(description = "Which optimizer: adagrad.", example = "adagrad", allowableValues = "adagrad",
                requiredMode = Schema.RequiredMode.REQUIRED) String type,
        @Schema(description = "The learning rate ≥ 0; default 0.01.", example = "0.01", defaultValue = "0.01")
        Double learningRate,
        @Schema(description = "Learning-rate decay ≥ 0; default 0.", example = "0", defaultValue = "0") Double learningRateDecay,
        @Schema(description = "Starting value ≥ 0 of the sum of squares; default 0.", example = "0", defaultValue = "0")
        Double initialAccumulatorValue,
        @Schema(description = "ε ≥ 0 added to the denominator; default 1e-10.", example = "1e-10", defaultValue = "1e-10")
        Double epsilon,
        @Schema(description = "L2 penalty λ ≥ 0 added to the gradient; default 0.", example = "0", defaultValue = "0")
        Double weightDecay,
        @Schema(description = "After clipValue, scale all gradients together so that their global L2 norm is at most this "
                + "(> 0), as torch.nn.utils.clip_grad_norm_ (norm + 1e-6 in the divisor); default none.", example = "1.0")
        Double clipNorm,
        @Schema(description = "Clamp every gradient element to [−clipValue, clipValue] (> 0), before clipNorm; default none.",
                example = "0.5")
        Double clipValue) implements OptimizerSpec {

    @Override
    public AdagradSpec withDefaults() {
        return new AdagradSpec("adagrad", OptimizerSpec.or(learningRate, 0.01), OptimizerSpec.or(learningRateDecay, 0),
                OptimizerSpec.or(initialAccumulatorValue, 0), OptimizerSpec.or(epsilon, 1e-10),
                OptimizerSpec.or(weightDecay, 0), clipNorm, clipValue);
    }

    @Override
    public void check(String pointer, Violations violations) {
        OptimizerSpec.checkCommon(this, pointer, violations);
        OptimizerSpec.atLeast(learningRateDecay, 0, pointer + "/learningRateDecay", violations);
        OptimizerSpec.atLeast(initialAccumulatorValue, 0, pointer + "/initialAccumulatorValue", violations);
        OptimizerSpec.atLeast(epsilon, 0, pointer + "/epsilon", violations);
        OptimizerSpec.atLeast(weightDecay, 0, pointer + "/weightDecay", violations);
    }
}
