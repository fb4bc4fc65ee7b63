package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Max or average pooling over [channels, height, width], as PyTorch's MaxPool2d and AvgPool2d
 * (no padding, windows that do not fit at the edge are left out).
 *
 * @param name     optional; default {@code layerN}
 * @param type     {@code maxpool2d} or {@code avgpool2d}
 * @param poolSize window height and width
 * @param stride   default poolSize
 */
@Schema(description = "Max pooling (maxpool2d: the largest value of each window, the first in scan order on ties and a NaN if "
        + "there is one, as in PyTorch; its gradient goes to that element) or "
        + "average pooling (avgpool2d: the mean; its gradient is shared equally) over [channels, height, width], per "
        + "channel. No parameters; output [channels, (H − ph) / stride + 1, (W − pw) / stride + 1], rounded down.")
public record Pool2dSpec(
        @Schema(description = "Name of the layer; default layerN (1-based).", example = "pool1") String name,
        @Schema(description = "The layer type: maxpool2d or avgpool2d.", example = "maxpool2d",
                requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"maxpool2d", "avgpool2d"}) String type,
        @Schema(description = "Window height and width: 2, or [2, 3].", example = "2", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull IntPair poolSize,
        @Schema(description = "Step between windows; default poolSize.", example = "2") IntPair stride) implements LayerSpec {

    public boolean max() {
        return "maxpool2d".equals(type);
    }

    public IntPair strideOrDefault() {
        return stride != null ? stride : poolSize;
    }

    @Override
    public LayerGeometry resolve(int[] inputShape, String pointer, Violations violations) {
        if (inputShape.length != 3) {
            violations.add(pointer, type + " needs input [channels, height, width], got " + Tensor.shapeString(inputShape));
            return null;
        }
        if (!poolSize.positive() || !strideOrDefault().positive()) {
            violations.add(pointer + (poolSize.positive() ? "/stride" : "/poolSize"), "must be positive");
            return null;
        }
        int[] output = Windows.output(inputShape, poolSize, strideOrDefault(), new int[4], "pool window", pointer, violations);
        if (output == null) {
            return null;
        }
        long windows = 2L * inputShape[0] * output[0] * output[1] * poolSize.height() * poolSize.width();
        return new LayerGeometry(new int[] {inputShape[0], output[0], output[1]}, List.of(), windows);
    }
}
