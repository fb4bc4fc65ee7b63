package dev.gradserve.api;

import dev.gradserve.compute.Conversions;
import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes a tensor as nested arrays, as {@code {shape, data}}, or as {@code {shape, dtype, base64}}. */
final class EncodedTensorSerializer extends ValueSerializer<EncodedTensor> {

    @Override
    public void serialize(EncodedTensor value, JsonGenerator generator, SerializationContext context) {
        Tensor tensor = value.tensor();
        boolean single = value.dtype() == DType.FLOAT32;
        switch (value.encoding()) {
            case NESTED -> writeNested(generator, JsonNumberArrays.forGenerator(generator, single), tensor, single, 0, 0);
            case FLAT -> {
                generator.writeStartObject();
                writeShape(generator, tensor);
                generator.writeName("data");
                writeRow(generator, JsonNumberArrays.forGenerator(generator, single), tensor, single, 0, tensor.size());
                generator.writeEndObject();
            }
            case BASE64 -> {
                generator.writeStartObject();
                writeShape(generator, tensor);
                generator.writeStringProperty("dtype", single ? "float32" : "float64");
                generator.writeName("base64");
                // base64 needs no escaping, so its bytes go out as they are (Jackson's encoder was several times
                // slower than the JDK's, and the JDK's than Base64Text)
                byte[] base64 = Base64Text.encode(bytes(tensor, single));
                generator.writeRawUTF8String(base64, 0, base64.length);
                generator.writeEndObject();
            }
        }
    }

    /** Writes the sub-tensor at {@code depth} starting at flat index {@code offset}; returns the index after it. */
    private static int writeNested(JsonGenerator generator, JsonNumberArrays rows, Tensor tensor, boolean single, int depth,
            int offset) {
        if (depth == tensor.rank()) {
            writeNumber(generator, tensor.data()[offset], single);
            return offset + 1;
        }
        int length = tensor.shape()[depth];
        if (depth == tensor.rank() - 1) {
            writeRow(generator, rows, tensor, single, offset, offset + length);
            return offset + length;
        }
        generator.writeStartArray(tensor, length);
        for (int i = 0; i < length; i++) {
            offset = writeNested(generator, rows, tensor, single, depth + 1, offset);
        }
        generator.writeEndArray();
        return offset;
    }

    /** The numbers data[from, to) as an array: in bulk when {@code rows} can, else one by one through Jackson. */
    private static void writeRow(JsonGenerator generator, JsonNumberArrays rows, Tensor tensor, boolean single, int from,
            int to) {
        if (rows != null && rows.write(tensor, tensor.data(), from, to)) {
            return;
        }
        generator.writeStartArray(tensor, to - from);
        for (int i = from; i < to; i++) {
            writeNumber(generator, tensor.data()[i], single);
        }
        generator.writeEndArray();
    }

    private static void writeShape(JsonGenerator generator, Tensor tensor) {
        generator.writeName("shape");
        generator.writeArray(tensor.shape(), 0, tensor.rank());
    }

    private static void writeNumber(JsonGenerator generator, double value, boolean single) {
        if (single) {
            generator.writeNumber((float) value);
        } else {
            generator.writeNumber(value);
        }
    }

    private static byte[] bytes(Tensor tensor, boolean single) {
        double[] data = tensor.data();
        byte[] bytes = new byte[data.length * (single ? Float.BYTES : Double.BYTES)];
        if (single) {
            Conversions.toLittleEndianFloats(data, bytes);
        } else {
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(data);
        }
        return bytes;
    }
}
