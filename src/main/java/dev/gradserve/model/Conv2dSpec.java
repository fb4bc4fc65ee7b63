package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D convolution over [channels, height, width] inputs (NCHW with the batch), as PyTorch's Conv2d:
 * cross-correlation z[f] = Σ_c W[f, c] ⋆ x[c] + b[f], then a = act(z). W [filters, inChannels, kh, kw].
 *
 * @param name        optional; default {@code layerN}
 * @param type        always {@code conv2d}
 * @param filters     output channels
 * @param kernelSize  kh and kw
 * @param stride      default 1
 * @param padding     default valid (none)
 * @param activation  default identity
 * @param useBias     default true
 */
@Schema(description = "A 2-D convolution (cross-correlation, as every framework computes it) over inputs [channels, height, "
        + "width]: z[f] = Σ_c W[f, c] ⋆ x[c] + b[f], a = activation(z). Parameters W [filters, inChannels, kh, kw] and "
        + "b [filters]; output [filters, (H + padding − kh) / stride + 1, (W + padding − kw) / stride + 1], rounded down.")
public record Conv2dSpec(
        @Schema(description = "Name used as the key in weights and gradients; default layerN (1-based).", example = "conv1")
        String name,
        @Schema(description = "The layer type: conv2d.", example = "conv2d", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = "conv2d") String type,
        @Schema(description = "Output channels.", example = "6", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Positive Integer filters,
        @Schema(description = "Kernel height and width: 3, or [3, 5].", example = "3", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull IntPair kernelSize,
        @Schema(description = "Step between windows: 1 (default), 2, or [2, 1].", example = "1") IntPair stride,
        @Schema(description = "Zero padding; default valid (none).", example = "\"same\"") Padding padding,
        @Schema(description = "The activation a = act(z); default identity.", example = "relu", defaultValue = "identity")
        @Valid ActivationSpec activation,
        @Schema(description = "Whether the layer has a bias b; default true.", example = "true", defaultValue = "true")
        Boolean useBias) implements LayerSpec {

    public IntPair strideOrDefault() {
        return stride != null ? stride : new IntPair(1, 1);
    }

    public Padding paddingOrDefault() {
        return padding != null ? padding : Padding.VALID;
    }

    public ActivationSpec activationOrDefault() {
        return activation != null ? activation : ActivationSpec.IDENTITY;
    }

    public boolean hasBias() {
        return useBias == null || useBias;
    }

    @Override
    public LayerGeometry resolve(int[] inputShape, String pointer, Violations violations) {
        if (inputShape.length != 3) {
            violations.add(pointer, "conv2d needs input [channels, height, width], got " + Tensor.shapeString(inputShape));
            return null;
        }
        IntPair stride = strideOrDefault();
        if (!kernelSize.positive() || !stride.positive()) {
            violations.add(pointer + (kernelSize.positive() ? "/stride" : "/kernelSize"), "must be positive");
            return null;
        }
        if (paddingOrDefault().same() && (stride.height() != 1 || stride.width() != 1)) {
            violations.add(pointer + "/padding", "\"same\" padding needs stride 1 (as in PyTorch), got stride " + stride);
            return null;
        }
        int[] sides = paddingOrDefault().sides(kernelSize);
        int[] output = Windows.output(inputShape, kernelSize, stride, sides, "kernel", pointer, violations);
        if (output == null) {
            return null;
        }
        int channels = inputShape[0];
        int area = kernelSize.height() * kernelSize.width();
        List<ParameterShape> parameters = new ArrayList<>();
        parameters.add(new ParameterShape("W", new int[] {filters, channels, kernelSize.height(), kernelSize.width()},
                channels * area, filters * area, false));
        if (hasBias()) {
            parameters.add(new ParameterShape("b", new int[] {filters}, channels * area, filters * area, true));
        }
        long windows = 2L * output[0] * output[1] * channels * area;
        return new LayerGeometry(new int[] {filters, output[0], output[1]}, parameters, windows);
    }
}
