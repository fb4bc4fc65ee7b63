package dev.gradserve.model.keras;

import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.Conv2dSpec;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.FlattenSpec;
import dev.gradserve.model.IntPair;
import dev.gradserve.model.Padding;
import dev.gradserve.model.Pool2dSpec;
import dev.gradserve.model.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import tools.jackson.databind.JsonNode;

/** Dense, Conv2D, MaxPooling2D, AveragePooling2D and Flatten as gradserve's layers; null after a problem. */
final class SpatialLayers {

    private static final String CHANNELS_FIRST = "gradserve computes images channels_first ([channels, height, width], "
            + "as PyTorch). Save the model with data_format \"channels_first\" on its Conv2D, pooling and Flatten layers "
            + "and input shape [channels, height, width]; the Conv2D kernels stay as they are";

    private SpatialLayers() {}

    /**
     * @param input        one example's shape coming in
     * @param featureOrder gradserve's input feature → the row of Keras' kernel (a Flatten before may reorder them)
     */
    static Converted dense(LayerConfig layer, String name, int[] input, IntUnaryOperator featureOrder) {
        Integer units = layer.positive("units");
        ActivationSpec activation = layer.activation("activation", "linear");
        boolean bias = layer.flag("use_bias", true);
        layer.refuseRegularizers();
        layer.requireAbsent("lora_rank", "LoRA adds a low-rank update to the kernel");
        if (units == null || activation == null) {
            return null;
        }
        List<ParameterMapping> parameters = new ArrayList<>();
        parameters.add(ParameterMapping.dense(units, input[input.length - 1], featureOrder));
        if (bias) {
            parameters.add(ParameterMapping.same("bias", "b", units));
        }
        return new Converted(new DenseSpec(name, "dense", units, activation, bias), parameters);
    }

    static Converted conv2d(LayerConfig layer, String name, int[] input) {
        boolean channelsFirst = channelsFirst(layer);
        Integer filters = layer.positive("filters");
        IntPair kernel = layer.pair("kernel_size", null);
        if (kernel == null && layer.get("kernel_size") == null) {
            layer.problem("kernel_size", "required: a positive integer or [height, width]");
        }
        IntPair strides = layer.pair("strides", new IntPair(1, 1));
        String padding = layer.choice("padding", "valid", "valid", "same");
        layer.requireOnes("dilation_rate", "gradserve's convolutions are not dilated");
        layer.requireOne("groups", "gradserve's convolutions connect every input channel to every filter");
        ActivationSpec activation = layer.activation("activation", "linear");
        boolean bias = layer.flag("use_bias", true);
        layer.refuseRegularizers();
        layer.requireAbsent("lora_rank", "LoRA adds a low-rank update to the kernel");
        if (!channelsFirst || filters == null || kernel == null || strides == null || padding == null || activation == null
                || !images(layer, input)) {
            return null;
        }
        Padding sides = padding.equals("valid") ? Padding.VALID : same(layer, input, kernel, strides);
        if (sides == null) {
            return null;
        }
        List<ParameterMapping> parameters = new ArrayList<>();
        parameters.add(ParameterMapping.conv(filters, input[0], kernel.height(), kernel.width()));
        if (bias) {
            parameters.add(ParameterMapping.same("bias", "b", filters));
        }
        return new Converted(new Conv2dSpec(name, "conv2d", filters, kernel, strides, sides, activation, bias), parameters);
    }

    static Converted pool2d(LayerConfig layer, String name, int[] input) {
        boolean channelsFirst = channelsFirst(layer);
        IntPair size = layer.pair("pool_size", new IntPair(2, 2));
        IntPair strides = layer.pair("strides", size);
        String padding = layer.choice("padding", "valid", "valid", "same");
        if (!channelsFirst || size == null || strides == null || padding == null || !images(layer, input)) {
            return null;
        }
        if (padding.equals("same")) {
            int rows = samePadding(input[1], size.height(), strides.height());
            int columns = samePadding(input[2], size.width(), strides.width());
            if (rows != 0 || columns != 0) {
                layer.problem("padding", "padding \"same\" pads this input (" + rows + " rows, " + columns + " columns in "
                        + "all), and gradserve's pooling has no padding; use \"valid\", or an input the windows tile exactly");
                return null;
            }
        }
        String type = layer.className().equals("MaxPooling2D") ? "maxpool2d" : "avgpool2d";
        return new Converted(new Pool2dSpec(name, type, size, strides), List.of());
    }

    static Converted flatten(LayerConfig layer, String name) {
        return layer.choice("data_format", "channels_last", "channels_last", "channels_first") == null ? null
                : new Converted(new FlattenSpec(name, "flatten"), List.of());
    }

    /**
     * The order in which a Flatten lays out the features of an input [d0, d1, …]: channels_last (Keras' default)
     * flattens it as it is, as gradserve does; channels_first moves d0 last first. Null when the order is gradserve's.
     *
     * @return gradserve's feature index → Keras'
     */
    static IntUnaryOperator flattenOrder(LayerConfig layer, int[] input) {
        JsonNode format = layer.get("data_format");
        if (format == null || !format.isString() || !format.stringValue().equals("channels_first") || input.length < 2) {
            return null;
        }
        int channels = input[0];
        int rest = (int) (Tensor.elementCount(input) / channels);
        return channels == 1 || rest == 1 ? null : feature -> feature % rest * channels + feature / rest;
    }

    private static boolean channelsFirst(LayerConfig layer) {
        String format = layer.choice("data_format", "channels_last", "channels_last", "channels_first");
        if ("channels_last".equals(format)) {
            layer.problem("data_format", (layer.get("data_format") == null ? "data_format is channels_last (Keras' "
                    + "default)" : "data_format \"channels_last\"") + " is not supported: " + CHANNELS_FIRST);
        }
        return "channels_first".equals(format);
    }

    private static boolean images(LayerConfig layer, int[] input) {
        if (input.length != 3) {
            layer.problem(null, layer.className() + " needs inputs [channels, height, width], got "
                    + Tensor.shapeString(input));
            return false;
        }
        return true;
    }

    /** Keras' "same" as even padding on both sides; null (with a problem) where TensorFlow pads one more at the end. */
    private static Padding same(LayerConfig layer, int[] input, IntPair kernel, IntPair strides) {
        if (strides.height() == 1 && strides.width() == 1) {
            return Padding.parse("same");
        }
        int rows = samePadding(input[1], kernel.height(), strides.height());
        int columns = samePadding(input[2], kernel.width(), strides.width());
        if (rows % 2 != 0 || columns % 2 != 0) {
            layer.problem("padding", "padding \"same\" with strides " + strides + " pads this input by " + rows + " rows and "
                    + columns + " columns in all, one more at the bottom or right than at the top or left; gradserve pads "
                    + "both sides alike with strides above 1. Use padding \"valid\", or an input size that needs even padding");
            return null;
        }
        return new Padding(null, rows / 2, columns / 2);
    }

    /** TensorFlow's total "same" padding along one axis: enough for ⌈size / stride⌉ windows. */
    private static int samePadding(int size, int window, int stride) {
        int windows = (size + stride - 1) / stride;
        return Math.max((windows - 1) * stride + window - size, 0);
    }
}
