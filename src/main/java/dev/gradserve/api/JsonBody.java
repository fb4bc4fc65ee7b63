package dev.gradserve.api;

import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectReader;

/**
 * A JSON body parsed from its bytes, with the bytes at hand while it is read: a tensor's base64 text is decoded where
 * it lies in the body ({@link TensorDeserializer}) instead of being copied into the parser's characters first.
 */
final class JsonBody {

    private static final Object BYTES = JsonBody.class;

    private JsonBody() {}

    /** {@code body} read by {@code reader}, with the bytes handed to the deserializers. */
    static <T> T read(ObjectReader reader, byte[] body) {
        return reader.withAttribute(BYTES, body).readValue(body);
    }

    /** The bytes of the body being read, or null when it was not read by {@link #read}. */
    static byte[] bytes(DeserializationContext context) {
        return context.getAttribute(BYTES) instanceof byte[] bytes ? bytes : null;
    }
}
