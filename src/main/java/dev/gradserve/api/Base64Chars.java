package dev.gradserve.api;

import java.util.Arrays;

/**
 * Standard base64 (RFC 4648 §4, with padding) decoded straight from the JSON parser's characters. Only text that is
 * well formed in the strictest sense is decoded here: a length that is a multiple of four, every character from the
 * alphabet, and '=' only as the last one or two. Anything else gets null, and the caller hands it to the JDK's
 * decoder, which then decides (it also takes an unpadded last unit) and words the error: the answers and their
 * messages stay the JDK's. Like the JDK's decoder, bits beyond the last byte are ignored. Compared with making a
 * String of the characters and its bytes for the JDK's decoder, this saves two copies of a large tensor's text.
 */
final class Base64Chars {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** The 6 bits of each ASCII character, −1 for a character outside the alphabet. */
    private static final int[] SEXTETS = new int[128];

    static {
        Arrays.fill(SEXTETS, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            SEXTETS[ALPHABET.charAt(i)] = i;
        }
    }

    private Base64Chars() {}

    /** The bytes of {@code text[offset, offset + length)}, or null when the text is not strictly well formed. */
    static byte[] decode(char[] text, int offset, int length) {
        if (length % 4 != 0) {
            return null;
        }
        if (length == 0) {
            return new byte[0];
        }
        int end = offset + length;
        int padding = text[end - 1] != '=' ? 0 : text[end - 2] != '=' ? 1 : 2;
        byte[] bytes = new byte[length / 4 * 3 - padding];
        int out = 0;
        int lastUnit = end - 4;
        for (int in = offset; in < lastUnit; in += 4) {
            int bits = unit(text[in], text[in + 1], text[in + 2], text[in + 3]);
            if (bits < 0) {
                return null;
            }
            bytes[out] = (byte) (bits >> 16);
            bytes[out + 1] = (byte) (bits >> 8);
            bytes[out + 2] = (byte) bits;
            out += 3;
        }
        int bits = unit(text[lastUnit], text[lastUnit + 1], padding == 2 ? 'A' : text[lastUnit + 2], padding > 0 ? 'A' : text[lastUnit + 3]);
        if (bits < 0) {
            return null;
        }
        for (int shift = 16; out < bytes.length; shift -= 8) {
            bytes[out++] = (byte) (bits >> shift);
        }
        return bytes;
    }

    /** The 24 bits of four characters, negative when one is outside the alphabet. */
    private static int unit(char c0, char c1, char c2, char c3) {
        if ((c0 | c1 | c2 | c3) >= SEXTETS.length) {
            return -1;
        }
        return SEXTETS[c0] << 18 | SEXTETS[c1] << 12 | SEXTETS[c2] << 6 | SEXTETS[c3];
    }
}
