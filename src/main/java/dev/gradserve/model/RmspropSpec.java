package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * RMSprop as {@code torch.optim.RMSprop}: g = ∇ + λ·p; s = αs + (1 − α)g²; centered: ḡ = αḡ + (1 − α)g,
 * d = √(s − ḡ²) + ε, else d = √s + ε; with momentum μ: b = μb + g/d, p = p − lr·b; else p = p − lr·g/d.
 */
@Schema(description = "torch.optim.RMSprop: g = grad + weightDecay·p; s = α·s + (1 − α)·g²; if centered, "
        + "ḡ = α·ḡ + (1 − α)·g and d = √(s − ḡ²) + epsilon, else d = √s + epsilon; with momentum μ, b = μ·b + g/d and "
        + "p = p − learningRate·b, else p = p − learningRate·g/d.")
public record RmspropSpec(
        @Schema(description = "Which optimizer: rmsprop.", example = "rmsprop", allowableValues = "rmsprop",
                requiredMode = Schema.RequiredMode.REQUIRED) String type,
        @Schema(description = "The learning rate ≥ 0; default 0.01.", example = "0.01", defaultValue = "0.01")
        Double learningRate,
        @Schema(description = "Smoothing constant α in [0, 1); default 0.99.", example = "0.99", defaultValue = "0.99")
        Double alpha,
        @Schema(description = "ε ≥ 0 added to the denominator; default 1e-8.", example = "1e-8", defaultValue = "1e-8")
        Double epsilon,
        @Schema(description = "Momentum factor μ ≥ 0; default 0.", example = "0", defaultValue = "0") Double momentum,
        @Schema(description = "Normalise by the variance instead of the second moment; default false.", example = "false",
                defaultValue = "false") Boolean centered,
        @Schema(description = "L2 penalty λ ≥ 0 added to the gradient; default 0.", example = "0", defaultValue = "0")
        Double weightDecay,
        @Schema(description = "After clipValue, scale all gradients together so that their global L2 norm is at most this "
                + "(> 0), as torch.nn.utils.clip_grad_norm_ (norm + 1e-6 in the divisor); default none.", example = "1.0")
        Double clipNorm,
        @Schema(description = "Clamp every gradient element to [−clipValue, clipValue] (> 0), before clipNorm; default none.",
                example = "0.5")
        Double clipValue) implements OptimizerSpec {

    @Override
    public RmspropSpec withDefaults() {
        return new RmspropSpec("rmsprop", OptimizerSpec.or(learningRate, 0.01), OptimizerSpec.or(alpha, 0.99),
                OptimizerSpec.or(epsilon, 1e-8), OptimizerSpec.or(momentum, 0), centered != null && centered,
                OptimizerSpec.or(weightDecay, 0), clipNorm, clipValue);
    }

    @Override
    public void check(String pointer, Violations violations) {
        OptimizerSpec.checkCommon(this, pointer, violations);
        OptimizerSpec.below(alpha, 1, pointer + "/alpha", violations);
        OptimizerSpec.atLeast(epsilon, 0, pointer + "/epsilon", violations);
        OptimizerSpec.atLeast(momentum, 0, pointer + "/momentum", violations);
        OptimizerSpec.atLeast(weightDecay, 0, pointer + "/weightDecay", violations);
    }
}
