package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Flattens each example to one row, in row-major order: {@code torch.flatten(x, 1)}.
 *
 * @param name optional; default {@code layerN}
 * @param type always {@code flatten}
 */
@Schema(description = "Flattens each example to [features] in row-major order, as torch.flatten(x, 1). No parameters.")
public record FlattenSpec(
        @Schema(description = "Name of the layer; default layerN (1-based).", example = "flatten") String name,
        @Schema(description = "The layer type: flatten.", example = "flatten", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = "flatten") String type) implements LayerSpec {

    @Override
    public LayerGeometry resolve(int[] inputShape, String pointer, Violations violations) {
        long features = Tensor.elementCount(inputShape);
        if (features > Integer.MAX_VALUE) {
            violations.add(pointer, "flattening " + Tensor.shapeString(inputShape) + " gives " + features
                    + " features, more than one example can hold");
            return null;
        }
        return new LayerGeometry(new int[] {(int) features}, List.of());
    }
}
