package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.ArraySchema;
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
        @ArraySchema(schema = @Schema(description = "A dimension.", example = "2"),
                arraySchema = @Schema(description = "Shape of one example without the batch dimension.", example = "[2]",
                        requiredMode = Schema.RequiredMode.REQUIRED))
        @NotEmpty List<@NotNull @Positive Integer> inputShape,
        @ArraySchema(arraySchema = @Schema(description = "The layers, applied in order.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        @NotEmpty List<@NotNull @Valid LayerSpec> layers,
        @Schema(description = "The loss; required by every call that takes targets.")
        @Valid LossSpec loss) {}
