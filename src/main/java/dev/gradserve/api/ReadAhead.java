package dev.gradserve.api;

import dev.gradserve.model.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What is read of a JSON body ahead of Jackson, straight from its bytes: its large arrays of numbers and the long
 * texts of its {@code "base64"} keys, with a copy of the body in which each of them is replaced by an empty string,
 * {@code ""}. A well formed base64 text is decoded here, where it lies in the body, by a decoding that finds its
 * closing quote too ({@link Base64Text.ToQuote}); Jackson skipping it, a byte at a time, was a third of reading a
 * base64 request.
 * Jackson tokenizing each number (copying it into its buffer) was the whole of reading a large nested tensor (41 ms
 * for the MLP's 336,000 numbers); a blank string of the array's length in its place still cost Jackson a scan of it
 * (a tenth of the read). {@link TensorDeserializer} claims an array or a text by the byte offset of its empty string
 * in the copy; {@link JsonBody} reads the body again the ordinary way when one is left unclaimed (it stood where no
 * tensor was expected) or the read fails, so answers and errors stay Jackson's. Every offset noted is the copy's.
 * <p>
 * Only what Jackson would read as a rectangular array of JSON numbers is taken: every element of an array either a
 * number or an array, numbers all at one depth, the arrays at each depth of one length, at least
 * {@link #MIN_NUMBERS} numbers, JSON's number grammar strictly; anything else is left to Jackson. A number's double is
 * the parser's, the correctly rounded one: computed exactly when its digits fit in 53 bits and its power of ten is at
 * most 22 (Clinger, "How to read floating point numbers accurately", 1990: both exact, one correctly rounded
 * operation), else by {@link DecimalValue} when it has at most 19 significant digits, else by
 * {@code Double.parseDouble}; an integer −0 is +0.0, as the parser reads it.
 */
final class ReadAhead {

    static final int MIN_NUMBERS = 256;
    /** Bodies shorter than this cannot hold an array worth reading ahead. */
    static final int MIN_BODY = 2 * MIN_NUMBERS;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final long MAX_EXACT = 1L << 53;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = Double.parseDouble("1e" + i);
        }
    }

    /** Base64 texts at least this long are taken out. */
    static final int LONG_TEXT = 1024;

    private static final byte[] BASE64_KEY = "\"base64\"".getBytes(StandardCharsets.US_ASCII);

    /** The arrays by the byte offset, in the copy, of the empty string in their place; claimed ones removed. */
    private final Map<Integer, Tensor> arrays;
    /**
     * The long base64 texts taken out, by the byte offset of the empty string in their place in the copy; claimed
     * ones removed.
     */
    private final Map<Integer, TakenText> texts;
    private final byte[] shortened;

    private ReadAhead(Map<Integer, Tensor> arrays, Map<Integer, TakenText> texts, byte[] shortened) {
        this.arrays = arrays;
        this.texts = texts;
        this.shortened = shortened;
    }

    /**
     * The large number arrays and long base64 texts of {@code body} (left unchanged), and the copy with each of them
     * replaced by {@code ""}; null when there are none.
     */
    static ReadAhead readAhead(byte[] body) {
        if (body.length < MIN_BODY) {
            return null;
        }
        Map<Integer, Tensor> arrays = new HashMap<>();
        Map<Integer, TakenText> texts = new HashMap<>();
        // one buffer for every base64 text's bytes, as for the numbers
        Base64Text.ToQuote decoder = new Base64Text.ToQuote();
        List<int[]> spans = new ArrayList<>();
        // one buffer for every array's numbers, emptied for each: it grows to the largest once, not for each array
        DoubleBuffer values = new DoubleBuffer();
        // bytes taken out before the current position: offsets are noted as they will be in the copy
        int removed = 0;
        int i = 0;
        while (i < body.length) {
            byte b = body[i];
            if (b == '"') {
                boolean base64 = isBase64Value(body, i);
                // a text that will be taken out is decoded on the way to its quote; a shorter one is left to the
                // deserializer, which decodes it where it lies
                byte[] decoded = base64 && !hasQuote(body, i + 1, i + LONG_TEXT) ? decoder.decode(body, i + 1) : null;
                int close = decoded != null ? decoder.end() : closingQuote(body, i + 1);
                if (close < 0) {
                    break;
                }
                if (close - i >= LONG_TEXT && base64) {
                    texts.put(i - removed, new TakenText(i + 1, close, decoded));
                    spans.add(new int[] {i, close + 1});
                    removed += close + 1 - i - 2;
                }
                i = close + 1;
            } else if (b == '[') {
                Reader reader = new Reader(body, i, values);
                Tensor tensor = reader.read();
                if (tensor == null) {
                    i++;
                    continue;
                }
                if (tensor.size() >= MIN_NUMBERS) {
                    arrays.put(i - removed, tensor);
                    spans.add(new int[] {i, reader.at});
                    removed += reader.at - i - 2;
                }
                i = reader.at; // a smaller one is left to Jackson, its rows too
            } else {
                i++;
            }
        }
        if (spans.isEmpty()) {
            return null;
        }
        byte[] shortened = new byte[body.length - removed];
        int from = 0;
        int to = 0;
        for (int[] span : spans) {
            System.arraycopy(body, from, shortened, to, span[0] - from);
            to += span[0] - from;
            shortened[to++] = '"';
            shortened[to++] = '"';
            from = span[1];
        }
        System.arraycopy(body, from, shortened, to, body.length - from);
        return new ReadAhead(arrays, texts, shortened);
    }

    /**
     * Whether the string whose opening quote is at {@code quote} is the value of a key written {@code "base64"}
     * (whitespace aside; a key with an escape in it is not recognised, and its string stays in the copy).
     */
    private static boolean isBase64Value(byte[] body, int quote) {
        int j = quote - 1;
        while (j >= 0 && isWhitespace(body[j])) {
            j--;
        }
        if (j < 0 || body[j] != ':') {
            return false;
        }
        j--;
        while (j >= 0 && isWhitespace(body[j])) {
            j--;
        }
        int key = j - BASE64_KEY.length + 1;
        return key >= 1 && body[key - 1] != '\\' && Arrays.equals(body, key, j + 1, BASE64_KEY, 0, BASE64_KEY.length);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** The body with every array and base64 text taken out replaced by {@code ""}. */
    byte[] shortened() {
        return shortened;
    }

    /** The array that stood at this byte offset, taken out; null when none did. */
    Tensor claim(long offset) {
        return offset < 0 || offset > Integer.MAX_VALUE ? null : arrays.remove((int) offset);
    }

    /**
     * A base64 text taken out of the body: where it lies, and its bytes when the read-ahead decoded it on its way to
     * the closing quote (null when the text is not strictly well formed base64, which is left to the JDK's decoder).
     *
     * @param from    the index of its first character in the body
     * @param to      the index of its closing quote
     * @param decoded its bytes, or null
     */
    record TakenText(int from, int to, byte[] decoded) {}

    /** The base64 text that stood at this byte offset, taken out; or null. */
    TakenText claimText(long offset) {
        return offset < 0 || offset > Integer.MAX_VALUE ? null : texts.remove((int) offset);
    }

    boolean allClaimed() {
        return arrays.isEmpty() && texts.isEmpty();
    }

    /** Whether {@code body[from, to)} holds a '"', or ends before {@code to}. */
    private static boolean hasQuote(byte[] body, int from, int to) {
        if (to > body.length) {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (body[i] == '"') {
                return true;
            }
        }
        return false;
    }

    /** The closing quote of the string whose text starts at {@code from} (after its opening quote), or −1. */
    private static int closingQuote(byte[] body, int from) {
        for (int i = from; ; ) {
            int quote = Base64Text.indexOfQuote(body, i);
            if (quote < 0) {
                return -1;
            }
            int backslashes = 0;
            while (quote - 1 - backslashes >= from && body[quote - 1 - backslashes] == '\\') {
                backslashes++;
            }
            if (backslashes % 2 == 0) {
                return quote;
            }
            i = quote + 1;
        }
    }

    /** Reads one rectangular array of numbers from its '['; null at the first thing that is not one. */
    private static final class Reader {

        private final byte[] body;
        private int at;
        private final List<Integer> dimensions = new ArrayList<>();
        private int leafDepth = -1;
        private final DoubleBuffer values;

        /** A reader of the array at {@code at}, its numbers into {@code values} (emptied first). */
        Reader(byte[] body, int at, DoubleBuffer values) {
            this.body = body;
            this.at = at;
            this.values = values;
            values.clear();
        }

        Tensor read() {
            if (!array(0)) {
                return null;
            }
            return new Tensor(dimensions.stream().mapToInt(Integer::intValue).toArray(), values.toArray());
        }

        /** One array at {@code depth}, from its '[' to after its ']'. */
        private boolean array(int depth) {
            if (depth == MAX_DEPTH) {
                return false;
            }
            at++;
            if (dimensions.size() == depth) {
                dimensions.add(-1);
            }
            int count = 0;
            skipWhitespace();
            if (at < body.length && body[at] == ']') {
                return false;
            }
            while (true) {
                skipWhitespace();
                if (at >= body.length) {
                    return false;
                }
                if (body[at] == '[') {
                    if (leafDepth != -1 && depth >= leafDepth || !array(depth + 1)) {
                        return false;
                    }
                } else {
                    if (leafDepth == -1 && dimensions.size() == depth + 1) {
                        leafDepth = depth;
                    }
                    if (leafDepth != depth || !number()) {
                        return false;
                    }
                }
                count++;
                skipWhitespace();
                if (at >= body.length) {
                    return false;
                }
                if (body[at] == ']') {
                    at++;
                    break;
                }
                if (body[at] != ',') {
                    return false;
                }
                at++;
            }
            if (dimensions.get(depth) == -1) {
                dimensions.set(depth, count);
            }
            return dimensions.get(depth) == count;
        }

        private void skipWhitespace() {
            while (at < body.length && isWhitespace(body[at])) {
                at++;
            }
        }

        /** One number in JSON's grammar, appended; false when the text is not one. */
        private boolean number() {
            int start = at;
            boolean negative = at < body.length && body[at] == '-';
            if (negative) {
                at++;
            }
            // the integer and fraction digits in one loop, which leaves it once per number (at the end of its
            // digits), not twice
            int firstDigit = at;
            int point = -1;
            long digits = 0;
            int i = at;
            for (; i < body.length; i++) {
                int digit = body[i] - '0';
                if (digit >= 0 && digit <= 9) {
                    digits = digits * 10 + digit;
                } else if (body[i] == '.' && point < 0) {
                    point = i;
                } else {
                    break;
                }
            }
            at = i;
            int integerDigits = (point < 0 ? at : point) - firstDigit;
            if (integerDigits == 0 || integerDigits > 1 && body[firstDigit] == '0' || point == at - 1) {
                return false;
            }
            int read = point < 0 ? integerDigits : at - firstDigit - 1;
            boolean integer = point < 0;
            int exponent = point < 0 ? 0 : point + 1 - at;
            if (at < body.length && (body[at] == 'e' || body[at] == 'E')) {
                integer = false;
                at++;
                boolean negativeExponent = at < body.length && body[at] == '-';
                if (at < body.length && (body[at] == '-' || body[at] == '+')) {
                    at++;
                }
                int written = 0;
                int length = 0;
                while (at < body.length && isDigit(body[at])) {
                    written = Math.min(written * 10 + (body[at++] - '0'), 100_000);
                    length++;
                }
                if (length == 0) {
                    return false;
                }
                exponent += negativeExponent ? -written : written;
            }
            if (at - start > MAX_NUMBER_LENGTH) {
                return false;
            }
            values.add(value(start, firstDigit, negative, integer, digits, read, exponent));
            return true;
        }

        /** The parser's double for the number text body[start, at). */
        private double value(int start, int firstDigit, boolean negative, boolean integer, long digits, int read,
                int exponent) {
            if (read <= 18 && digits == 0) {
                return negative && !integer ? -0.0 : 0.0;
            }
            if (read <= 18 && digits <= MAX_EXACT && Math.abs(exponent) < POWERS_OF_TEN.length) {
                double magnitude = exponent >= 0 ? digits * POWERS_OF_TEN[exponent] : digits / POWERS_OF_TEN[-exponent];
                return negative ? -magnitude : magnitude;
            }
            if (digits != 0 && (read <= 19 || significantDigits(firstDigit, read) <= 19)) {
                double magnitude = DecimalValue.of(digits, exponent);
                return negative ? -magnitude : magnitude;
            }
            return Double.parseDouble(new String(body, start, at - start, StandardCharsets.ISO_8859_1));
        }

        /**
         * How many of the {@code read} digits from {@code firstDigit} (a point may lie among them) come from the first
         * nonzero one on: those are what the significand holds, leading zeros add nothing to it.
         */
        private int significantDigits(int firstDigit, int read) {
            int zeros = 0;
            for (int i = firstDigit; zeros < read && (body[i] == '0' || body[i] == '.'); i++) {
                if (body[i] == '0') {
                    zeros++;
                }
            }
            return read - zeros;
        }

        private static boolean isDigit(byte b) {
            return b >= '0' && b <= '9';
        }
    }
}
