package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD}: g = ∇ + λ·p; with momentum μ, b = g at the
 * first step and b = μ·b + (1 − dampening)·g after; g = g + μ·b (nesterov) or g = b; p = p − lr·g.
 */
@Schema(description = "torch.optim.SGD: g = grad + weightDecay·p; with momentum μ the buffer b = g at the first step, "
        + "then b = μ·b + (1 − dampening)·g; g = g + μ·b if nesterov, else g = b; p = p − learningRate·g.")
public record SgdSpec(
        @Schema(description = "Which optimizer: sgd.", example = "sgd", allowableValues = "sgd",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
        @Schema(description = "The learning rate (required, ≥ 0).", example = "0.5", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull Double learningRate,
        @Schema(description = "Momentum factor μ ≥ 0; default 0.", example = "0.9", defaultValue = "0") Double momentum,
        @Schema(description = "Dampening of the momentum ≥ 0; default 0.", example = "0", defaultValue = "0") Double dampening,
        @Schema(description = "Nesterov momentum (needs momentum > 0 and dampening 0); default false.", example = "false",
                defaultValue = "false") Boolean nesterov,
        @Schema(description = "L2 penalty λ ≥ 0 added to the gradient; default 0.", example = "0", defaultValue = "0")
        Double weightDecay,
        @Schema(description = "After clipValue, scale all gradients together so that their global L2 norm is at most this "
                + "(> 0), as torch.nn.utils.clip_grad_norm_ (norm + 1e-6 in the divisor); default none.", example = "1.0")
        Double clipNorm,
        @Schema(description = "Clamp every gradient element to [−clipValue, clipValue] (> 0), before clipNorm; default none.",
                example = "0.5")
        Double clipValue) implements OptimizerSpec {

    @Override
    public SgdSpec withDefaults() {
        return new SgdSpec("sgd", learningRate, OptimizerSpec.or(momentum, 0), OptimizerSpec.or(dampening, 0),
                nesterov != null && nesterov, OptimizerSpec.or(weightDecay, 0), clipNorm, clipValue);
    }

    @Override
    public void check(String pointer, Violations violations) {
        OptimizerSpec.checkCommon(this, pointer, violations);
        OptimizerSpec.atLeast(momentum, 0, pointer + "/momentum", violations);
        OptimizerSpec.atLeast(dampening, 0, pointer + "/dampening", violations);
        OptimizerSpec.atLeast(weightDecay, 0, pointer + "/weightDecay", violations);
        if (nesterov != null && nesterov && (OptimizerSpec.or(momentum, 0) <= 0 || OptimizerSpec.or(dampening, 0) != 0)) {
            violations.add(pointer + "/nesterov", "nesterov momentum needs momentum > 0 and dampening 0");
        }
    }
}
