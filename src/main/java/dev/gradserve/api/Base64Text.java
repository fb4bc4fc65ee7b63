package dev.gradserve.api;

import dev.gradserve.compute.VectorApi;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Standard base64 (RFC 4648 §4, with padding) straight to and from the JSON text: 32 characters at a time in vectors
 * where the JVM has the Vector API ({@link VectorBase64}; the MLP's base64 request read and its answer written in
 * about 0.6 of the time), else, and for what is left, two characters per table lookup.
 * <p>
 * Decoding reads the text where it lies in the request body's bytes. Only text that is well formed in the strictest
 * sense is decoded here: a length that is a multiple of four, every character from the alphabet, and '=' only as the
 * last one or two. Anything else (a JSON escape, say) gets null, and the caller hands the string's characters to the
 * JDK's decoder, which then decides (it also takes an unpadded last unit) and words the error: the answers and their
 * messages stay the JDK's. Like the JDK's decoder, bits beyond the last byte are ignored. This saves the parser's copy
 * of a large tensor's text into characters, a String of them and its bytes for the JDK's decoder, and half its
 * lookups. Encoding gives the JDK encoder's bytes.
 */
final class Base64Text {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** The 6 bits of each ASCII character, −1 for a character outside the alphabet. */
    private static final int[] SEXTETS = new int[128];

    /**
     * The 12 bits of two ASCII bytes, indexed by the first byte plus the second times 256 (a little-endian short), −1
     * when either is outside the alphabet: one lookup for two characters (128 KiB, which stays in cache).
     */
    private static final short[] PAIRS = new short[1 << 16];
    /** The two characters of each 12 bits, the first in the high byte. */
    private static final short[] CHAR_PAIRS = new short[1 << 12];
    private static final VarHandle INT_LITTLE_ENDIAN = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LITTLE_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    static {
        Arrays.fill(SEXTETS, -1);
        Arrays.fill(PAIRS, (short) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            SEXTETS[ALPHABET.charAt(i)] = i;
            for (int j = 0; j < ALPHABET.length(); j++) {
                PAIRS[ALPHABET.charAt(i) | ALPHABET.charAt(j) << 8] = (short) (i << 6 | j);
                CHAR_PAIRS[i << 6 | j] = (short) (ALPHABET.charAt(i) << 8 | ALPHABET.charAt(j));
            }
        }
    }

    private Base64Text() {}

    /**
     * The bytes of the ASCII text {@code json[from, to)}, or null when it is not strictly well formed. Each unit of four
     * characters is read as one int and written as one (its fourth byte overwritten by the next unit's first).
     */
    static byte[] decode(byte[] json, int from, int to) {
        int length = to - from;
        if (length % 4 != 0) {
            return null;
        }
        if (length == 0) {
            return new byte[0];
        }
        int padding = json[to - 1] != '=' ? 0 : json[to - 2] != '=' ? 1 : 2;
        byte[] bytes = new byte[length / 4 * 3 - padding];
        int lastUnit = to - 4;
        if (units(json, from, lastUnit, bytes, 0) < lastUnit) {
            return null;
        }
        return lastUnit(json, lastUnit, padding, bytes, (lastUnit - from) / 4 * 3) ? bytes : null;
    }

    /**
     * Decodes the units of four characters json[in, stop) into {@code out} from {@code at} on, up to the first that
     * is not four alphabet characters; returns where it stopped (stop when all were). Each unit is read as one int and
     * written as one, its fourth byte overwritten by the next unit's first, so {@code out} needs a byte beyond.
     */
    private static int units(byte[] json, int in, int stop, byte[] out, int at) {
        if (VectorApi.AVAILABLE) {
            int done = VectorBase64.decode(json, in, stop, out, at);
            in += done;
            at += done / 4 * 3;
        }
        for (; in < stop; in += 4, at += 3) {
            int four = (int) INT_LITTLE_ENDIAN.get(json, in);
            int bits = PAIRS[four & 0xFFFF] << 12 | PAIRS[four >>> 16];
            if (bits < 0) {
                break;
            }
            INT_BIG_ENDIAN.set(out, at, bits << 8);
        }
        return in;
    }

    /**
     * Decodes the last unit, at json[in], its last {@code padding} characters ('=') not read, into {@code bytes} from
     * {@code at} to its end; false when it is not well formed.
     */
    private static boolean lastUnit(byte[] json, int in, int padding, byte[] bytes, int at) {
        int bits = unit((char) (json[in] & 0xFF), (char) (json[in + 1] & 0xFF),
                padding == 2 ? 'A' : (char) (json[in + 2] & 0xFF), padding > 0 ? 'A' : (char) (json[in + 3] & 0xFF));
        for (int shift = 16; at < bytes.length && bits >= 0; shift -= 8) {
            bytes[at++] = (byte) (bits >> shift);
        }
        return bits >= 0;
    }

    /**
     * Decodes a text up to its closing quote, which the decoding itself finds: units of four alphabet characters up to
     * the first unit that is not one, which must be the closing '"' or, right before it, a last unit padded with one
     * or two '='. Finding the quote first, as a string's end is found elsewhere, was a second pass over the text:
     * reading the MLP's base64 body took 1.54–1.81 ms with it, 0.87–0.88× that without (two runs in one JVM each,
     * though the bytes are copied once more). The bytes go into a buffer kept for the next text of the body: 64 KB, then when a text
     * outgrows it as large as the rest of the body could hold (up to 16 MB, doubled beyond); they come out as an
     * array of their exact length.
     */
    static final class ToQuote {

        private static final int SMALL = 1 << 16;
        private static final int MOST_AT_FIRST = 16 << 20;

        private byte[] buffer = new byte[0];
        private int end = -1;

        /**
         * The bytes of the text that starts at {@code from} in {@code json} (after its opening quote), or null when the
         * text is not strictly well formed base64 (as {@link #decode} takes it) right up to a '"': a JSON escape, say,
         * or the end of the body. Then nothing is known of where the text ends, and the caller looks for its quote.
         */
        byte[] decode(byte[] json, int from) {
            end = -1;
            // what the rest of the body could hold
            int most = Math.min(MOST_AT_FIRST, (json.length - from) / 4 * 3 + 4);
            byte[] buf = buffer.length > 0 ? buffer : new byte[Math.min(SMALL, most)];
            int in = from;
            int out = 0;
            while (true) {
                // as many units as the body has and the buffer takes (a unit's int store writes one byte beyond it)
                int stop = in + 4 * Math.min((json.length - in) / 4, (buf.length - out - 1) / 3);
                int stopped = units(json, in, stop, buf, out);
                out += (stopped - in) / 4 * 3;
                in = stopped;
                if (in < stop || in > json.length - 4) {
                    break;
                }
                // the buffer is full: as large as the rest of the body could need (up to 16 MB), or twice as large
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, most));
            }
            buffer = buf;
            if (in < json.length && json[in] == '"') {
                end = in;
                return Arrays.copyOf(buffer, out);
            }
            if (in > json.length - 5 || json[in + 4] != '"' || json[in + 3] != '=') {
                return null;
            }
            int padding = json[in + 2] == '=' ? 2 : 1;
            byte[] bytes = Arrays.copyOf(buffer, out + 3 - padding);
            if (!lastUnit(json, in, padding, bytes, out)) {
                return null;
            }
            end = in + 4;
            return bytes;
        }

        /** The index of the closing quote that the last {@link #decode} which did not give null stopped at. */
        int end() {
            return end;
        }
    }

    /**
     * The base64 text of {@code bytes}, as ASCII bytes. Each unit of three bytes is read as one big-endian int (its
     * fourth byte is the next unit's, shifted out) and its four characters written as one.
     */
    static byte[] encode(byte[] bytes) {
        byte[] text = new byte[(bytes.length + 2) / 3 * 4];
        int units = bytes.length / 3;
        int in = VectorApi.AVAILABLE ? VectorBase64.encode(bytes, 0, text, 0) : 0;
        int out = in / 3 * 4;
        for (; in < (units - 1) * 3; in += 3, out += 4) {
            int bits = (int) INT_BIG_ENDIAN.get(bytes, in) >>> 8;
            INT_BIG_ENDIAN.set(text, out, CHAR_PAIRS[bits >>> 12] << 16 | CHAR_PAIRS[bits & 0xFFF]);
        }
        for (; in < bytes.length; in += 3, out += 4) {
            int left = Math.min(3, bytes.length - in);
            int bits = 0;
            for (int k = 0; k < 3; k++) {
                bits = bits << 8 | (k < left ? bytes[in + k] & 0xFF : 0);
            }
            for (int k = 0; k < 4; k++) {
                text[out + k] = k <= left ? (byte) ALPHABET.charAt(bits >>> (18 - 6 * k) & 0x3F) : (byte) '=';
            }
        }
        return text;
    }

    /**
     * The index of the first '"' in {@code json} at or after {@code from}, or −1: sixteen bytes at a time, a byte equal
     * to '"' found as a zero byte of the word XOR '"' repeated (the lowest flagged byte is always a true one).
     */
    static int indexOfQuote(byte[] json, int from) {
        int i = from;
        for (; i <= json.length - 2 * Long.BYTES; i += 2 * Long.BYTES) {
            long first = quotes(json, i);
            long second = quotes(json, i + Long.BYTES);
            if ((first | second) != 0) {
                return first != 0 ? i + (Long.numberOfTrailingZeros(first) >>> 3)
                        : i + Long.BYTES + (Long.numberOfTrailingZeros(second) >>> 3);
            }
        }
        for (; i <= json.length - Long.BYTES; i += Long.BYTES) {
            long zeros = quotes(json, i);
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < json.length; i++) {
            if (json[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    /** The high bit of each of the eight bytes at {@code i} that may be '"', the lowest one surely (see above). */
    private static long quotes(byte[] json, int i) {
        long word = (long) LONG_LITTLE_ENDIAN.get(json, i) ^ 0x2222222222222222L;
        return (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
    }

    /** The 24 bits of four characters, negative when one is outside the alphabet. */
    private static int unit(char c0, char c1, char c2, char c3) {
        if ((c0 | c1 | c2 | c3) >= SEXTETS.length) {
            return -1;
        }
        return SEXTETS[c0] << 18 | SEXTETS[c1] << 12 | SEXTETS[c2] << 6 | SEXTETS[c3];
    }
}
