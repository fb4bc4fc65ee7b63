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
@Schema(description = "The loss. mse and binary_cross_entropy reduce over every element, cross_entropy and "
        + "multiclass_hinge over the batch.")
public record LossSpec(
        @Schema(description = "Which loss.", example = "mse", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull LossType type,
        @Schema(description = "mean (default) or sum, as PyTorch's reduction.", example = "sum")
        Reduction reduction,
        @Schema(description = "Multiplies the reduced loss and so every gradient; default 1.", example = "0.5")
        Double scale,
        @Schema(description = "multiclass_hinge only: the margin; default 1.", example = "1")
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
