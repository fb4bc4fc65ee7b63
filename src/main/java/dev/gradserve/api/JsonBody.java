package dev.gradserve.api;

import dev.gradserve.model.Tensor;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectReader;

/**
 * A JSON body parsed from its bytes, with the bytes at hand while it is read: a tensor's base64 text is decoded where
 * it lies in the body ({@link TensorDeserializer}) instead of being copied into the parser's characters first, and
 * large arrays of numbers and long base64 texts are taken out of what the parser reads ({@link ReadAhead}).
 */
final class JsonBody {

    private static final Object BYTES = JsonBody.class;
    private static final Object AHEAD = ReadAhead.class;

    private JsonBody() {}

    /**
     * {@code body} read by {@code reader}, with the bytes and what was read ahead of Jackson ({@link ReadAhead}) handed
     * to the deserializers. With large number arrays or long base64 texts taken out ahead, Jackson reads the copy
     * without them (an empty string in the place of each); should one of them not be claimed by a tensor, or that read
     * fail, the body is read again as it is, so that what stood there goes where it belongs or its error is Jackson's.
     */
    static <T> T read(ObjectReader reader, byte[] body) {
        ReadAhead ahead = ReadAhead.readAhead(body);
        if (ahead == null) {
            return reader.withAttribute(BYTES, body).readValue(body);
        }
        try {
            byte[] copy = ahead.shortened();
            T value = reader.withAttribute(BYTES, copy).withAttribute(AHEAD, ahead).readValue(copy);
            if (ahead.allClaimed()) {
                return value;
            }
        } catch (JacksonException e) {
            // read again below
        }
        return reader.withAttribute(BYTES, body).readValue(body);
    }

    /** The bytes of the body being read, or null when it was not read by {@link #read}. */
    static byte[] bytes(DeserializationContext context) {
        return context.getAttribute(BYTES) instanceof byte[] bytes ? bytes : null;
    }

    /** The number array read ahead that stood where the parser's current token (an empty string) is, or null. */
    static Tensor claimArray(JsonParser parser, DeserializationContext context) {
        return context.getAttribute(AHEAD) instanceof ReadAhead ahead
                ? ahead.claim(parser.currentTokenLocation().getByteOffset()) : null;
    }

    /** The base64 text that stood where the parser's current token (an empty string) is, or null. */
    static ReadAhead.TakenText claimText(JsonParser parser, DeserializationContext context) {
        return context.getAttribute(AHEAD) instanceof ReadAhead ahead
                ? ahead.claimText(parser.currentTokenLocation().getByteOffset()) : null;
    }
}
