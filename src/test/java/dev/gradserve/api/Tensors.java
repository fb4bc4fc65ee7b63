package dev.gradserve.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads tensors out of answers, independently of the server's codec: nested arrays,
 * {@code {shape, data}} and {@code {shape, dtype, base64}}; and writes them for requests.
 */
final class Tensors {

    private Tensors() {}

    /** A tensor read from an answer: its shape and its elements in row-major order. */
    record Read(int[] shape, double[] data) {}

    static Read read(JsonNode node) {
        if (node.isObject()) {
            int[] shape = new int[node.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = node.get("shape").get(i).intValue();
            }
            if (node.has("data")) {
                double[] data = new double[node.get("data").size()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = node.get("data").get(i).doubleValue();
                }
                return new Read(shape, data);
            }
            byte[] bytes = Base64.getDecoder().decode(node.get("base64").stringValue());
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            boolean single = "float32".equals(node.get("dtype").stringValue());
            double[] data = new double[bytes.length / (single ? 4 : 8)];
            for (int i = 0; i < data.length; i++) {
                data[i] = single ? buffer.getFloat() : buffer.getDouble();
            }
            return new Read(shape, data);
        }
        List<Integer> shape = new ArrayList<>();
        for (JsonNode level = node; level.isArray(); level = level.get(0)) {
            shape.add(level.size());
        }
        List<Double> data = new ArrayList<>();
        flatten(node, data);
        return new Read(shape.stream().mapToInt(Integer::intValue).toArray(),
                data.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double[] data(JsonNode node) {
        return read(node).data();
    }

    static int[] shape(JsonNode node) {
        return read(node).shape();
    }

    /** A nested-array tensor as a matrix. */
    static double[][] matrix(JsonNode node) {
        double[][] rows = new double[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = data(node.get(i));
        }
        return rows;
    }

    private static void flatten(JsonNode node, List<Double> into) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, into));
        } else {
            into.add(node.doubleValue());
        }
    }

    /** {@code {"shape": [...], "data": [...]}} as JSON text. */
    static String flat(int[] shape, double... data) {
        StringBuilder text = new StringBuilder("{\"shape\": ").append(Arrays.toString(shape)).append(", \"data\": [");
        for (int i = 0; i < data.length; i++) {
            text.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return text.append("]}").toString();
    }

    /** {@code {"shape": [...], "dtype": ..., "base64": "..."}} as JSON text, little-endian. */
    static String base64(int[] shape, boolean float32, double... data) {
        ByteBuffer buffer = ByteBuffer.allocate(data.length * (float32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : data) {
            if (float32) {
                buffer.putFloat((float) value);
            } else {
                buffer.putDouble(value);
            }
        }
        return "{\"shape\": " + Arrays.toString(shape) + ", \"dtype\": \"" + (float32 ? "float32" : "float64")
                + "\", \"base64\": \"" + Base64.getEncoder().encodeToString(buffer.array()) + "\"}";
    }
}
