package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * The loss, as PyTorch defines it, with its reduction and a multiplier.
 *
 * @param type      which loss
 * @param reduction {@code mean} (default) or {@code sum}
 * @param scale     multiplies the reduced loss (and so every gradient); default 1
 * @param margin    multiclass_hinge only: the margin, default 1
 */
@Schema(description = "The loss, as PyTorch defines it, times scale. mse and binary_cross_entropy reduce over every "
        + "element, cross_entropy and multiclass_hinge over the batch.")
public record LossSpec(
        @Schema(description = "Which loss. mse: (y − t)² per element. binary_cross_entropy: −[t·ln y + (1 − t)·ln(1 − y)] "
                + "per element on probabilities (after a sigmoid computed from its logits; otherwise outputs must lie in "
                + "[0, 1], else 422). cross_entropy: targets are class indices [batch] or probabilities [batch, classes]; "
                + "after softmax the layer's probabilities are used, after identity the outputs are logits, and after any "
                + "other activation its outputs are treated as logits too (softmax inside the loss). multiclass_hinge: "
                + "Σ_{j≠target} max(0, y_j − y_target + margin) per example, class-index targets, not divided by the "
                + "number of classes. Losses that take classes need outputs [batch, classes].",
                example = "mse", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull LossType type,
        @Schema(description = "mean (default) or sum, as PyTorch's reduction: mean divides the sum by the number of "
                + "elements (mse, binary_cross_entropy) or examples (cross_entropy, multiclass_hinge).", example = "sum",
                defaultValue = "mean")
        Reduction reduction,
        @Schema(description = "Multiplies the reduced loss and so every gradient; default 1. A finite number.",
                example = "0.5", defaultValue = "1")
        Double scale,
        @Schema(description = "multiclass_hinge only (on another loss: 422): the margin; default 1. A finite number.",
                example = "1", defaultValue = "1")
        Double margin) {

    public Reduction reductionOrDefault() {
        return reduction != null ? reduction : Reduction.MEAN;
    }

    public double scaleOrDefault() {
        return scale != null ? scale : 1.0;
    }

    public double marginOrDefault() {
        return margin != null ? margin : 1.0;
    }
}
