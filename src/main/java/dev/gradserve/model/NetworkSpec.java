package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * A network definition as a client writes it: the shape of one example, the layers in order, the loss.
 *
 * @param inputShape one example's shape without the batch, e.g. [2]
 * @param layers     applied in order
 * @param loss       required wherever targets are given
 */
@Schema(description = "A network: the shape of one input example (without the batch), the layers in order, and the loss.")
public record NetworkSpec(
        @Schema(description = "Shape of one example without the batch dimension, each dimension positive: [features] "
                + "for a dense first layer.", example = "[2]", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotEmpty List<@NotNull @Positive Integer> inputShape,
        @Schema(description = "The layers, applied in order; names must be unique.",
                example = "[{\"name\": \"hidden\", \"type\": \"dense\", \"units\": 2, \"activation\": \"sigmoid\"}, "
                        + "{\"name\": \"output\", \"type\": \"dense\", \"units\": 2, \"activation\": \"sigmoid\"}]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotEmpty List<@NotNull @Valid LayerSpec> layers,
        @Schema(description = "The loss; required by every call that is given targets.",
                example = "{\"type\": \"mse\", \"reduction\": \"sum\", \"scale\": 0.5}")
        @Valid LossSpec loss) {}
