package dev.gradserve.api;

import dev.gradserve.compute.GradientNorms;
import dev.gradserve.compute.LayerValues;
import dev.gradserve.model.ClientLayout;
import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;
import dev.gradserve.model.Weights;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wraps result tensors with the encoding, precision and weight layout of one request. */
record AnswerEncoder(TensorEncoding encoding, DType dtype, ClientLayout layout) {

    AnswerEncoder {
        encoding = encoding == null ? TensorEncoding.NESTED : encoding;
        layout = layout == null ? ClientLayout.GRADSERVE : layout;
    }

    AnswerEncoder(TensorEncoding encoding, DType dtype) {
        this(encoding, dtype, ClientLayout.GRADSERVE);
    }

    EncodedTensor tensor(Tensor tensor) {
        return tensor == null ? null : new EncodedTensor(tensor, encoding, dtype);
    }

    /** The loss as the precision computed it: a float32 loss is written as a float. */
    Number scalar(Double value) {
        if (value == null) {
            return null;
        }
        return dtype == DType.FLOAT32 ? (Number) (float) (double) value : value;
    }

    /** Anything keyed like the weights (gradients, per-example gradients), in the client's layout. */
    Map<String, Map<String, EncodedTensor>> weights(Weights weights) {
        if (weights == null) {
            return null;
        }
        Map<String, Map<String, EncodedTensor>> layers = new LinkedHashMap<>();
        layout.toClient(weights).layers().forEach((layer, parameters) -> {
            Map<String, EncodedTensor> encoded = new LinkedHashMap<>();
            parameters.forEach((name, tensor) -> encoded.put(name, tensor(tensor)));
            layers.put(layer, encoded);
        });
        return layers;
    }

    Map<String, EncodedTensor> perLayer(Map<String, Tensor> tensors) {
        if (tensors == null) {
            return null;
        }
        Map<String, EncodedTensor> layers = new LinkedHashMap<>();
        tensors.forEach((layer, tensor) -> layers.put(layer, tensor(tensor)));
        return layers;
    }

    static Map<String, GradientNormsView> norms(Map<String, GradientNorms> norms) {
        if (norms == null) {
            return null;
        }
        Map<String, GradientNormsView> layers = new LinkedHashMap<>();
        norms.forEach((layer, n) -> layers.put(layer, GradientNormsView.of(n)));
        return layers;
    }

    Map<String, LayerActivations> activations(Map<String, LayerValues> values) {
        if (values == null) {
            return null;
        }
        Map<String, LayerActivations> layers = new LinkedHashMap<>();
        values.forEach((layer, v) -> layers.put(layer, new LayerActivations(tensor(v.z()), tensor(v.a()), tensor(v.c()))));
        return layers;
    }
}
