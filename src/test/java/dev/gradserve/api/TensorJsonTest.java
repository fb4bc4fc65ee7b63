package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

class TensorJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().addModule(JsonSettings.module()).build();
    private final ObjectReader tensors = mapper.readerFor(new TypeReference<Map<String, Tensor>>() {});

    @Test
    void readsNestedArrays() {
        Tensor t = mapper.readValue("[[1, 2], [3, 4.5]]", Tensor.class);
        assertThat(t.shape()).containsExactly(2, 2);
    }

    @Test
    void base64DecodedFromTheBodysBytesEqualsBase64DecodedFromTheParsersCharacters() {
        Random random = new Random(5);
        // up to 39 elements, then long enough (1,024 bytes of text) for the body's read-ahead to take the text out
        for (int count : java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, 40), java.util.stream.IntStream.of(1000, 1001, 1002)).toArray()) {
            for (boolean single : new boolean[] {true, false}) {
                String encoded = encode(random, count, single);
                String dtype = single ? "float32" : "float64";
                // a key beyond ASCII first, so that byte offsets and character offsets differ; base64 before shape too
                String json = "{\"größe\": [1], \"a\": {\"shape\": [" + count + "], \"dtype\": \"" + dtype + "\", \"base64\": \""
                        + encoded + "\"}, \"b\": {\"base64\": \"" + encoded + "\", \"dtype\": \"" + dtype + "\", \"shape\": [" + count + "]}}";
                Map<String, Tensor> fromCharacters = tensors.readValue(json);
                Map<String, Tensor> fromBytes = fromBytes(json.getBytes(StandardCharsets.UTF_8));
                assertThat(fromCharacters.get("a").data()).hasSize(count);
                for (String key : new String[] {"a", "b"}) {
                    assertThat(fromBytes.get(key).shape()).containsExactly(count);
                    assertThat(fromBytes.get(key).data()).containsExactly(fromCharacters.get("a").data());
                }
            }
        }
    }

    @Test
    void base64WithEscapesOrAByteOrderMarkIsReadFromTheBodyAsFromCharacters() {
        String escaped = "{\"t\": {\"shape\": [2], \"dtype\": \"float32\", \"base64\": \"\\u0041ACAPwAAAEA=\"}}";
        assertThat(fromBytes(escaped.getBytes(StandardCharsets.UTF_8)).get("t").data()).containsExactly(1.0, 2.0);
        byte[] json = "{\"t\": {\"shape\": [2], \"dtype\": \"float32\", \"base64\": \"AACAPwAAAEA=\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] marked = new byte[json.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(json, 0, marked, 3, json.length);
        assertThat(fromBytes(marked).get("t").data()).containsExactly(1.0, 2.0);
        byte[] utf16 = new String(json, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16BE);
        assertThat(fromBytes(utf16).get("t").data()).containsExactly(1.0, 2.0);
    }

    @Test
    void malformedBase64InTheBodyIsRefusedWithTheSameMessageAsFromCharacters() {
        for (String text : new String[] {"AACAP-AAAEA=", "AACAPwAA AEA=", "AACAPwAAAE\u00e9=", "AACAPw==AEA="}) {
            String json = "{\"t\": {\"shape\": [2], \"dtype\": \"float32\", \"base64\": \"" + text + "\"}}";
            MismatchedInputException expected = refusal(() -> tensors.readValue(json));
            MismatchedInputException actual = refusal(() -> fromBytes(json.getBytes(StandardCharsets.UTF_8)));
            assertThat(expected.getOriginalMessage()).startsWith("not valid base64");
            assertThat(actual.getOriginalMessage()).isEqualTo(expected.getOriginalMessage());
            assertThat(actual.getPathReference()).isEqualTo(expected.getPathReference());
        }
    }

    private Map<String, Tensor> fromBytes(byte[] body) {
        return JsonBody.read(tensors, body);
    }

    private static String encode(Random random, int count, boolean single) {
        ByteBuffer bytes = ByteBuffer.allocate(count * (single ? Float.BYTES : Double.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (single) {
                bytes.putFloat((float) random.nextGaussian());
            } else {
                bytes.putDouble(random.nextGaussian());
            }
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static MismatchedInputException refusal(Runnable read) {
        try {
            read.run();
        } catch (MismatchedInputException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }
}
