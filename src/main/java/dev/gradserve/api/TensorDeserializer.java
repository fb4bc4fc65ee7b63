package dev.gradserve.api;

import dev.gradserve.compute.Conversions;
import dev.gradserve.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads a tensor in any of the three encodings, straight from the token stream into a primitive
 * array (no tree of boxed numbers):
 * <ul>
 *   <li>nested arrays {@code [[1, 2], [3, 4]]} (a bare number is a scalar);</li>
 *   <li>{@code {"shape": [2, 2], "data": [1, 2, 3, 4]}}, row-major;</li>
 *   <li>{@code {"shape": [2, 2], "dtype": "float32", "base64": "..."}}, little-endian raw bytes
 *       (dtype float64 when omitted).</li>
 * </ul>
 * Errors carry the path inside the tensor, so that the client sees e.g. {@code /inputs/1/0}.
 */
final class TensorDeserializer extends ValueDeserializer<Tensor> {

    private static final String EXPECTED = "expected a tensor: nested arrays of numbers, {\"shape\": [...], \"data\": [...]}"
            + " or {\"shape\": [...], \"dtype\": \"float32\", \"base64\": \"...\"}";

    @Override
    public Tensor deserialize(JsonParser parser, DeserializationContext context) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            return new NestedArrays(parser).read();
        }
        if (token == JsonToken.START_OBJECT) {
            return readObject(parser, context);
        }
        if (token.isNumeric()) {
            return new Tensor(new int[0], new double[] {parser.getDoubleValue()});
        }
        Tensor readAhead = token == JsonToken.VALUE_STRING ? JsonBody.claimArray(parser, context) : null;
        if (readAhead != null) {
            return readAhead;
        }
        throw failure(parser, EXPECTED + ", got " + describe(token));
    }

    private static Tensor readObject(JsonParser parser, DeserializationContext context) {
        int[] shape = null;
        double[] data = null;
        String dtype = null;
        byte[] base64 = null;
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "shape" -> shape = readShape(parser, value);
                case "data" -> data = readFlat(parser, context, value);
                case "dtype" -> dtype = readString(parser, value, "dtype");
                case "base64" -> base64 = readBinary(parser, context, value);
                default -> throw failure(parser, "unknown field '" + field + "' in a tensor; known fields: shape, data, dtype, base64",
                        field);
            }
        }
        if (shape == null) {
            throw failure(parser, "a tensor object needs \"shape\"");
        }
        if ((data == null) == (base64 == null)) {
            throw failure(parser, "a tensor object needs exactly one of \"data\" and \"base64\"");
        }
        if (data != null) {
            if (dtype != null) {
                throw failure(parser, "\"dtype\" belongs to the base64 encoding; \"data\" holds JSON numbers", "dtype");
            }
            if (Tensor.elementCount(shape) != data.length) {
                throw failure(parser, "shape " + Arrays.toString(shape) + " holds " + Tensor.elementCount(shape)
                        + " elements, \"data\" has " + data.length, "data");
            }
            return new Tensor(shape, data);
        }
        return decodeBase64(parser, shape, dtype == null ? "float64" : dtype, base64);
    }

    private static int[] readShape(JsonParser parser, JsonToken token) {
        if (token != JsonToken.START_ARRAY) {
            throw failure(parser, "\"shape\" must be an array of non-negative integers", "shape");
        }
        List<Integer> dimensions = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0 || parser.getLongValue() > Integer.MAX_VALUE) {
                throw failure(parser, "\"shape\" must be an array of non-negative integers", "shape", dimensions.size());
            }
            dimensions.add(parser.getIntValue());
        }
        return dimensions.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] readFlat(JsonParser parser, DeserializationContext context, JsonToken token) {
        Tensor readAhead = token == JsonToken.VALUE_STRING ? JsonBody.claimArray(parser, context) : null;
        if (readAhead != null && readAhead.rank() == 1) {
            return readAhead.data();
        }
        if (token != JsonToken.START_ARRAY) {
            throw failure(parser, "\"data\" must be a flat array of numbers", "data");
        }
        DoubleBuffer values = new DoubleBuffer();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (!t.isNumeric()) {
                throw failure(parser, "expected a number, got " + describe(t), "data", values.size());
            }
            values.add(parser.getDoubleValue());
        }
        return values.toArray();
    }

    private static String readString(JsonParser parser, JsonToken token, String field) {
        if (token != JsonToken.VALUE_STRING) {
            throw failure(parser, "\"" + field + "\" must be a string", field);
        }
        return parser.getString();
    }

    /**
     * Decodes the base64 text where it lies in the body's bytes when the body was read by {@link JsonBody} (a long
     * text of a "base64" key was taken out of what the parser reads, ahead of it; a shorter one the parser skips
     * without copying it; {@link Base64Text}); anything else (a body read otherwise, or text
     * that is not strictly well formed, e.g. with an escape) goes to the JDK's decoder through the parser's
     * characters, which accepts it or words the error. Jackson's own decoding ({@code getBinaryValue},
     * {@code readBinaryValue}) assembles the bytes a few at a time and was slower than both.
     */
    private static byte[] readBinary(JsonParser parser, DeserializationContext context, JsonToken token) {
        if (token != JsonToken.VALUE_STRING) {
            throw failure(parser, "\"base64\" must be a string", "base64");
        }
        byte[] body = JsonBody.bytes(context);
        byte[] decoded = body == null ? null : decodeInBody(parser, context, body);
        if (decoded != null) {
            return decoded;
        }
        String text = new String(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
        try {
            // a character beyond Latin-1 becomes '?', which the decoder refuses
            return Base64.getDecoder().decode(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            int beyond = 0;
            while (beyond < text.length() && text.charAt(beyond) < 0x80) {
                beyond++;
            }
            String problem = beyond < text.length()
                    ? String.format("character U+%04X at index %d", (int) text.charAt(beyond), beyond) : e.getMessage();
            throw failure(parser, "not valid base64 (standard alphabet, with padding): " + problem, "base64");
        }
    }

    /**
     * The string token's text decoded from the body, or null when it is not strictly well-formed base64 or the parser's
     * byte offsets do not point into {@code body} (a body in UTF-16, say). A text taken out ahead of the parser is
     * claimed by the offset of the empty string in its place, already decoded by the read-ahead (if it is not
     * strictly well formed, the read fails and {@link JsonBody} reads the body again as it came); otherwise the
     * token's location is its opening quote, and the closing one is looked for sixteen bytes at a time.
     */
    private static byte[] decodeInBody(JsonParser parser, DeserializationContext context, byte[] body) {
        ReadAhead.TakenText taken = JsonBody.claimText(parser, context);
        if (taken != null) {
            byte[] decoded = taken.decoded();
            if (decoded == null) {
                // JsonBody reads the body again as it came, and this string with it, the way that words the error
                throw failure(parser, "base64 text taken out of the body is not strictly well formed", "base64");
            }
            return decoded;
        }
        long quote = parser.currentTokenLocation().getByteOffset();
        if (quote < 0 || quote >= body.length || body[(int) quote] != '"') {
            return null;
        }
        int from = (int) quote + 1;
        int to = Base64Text.indexOfQuote(body, from);
        return to < 0 ? null : Base64Text.decode(body, from, to);
    }

    private static Tensor decodeBase64(JsonParser parser, int[] shape, String dtype, byte[] bytes) {
        int width = switch (dtype) {
            case "float32" -> Float.BYTES;
            case "float64" -> Double.BYTES;
            default -> throw failure(parser, "unknown dtype '" + dtype + "'; allowed: float64, float32", "dtype");
        };
        long expected = Tensor.elementCount(shape) * width;
        if (bytes.length != expected) {
            throw failure(parser, "shape " + Arrays.toString(shape) + " of " + dtype + " needs " + expected + " bytes, \"base64\" holds "
                    + bytes.length, "base64");
        }
        double[] data = new double[bytes.length / width];
        if (width == Double.BYTES) {
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(data);
        } else {
            Conversions.fromLittleEndianFloats(bytes, data);
        }
        return new Tensor(shape, data);
    }

    /**
     * Nested arrays of numbers, read depth-first. The first array met at each depth fixes that
     * dimension; every later one must match it, so ragged input is refused where it goes wrong.
     */
    private static final class NestedArrays {

        private final JsonParser parser;
        private final DoubleBuffer values = new DoubleBuffer();
        private final List<Integer> dimensions = new ArrayList<>();
        /** The index in each enclosing array of where the reader is, for error paths (kept unboxed). */
        private int[] indices = new int[8];
        private int leafDepth = -1;

        NestedArrays(JsonParser parser) {
            this.parser = parser;
        }

        Tensor read() {
            readArray(0);
            return new Tensor(dimensions.stream().mapToInt(Integer::intValue).toArray(), values.toArray());
        }

        private void readArray(int depth) {
            if (dimensions.size() == depth) {
                dimensions.add(-1);
            }
            if (depth == indices.length) {
                indices = Arrays.copyOf(indices, 2 * depth);
            }
            int count = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                indices[depth] = count;
                if (token.isNumeric()) {
                    if (leafDepth == -1 && dimensions.size() == depth + 1) {
                        leafDepth = depth;
                    } else if (leafDepth != depth) {
                        throw failure(parser, "expected an array here: every number must sit at the same depth", path(depth + 1));
                    }
                    values.add(parser.getDoubleValue());
                } else if (token == JsonToken.START_ARRAY) {
                    if (leafDepth != -1 && depth >= leafDepth) {
                        throw failure(parser, "expected a number here: every number must sit at the same depth", path(depth + 1));
                    }
                    readArray(depth + 1);
                } else {
                    throw failure(parser, "expected a number, got " + describe(token), path(depth + 1));
                }
                count++;
            }
            if (dimensions.get(depth) == -1) {
                dimensions.set(depth, count);
            } else if (dimensions.get(depth) != count) {
                throw failure(parser, "ragged array: " + count + " elements where the first array at this depth has "
                        + dimensions.get(depth), path(depth));
            }
        }

        /** The indices of the first {@code length} enclosing arrays, as a path inside the tensor. */
        private Object[] path(int length) {
            Object[] path = new Object[length];
            for (int i = 0; i < length; i++) {
                path[i] = indices[i];
            }
            return path;
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** A mismatch whose path continues inside the tensor with {@code inner} (field names and indices). */
    private static MismatchedInputException failure(JsonParser parser, String message, Object... inner) {
        MismatchedInputException exception = MismatchedInputException.from(parser, Tensor.class, message);
        for (int i = inner.length - 1; i >= 0; i--) {
            if (inner[i] instanceof Integer index) {
                exception.prependPath(null, index);
            } else {
                exception.prependPath(null, (String) inner[i]);
            }
        }
        return exception;
    }
}
