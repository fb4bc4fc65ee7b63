package dev.gradserve.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonGeneratorBase;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes a run of numbers as one JSON array, formatted by {@link DecimalText} into a buffer that goes to the
 * generator as raw text, several kilobytes at a time: the same bytes as one {@code writeNumber} per element, at a
 * fraction of the time. Only where that holds: a JSON generator with Jackson's fast number writer, no pretty
 * printer, numbers not as strings, and every element finite (Jackson writes NaN and infinities as strings).
 */
final class JsonNumberArrays {

    /** Raw text goes to the generator in pieces of at most this many bytes. */
    private static final int BUFFER_BYTES = 16 * 1024;

    private final JsonGenerator generator;
    private final boolean single;
    /** Sized for the rows at hand, up to BUFFER_BYTES: a small answer's tensors need a few hundred bytes. */
    private byte[] buffer = new byte[0];

    private JsonNumberArrays(JsonGenerator generator, boolean single) {
        this.generator = generator;
        this.single = single;
    }

    /** A writer for {@code generator}, or null when its output would differ from Jackson's own. */
    static JsonNumberArrays forGenerator(JsonGenerator generator, boolean single) {
        boolean sameBytes = generator instanceof JsonGeneratorBase json
                && json.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                && !json.isEnabled(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
                && json.getPrettyPrinter() == null;
        return sameBytes ? new JsonNumberArrays(generator, single) : null;
    }

    /**
     * Writes {@code data[from, to)} as an array (as float32 values when single); false, writing nothing, when an
     * element is not finite.
     */
    boolean write(Object owner, double[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(data[i]) || single && !Float.isFinite((float) data[i])) {
                return false;
            }
        }
        int needed = (int) Math.min(BUFFER_BYTES, (long) (to - from) * (DecimalText.MAX_LENGTH + 1));
        if (buffer.length < needed) {
            buffer = new byte[needed];
        }
        generator.writeStartArray(owner, to - from);
        int length = 0;
        for (int i = from; i < to; i++) {
            if (length > buffer.length - DecimalText.MAX_LENGTH - 1) {
                generator.writeRaw(new AsciiText(buffer, length));
                length = 0;
            }
            if (i > from) {
                buffer[length++] = ',';
            }
            length = single ? DecimalText.write((float) data[i], buffer, length) : DecimalText.write(data[i], buffer, length);
        }
        generator.writeRaw(new AsciiText(buffer, length));
        generator.writeEndArray();
        return true;
    }

    /** ASCII text that needs no escaping (digits, signs, points, commas), so quoted is just within quotes. */
    private record AsciiText(byte[] bytes, int length) implements SerializableString {

        @Override
        public String getValue() {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }

        @Override
        public int charLength() {
            return length;
        }

        @Override
        public char[] asQuotedChars() {
            return ('"' + getValue() + '"').toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return Arrays.copyOf(bytes, length);
        }

        @Override
        public byte[] asQuotedUTF8() {
            byte[] quoted = new byte[length + 2];
            appendQuotedUTF8(quoted, 0);
            return quoted;
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            if (offset + length + 2 > buffer.length) {
                return -1;
            }
            buffer[offset] = '"';
            System.arraycopy(bytes, 0, buffer, offset + 1, length);
            buffer[offset + length + 1] = '"';
            return length + 2;
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            if (offset + length + 2 > buffer.length) {
                return -1;
            }
            buffer[offset] = '"';
            appendUnquoted(buffer, offset + 1);
            buffer[offset + length + 1] = '"';
            return length + 2;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, length);
            return length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            if (offset + length > buffer.length) {
                return -1;
            }
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = (char) bytes[i];
            }
            return length;
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            out.write('"');
            out.write(bytes, 0, length);
            out.write('"');
            return length + 2;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(bytes, 0, length);
            return length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer out) {
            if (out.remaining() < length + 2) {
                return -1;
            }
            out.put((byte) '"').put(bytes, 0, length).put((byte) '"');
            return length + 2;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer out) {
            if (out.remaining() < length) {
                return -1;
            }
            out.put(bytes, 0, length);
            return length;
        }
    }
}
