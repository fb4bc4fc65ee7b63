package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Adam as {@code torch.optim.Adam}: g = ∇ + λ·p; m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²;
 * p = p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε) (with amsgrad, v replaced by its running maximum).
 */
@Schema(description = "torch.optim.Adam: g = grad + weightDecay·p; m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²; "
        + "p = p − learningRate/(1 − β1^t) · m / (√v/√(1 − β2^t) + epsilon), t the step (from 1). With amsgrad, "
        + "the running maximum of v is used in the denominator.")
public record AdamSpec(
        @Schema(description = "Which optimizer: adam.", example = "adam", allowableValues = "adam", requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
        @Schema(description = "The learning rate ≥ 0; default 0.001.", example = "0.001", defaultValue = "0.001")
        Double learningRate,
        @Schema(description = "β1 in [0, 1); default 0.9.", example = "0.9", defaultValue = "0.9") Double beta1,
        @Schema(description = "β2 in [0, 1); default 0.999.", example = "0.999", defaultValue = "0.999") Double beta2,
        @Schema(description = "ε ≥ 0 added to the denominator; default 1e-8.", example = "1e-8", defaultValue = "1e-8")
        Double epsilon,
        @Schema(description = "L2 penalty λ ≥ 0 added to the gradient (not decoupled as AdamW); default 0.", example = "0",
                defaultValue = "0") Double weightDecay,
        @Schema(description = "Use the AMSGrad variant; default false.", example = "false", defaultValue = "false")
        Boolean amsgrad,
        @Schema(description = "After clipValue, scale all gradients together so that their global L2 norm is at most this "
                + "(> 0), as torch.nn.utils.clip_grad_norm_ (norm + 1e-6 in the divisor); default none.", example = "1.0")
        Double clipNorm,
        @Schema(description = "Clamp every gradient element to [−clipValue, clipValue] (> 0), before clipNorm; default none.",
                example = "0.5")
        Double clipValue) implements OptimizerSpec {

    @Override
    public AdamSpec withDefaults() {
        return new AdamSpec("adam", OptimizerSpec.or(learningRate, 0.001), OptimizerSpec.or(beta1, 0.9),
                OptimizerSpec.or(beta2, 0.999), OptimizerSpec.or(epsilon, 1e-8), OptimizerSpec.or(weightDecay, 0),
                amsgrad != null && amsgrad, clipNorm, clipValue);
    }

    @Override
    public void check(String pointer, Violations violations) {
        OptimizerSpec.checkCommon(this, pointer, violations);
        OptimizerSpec.below(beta1, 1, pointer + "/beta1", violations);
        OptimizerSpec.below(beta2, 1, pointer + "/beta2", violations);
        OptimizerSpec.atLeast(epsilon, 0, pointer + "/epsilon", violations);
        OptimizerSpec.atLeast(weightDecay, 0, pointer + "/weightDecay", violations);
    }
}
