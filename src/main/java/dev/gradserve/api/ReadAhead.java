package dev.gradserve.api;

import dev.gradserve.model.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What is read of a JSON body ahead of Jackson, straight from its bytes: where its long strings end (the base64 of
 * tensors: {@link TensorDeserializer} decodes them in place and need not look for their end again), and its large
 * arrays of numbers, with a copy of the body in which each of them is replaced by an empty string, {@code ""}.
 * Jackson tokenizing each number (copying it into its buffer) was the whole of reading a large nested tensor (41 ms
 * for the MLP's 336,000 numbers); a blank string of the array's length in its place still cost Jackson a scan of it
 * (a tenth of the read). {@link TensorDeserializer} claims an array by the byte offset of its empty string in the
 * copy; {@link JsonBody} reads the body again the ordinary way when one is left unclaimed (it stood where no tensor
 * was expected) or the read fails, so answers and errors stay Jackson's. Every offset noted is the copy's.
 * <p>
 * Only what Jackson would read as a rectangular array of JSON numbers is taken: every element of an array either a
 * number or an array, numbers all at one depth, the arrays at each depth of one length, at least
 * {@link #MIN_NUMBERS} numbers, JSON's number grammar strictly; anything else is left to Jackson. A number's double is
 * the parser's: computed exactly when its digits fit in 53 bits and its power of ten is at most 22 (Clinger, "How to
 * read floating point numbers accurately", 1990: both exact, one correctly rounded operation), else by
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

    /** Strings at least this long have their end noted. */
    static final int LONG_STRING = 1024;

    /** The arrays by the byte offset, in the copy, of the empty string in their place; claimed ones removed. */
    private final Map<Integer, Tensor> arrays;
    /** The closing quote of each long string, by the offset of its opening quote. */
    private final Map<Integer, Integer> stringEnds;
    private final byte[] withoutArrays;

    private ReadAhead(Map<Integer, Tensor> arrays, Map<Integer, Integer> stringEnds, byte[] withoutArrays) {
        this.arrays = arrays;
        this.stringEnds = stringEnds;
        this.withoutArrays = withoutArrays;
    }

    /**
     * The long strings and large number arrays of {@code body} (left unchanged), and the copy with each array replaced
     * by {@code ""} (the body itself when there are none); null when there is neither.
     */
    static ReadAhead readAhead(byte[] body) {
        if (body.length < MIN_BODY) {
            return null;
        }
        Map<Integer, Tensor> arrays = new HashMap<>();
        Map<Integer, Integer> stringEnds = new HashMap<>();
        List<int[]> spans = new ArrayList<>();
        // one buffer for every array's numbers, emptied for each: it grows to the largest once, not for each array
        DoubleBuffer values = new DoubleBuffer();
        // bytes taken out before the current position: offsets are noted as they will be in the copy
        int removed = 0;
        int i = 0;
        while (i < body.length) {
            byte b = body[i];
            if (b == '"') {
                int close = closingQuote(body, i + 1);
                if (close < 0) {
                    break;
                }
                if (close - i >= LONG_STRING) {
                    stringEnds.put(i - removed, close - removed);
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
        if (arrays.isEmpty()) {
            return stringEnds.isEmpty() ? null : new ReadAhead(arrays, stringEnds, body);
        }
        byte[] withoutArrays = new byte[body.length - removed];
        int from = 0;
        int to = 0;
        for (int[] span : spans) {
            System.arraycopy(body, from, withoutArrays, to, span[0] - from);
            to += span[0] - from;
            withoutArrays[to++] = '"';
            withoutArrays[to++] = '"';
            from = span[1];
        }
        System.arraycopy(body, from, withoutArrays, to, body.length - from);
        return new ReadAhead(arrays, stringEnds, withoutArrays);
    }

    /** The body with every array read ahead replaced by {@code ""}. */
    byte[] withoutArrays() {
        return withoutArrays;
    }

    /** Whether Jackson is to read a copy of the body: some arrays were read ahead. */
    boolean tookAny() {
        return !arrays.isEmpty();
    }

    /** The offset of the closing quote of the long string whose opening quote is at {@code offset}, or −1. */
    int stringEnd(long offset) {
        Integer end = offset < 0 || offset > Integer.MAX_VALUE ? null : stringEnds.get((int) offset);
        return end == null ? -1 : end;
    }

    /** The array that stood at this byte offset, taken out; null when none did. */
    Tensor claim(long offset) {
        return offset < 0 || offset > Integer.MAX_VALUE ? null : arrays.remove((int) offset);
    }

    boolean allClaimed() {
        return arrays.isEmpty();
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
            while (at < body.length && (body[at] == ' ' || body[at] == '\n' || body[at] == '\r' || body[at] == '\t')) {
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
            values.add(value(start, negative, integer, digits, read, exponent));
            return true;
        }

        /** The parser's double for the number text body[start, at). */
        private double value(int start, boolean negative, boolean integer, long digits, int read, int exponent) {
            if (read <= 18 && digits == 0) {
                return negative && !integer ? -0.0 : 0.0;
            }
            if (read <= 18 && digits <= MAX_EXACT && Math.abs(exponent) < POWERS_OF_TEN.length) {
                double magnitude = exponent >= 0 ? digits * POWERS_OF_TEN[exponent] : digits / POWERS_OF_TEN[-exponent];
                return negative ? -magnitude : magnitude;
            }
            return Double.parseDouble(new String(body, start, at - start, StandardCharsets.ISO_8859_1));
        }

        private static boolean isDigit(byte b) {
            return b >= '0' && b <= '9';
        }
    }
}
