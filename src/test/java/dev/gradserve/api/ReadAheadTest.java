package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.model.Tensor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Number arrays read ahead of Jackson give what Jackson gives: the same doubles, the same values elsewhere, the same errors. */
class ReadAheadTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().addModule(JsonSettings.module()).build();
    private static final ObjectReader TENSORS = MAPPER.readerFor(new TypeReference<Map<String, Tensor>>() {});
    private static final String[] TRICKY = {"0", "-0", "0.0", "-0.0", "-0e0", "0E+3", "1", "-1", "9007199254740992",
            "9007199254740993", "123456789012345678", "12345678901234567890123", "1e22", "1e23", "1E-22", "1e-23",
            "4.9e-324", "2.4e-324", "1.7976931348623157e308", "1e400", "-1e-400", "0.1", "0.30000000000000004",
            "2.5E-5", "1.0E10", "0.00000000000000000000012345", "100000000000000000000000", "3.4028235E38",
            "0.00012345678918063641", "9999999999999999999", "18446744073709551615", "18446744073709551616",
            "0.1000000000000000055511151231257827", "2.2250738585072011e-308", "2.4703282292062328e-324",
            "1.7976931348623158e308", "-0.00000000000000000000"};

    @Test
    void readsEveryNumberAsJacksonDoes() {
        Random random = new Random(21);
        for (int round = 0; round < 40; round++) {
            int rows = 1 + random.nextInt(40);
            int columns = 1 + random.nextInt(40);
            String[] numbers = new String[rows * columns];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = switch (random.nextInt(6)) {
                    case 0 -> TRICKY[random.nextInt(TRICKY.length)];
                    case 1 -> Float.toString((float) (random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10)));
                    case 2 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
                    case 3 -> Long.toString(random.nextLong() >> random.nextInt(64));
                    // 15 to 20 significant digits, plain (Python's json.dumps writes numpy's doubles with up to 17)
                    case 4 -> new BigDecimal(random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6))
                            .round(new MathContext(15 + random.nextInt(6))).toPlainString();
                    default -> (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "." + random.nextInt(1_000_000)
                            + (random.nextBoolean() ? "e" + (random.nextInt(60) - 30) : "");
                };
            }
            String json = "{\"nested\": " + nested(numbers, rows, columns, random) + ", \"flat\": {\"shape\": [" + numbers.length
                    + "], \"data\": " + nested(numbers, 1, numbers.length, random) + "}}";
            Map<String, Tensor> expected = TENSORS.readValue(json);
            Map<String, Tensor> actual = JsonBody.read(TENSORS, json.getBytes(StandardCharsets.UTF_8));
            for (String key : List.of("nested", "flat")) {
                assertThat(actual.get(key).shape()).as(key).containsExactly(expected.get(key).shape());
                assertThat(bits(actual.get(key).data())).as(json).containsExactly(bits(expected.get(key).data()));
            }
        }
    }

    @Test
    void anArrayWhereNoTensorIsExpectedIsReadAsJacksonReadsIt() {
        String big = nested(numbers(600), 20, 30, new Random(3));
        String json = "{\"list\": " + big + ", \"t\": " + big + "}";
        ObjectReader objects = MAPPER.readerFor(new TypeReference<Map<String, Object>>() {});
        Map<String, Object> expected = objects.readValue(json);
        Map<String, Object> actual = JsonBody.read(objects, json.getBytes(StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.get("list")).isInstanceOf(List.class);
    }

    @Test
    void stringsWithBracketsQuotesAndEscapesAroundAnArrayAreLeftAlone() {
        String big = "[" + String.join(",", numbers(300)) + "]";
        String json = "{\"a \\\"[1, 2]\\\\\": " + big + ", \"[" + big.replace("[", "\\u005b") + "\\\\\": [[1, 2]]}";
        Map<String, Tensor> expected = TENSORS.readValue(json);
        Map<String, Tensor> actual = JsonBody.read(TENSORS, json.getBytes(StandardCharsets.UTF_8));
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String key : expected.keySet()) {
            assertThat(bits(actual.get(key).data())).containsExactly(bits(expected.get(key).data()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[1, 2], [3]]", "[1, \"2\"]", "[01, 2]", "[1., 2]", "[-, 2]", "[+1, 2]", "[1, 2,]", "[NaN, 2]",
            "[1 2]", "[[1, 2], 3]", "[1, [2, 3]]", "[.5, 1]", "[1e, 2]", "[1, null]", "[1, 2", "[1.2.3, 2]", "[-01, 2]",
            "[1.e5, 2]", "[1..2, 2]"})
    void aMalformedArrayGetsJacksonsError(String head) {
        String tail = ", 0".repeat(400);
        String inner = head.startsWith("[[") ? head.substring(1, head.indexOf(']') + 1) : null;
        String array = inner == null ? head.replaceFirst("]?$", tail + (head.endsWith("]") ? "]" : ""))
                : "[" + (inner.replace("]", tail + "]") + ", ").repeat(3) + head.substring(head.indexOf(']') + 3);
        assertRefusedAsJacksonRefuses("{\"t\": " + array + "}");
    }

    @Test
    void longBase64TextsAreTakenOutOfTheCopyAndDecodedFromTheBody() {
        String text = base64(700);
        String json = "{\"t\": {\"shape\": [700], \"dtype\": \"float32\", \"base64\" :\n \"" + text + "\"}}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ReadAhead ahead = ReadAhead.readAhead(body);
        String copy = "{\"t\": {\"shape\": [700], \"dtype\": \"float32\", \"base64\" :\n \"\"}}";
        assertThat(new String(ahead.shortened(), StandardCharsets.UTF_8)).isEqualTo(copy);
        ReadAhead.TakenText taken = ahead.claimText(copy.lastIndexOf("\"\""));
        assertThat(range(taken)).containsExactly(json.indexOf(text), json.indexOf(text) + text.length());
        assertThat(taken.decoded()).isEqualTo(java.util.Base64.getDecoder().decode(text));
        assertThat(ahead.allClaimed()).isTrue();
        Map<String, Tensor> expected = TENSORS.readValue(json);
        Map<String, Tensor> actual = JsonBody.read(TENSORS, body);
        assertThat(bits(actual.get("t").data())).containsExactly(bits(expected.get("t").data()));
    }

    @Test
    void aLongBase64TextIsDecodedUpToItsQuoteWithEveryPaddingAndEveryTail() {
        for (int extra = 0; extra < 8; extra++) {
            byte[] bytes = new byte[800 + extra];
            new Random(extra).nextBytes(bytes);
            String padded = java.util.Base64.getEncoder().encodeToString(bytes);
            String unpadded = java.util.Base64.getEncoder().withoutPadding().encodeToString(bytes);
            for (String text : List.of(padded, unpadded, padded.substring(0, 600) + "=" + padded.substring(601),
                    padded.substring(0, padded.length() - 1) + "\\u0041")) {
                String json = "{\"base64\": \"" + text + "\", \"n\": 1}";
                ReadAhead ahead = ReadAhead.readAhead(json.getBytes(StandardCharsets.UTF_8));
                ReadAhead.TakenText taken = ahead.claimText(json.indexOf(text) - 1);
                assertThat(range(taken)).as(text).containsExactly(json.indexOf(text), json.indexOf(text) + text.length());
                // decoded here only when strictly well formed: with its padding, nothing else
                assertThat(taken.decoded()).as(text).isEqualTo(text.equals(padded) ? bytes : null);
            }
        }
    }

    @Test
    void aBase64TextWhereNoTensorIsExpectedIsReadAsJacksonReadsIt() {
        String json = "{\"x\": {\"base64\": \"" + base64(700) + "\"}, \"y\": [1, 2]}";
        ObjectReader objects = MAPPER.readerFor(new TypeReference<Map<String, Object>>() {});
        Map<String, Object> expected = objects.readValue(json);
        assertThat(ReadAhead.readAhead(json.getBytes(StandardCharsets.UTF_8))).isNotNull();
        Map<String, Object> actual = JsonBody.read(objects, json.getBytes(StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "\\/", "=", "\u00e9"})
    void aMalformedBase64TextGetsTheErrorItGotBefore(String inserted) {
        String text = base64(700);
        String json = "{\"t\": {\"shape\": [700], \"dtype\": \"float32\", \"base64\": \""
                + text.substring(0, 600) + inserted + text.substring(600) + "\"}}";
        assertRefusedAsJacksonRefuses(json);
    }

    @Test
    void aBase64KeyWrittenWithEscapesKeepsItsTextInTheBody() {
        String json = "{\"t\": {\"shape\": [700], \"dtype\": \"float32\", \"base\\u0036\\u0034\": \"" + base64(700) + "\"}}";
        assertThat(ReadAhead.readAhead(json.getBytes(StandardCharsets.UTF_8))).isNull();
        Map<String, Tensor> expected = TENSORS.readValue(json);
        Map<String, Tensor> actual = JsonBody.read(TENSORS, json.getBytes(StandardCharsets.UTF_8));
        assertThat(bits(actual.get("t").data())).containsExactly(bits(expected.get("t").data()));
    }

    @Test
    void onlyLargeArraysAreReadAhead() {
        byte[] small = ("{\"t\": [" + String.join(",", numbers(ReadAhead.MIN_NUMBERS - 1)) + "]}").getBytes(StandardCharsets.UTF_8);
        assertThat(ReadAhead.readAhead(small)).isNull();
        byte[] large = ("{\"t\": [" + String.join(",", numbers(ReadAhead.MIN_NUMBERS)) + "]}").getBytes(StandardCharsets.UTF_8);
        ReadAhead arrays = ReadAhead.readAhead(large);
        assertThat(arrays).isNotNull();
        assertThat(new String(arrays.shortened(), StandardCharsets.UTF_8)).isEqualTo("{\"t\": \"\"}");
        assertThat(arrays.claim(6).size()).isEqualTo(ReadAhead.MIN_NUMBERS);
        assertThat(arrays.allClaimed()).isTrue();
    }

    @Test
    void aLongBase64TextEndsAtItsClosingQuoteEscapedQuotesAside() {
        String text = "x".repeat(ReadAhead.LONG_TEXT) + "\\\"" + "y".repeat(10) + "\\\\";
        String json = "{\"short\": \"" + "z".repeat(2000) + "\", \"base64\": \"" + text + "\"}";
        ReadAhead ahead = ReadAhead.readAhead(json.getBytes(StandardCharsets.UTF_8));
        String copy = "{\"short\": \"" + "z".repeat(2000) + "\", \"base64\": \"\"}";
        assertThat(new String(ahead.shortened(), StandardCharsets.UTF_8)).isEqualTo(copy);
        ReadAhead.TakenText taken = ahead.claimText(copy.length() - 3);
        assertThat(range(taken)).containsExactly(json.length() - 2 - text.length(), json.length() - 2);
        assertThat(taken.decoded()).as("not base64: left to the JDK's decoder").isNull();
        assertThat(ahead.allClaimed()).isTrue();
        assertThat(ReadAhead.readAhead(("{\"base64\": \"" + "x".repeat(ReadAhead.LONG_TEXT - 2) + "\"}")
                .getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void offsetsAreTheCopysWhereArraysAndTextsWereTakenOut() {
        String array = "[" + String.join(", ", numbers(300)) + "]";
        String text = "x".repeat(ReadAhead.LONG_TEXT);
        String json = "{\"a\": " + array + ", \"base64\": \"" + text + "\", \"b\": " + array + ", \"c\": {\"base64\": \""
                + text + "\"}}";
        ReadAhead ahead = ReadAhead.readAhead(json.getBytes(StandardCharsets.UTF_8));
        String copy = "{\"a\": \"\", \"base64\": \"\", \"b\": \"\", \"c\": {\"base64\": \"\"}}";
        assertThat(new String(ahead.shortened(), StandardCharsets.UTF_8)).isEqualTo(copy);
        int first = json.indexOf(text);
        int second = json.lastIndexOf(text);
        assertThat(range(ahead.claimText(copy.lastIndexOf("\"\"")))).containsExactly(second, second + text.length());
        assertThat(range(ahead.claimText(copy.indexOf("\"\"", copy.indexOf("base64"))))).containsExactly(first, first + text.length());
        assertThat(ahead.claim(copy.indexOf("\"\"", copy.indexOf("\"b\"") + 3)).size()).isEqualTo(300);
        assertThat(ahead.claim(copy.indexOf("\"\"")).size()).isEqualTo(300);
        assertThat(ahead.allClaimed()).isTrue();
    }

    @Test
    void base64TensorsAfterNestedOnesAreDecodedWhereTheyLieInTheCopy() {
        Random random = new Random(8);
        StringBuilder json = new StringBuilder("{");
        for (int t = 0; t < 6; t++) {
            double[] values = random.doubles(400 + 37 * t).map(v -> (float) v).toArray();
            String[] texts = Arrays.stream(values).mapToObj(v -> Float.toString((float) v)).toArray(String[]::new);
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            Arrays.stream(values).forEach(v -> bytes.putFloat((float) v));
            json.append(t == 0 ? "" : ", ").append("\"t").append(t).append("\": ").append(t % 2 == 0
                    ? nested(texts, 1, texts.length, random)
                    : "{\"shape\": [" + values.length + "], \"dtype\": \"float32\", \"base64\": \""
                            + java.util.Base64.getEncoder().encodeToString(bytes.array()) + "\"}");
        }
        String body = json.append("}").toString();
        Map<String, Tensor> expected = TENSORS.readValue(body);
        Map<String, Tensor> actual = JsonBody.read(TENSORS, body.getBytes(StandardCharsets.UTF_8));
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String key : expected.keySet()) {
            assertThat(bits(actual.get(key).data())).as(key).containsExactly(bits(expected.get(key).data()));
        }
        assertThat(ReadAhead.readAhead(body.getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    /** Rows of numbers as nested arrays (one row: a flat array), with random whitespace between tokens. */
    private static String nested(String[] numbers, int rows, int columns, Random random) {
        String[] spaces = {"", " ", "\n", "\t", "\r\n  "};
        StringBuilder text = new StringBuilder(rows == 1 ? "" : "[");
        for (int r = 0; r < rows; r++) {
            text.append(r == 0 ? "" : ",").append(spaces[random.nextInt(spaces.length)]).append('[');
            for (int c = 0; c < columns; c++) {
                text.append(c == 0 ? "" : ",").append(spaces[random.nextInt(spaces.length)]).append(numbers[r * columns + c])
                        .append(spaces[random.nextInt(spaces.length)]);
            }
            text.append(']');
        }
        return text.append(rows == 1 ? "" : "]").toString();
    }

    private static String[] numbers(int count) {
        String[] numbers = new String[count];
        Arrays.setAll(numbers, i -> Float.toString(i * 0.37f - 11));
        return numbers;
    }

    /** Random float32 values as a tensor's base64 text. */
    private static String base64(int count) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * count).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        new Random(count).doubles(count).forEach(v -> bytes.putFloat((float) v));
        return java.util.Base64.getEncoder().encodeToString(bytes.array());
    }

    private static int[] range(ReadAhead.TakenText taken) {
        return new int[] {taken.from(), taken.to()};
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** Jackson's byte parser, as the server had before (its messages differ from its character parser's). */
    private static void assertRefusedAsJacksonRefuses(String json) {
        JacksonException expected = refusal(() -> TENSORS.readValue(json.getBytes(StandardCharsets.UTF_8)));
        JacksonException actual = refusal(() -> JsonBody.read(TENSORS, json.getBytes(StandardCharsets.UTF_8)));
        assertThat(actual.getOriginalMessage()).isEqualTo(expected.getOriginalMessage());
        assertThat(actual.getPathReference()).isEqualTo(expected.getPathReference());
    }

    private static JacksonException refusal(Supplier<Object> read) {
        try {
            read.get();
        } catch (JacksonException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }
}
