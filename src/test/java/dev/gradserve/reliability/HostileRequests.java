package dev.gradserve.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile requests made from valid ones: members dropped, renamed, duplicated or given the wrong
 * type, numbers no double holds, random unicode, truncated text, nesting 10,000 deep, tensors whose
 * shapes ask for terabytes, and odd headers. Every choice comes from one seeded {@link Random}, so a
 * seed and an index name a request exactly.
 */
final class HostileRequests {

    /** A request to send: {@code how} says what was done to it. */
    record Hostile(String method, String path, Map<String, String> headers, byte[] body, String how) {

        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Target(String method, String path, String body) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] NUMBERS = {"1e400", "-1e400", "1e-400", "1.7976931348623157e308", "3.5e38", "-0.0", "0",
        "-1", "2147483648", "-2147483649", "9223372036854775808", "1e20", "2.5", "123456789012345678901234567890.5",
        "NaN", "Infinity", "-Infinity", "0x10", "01", "1.", ".5", "+1", "1e", "--1"};
    private static final String[] WORDS = {"dense", "conv2d", "maxpool2d", "flatten", "rnn", "lstm", "gru", "sigmoid",
        "softmax", "leaky_relu", "elu", "mse", "cross_entropy", "binary_cross_entropy", "multiclass_hinge", "sum", "mean",
        "float32", "float64", "base64", "flat", "nested", "he_normal", "sgd", "adam", "rmsprop", "adagrad", "W", "b",
        "activations", "deltas", "inputGradients", "weights", "", " ", "null", "__proto__", "constructor"};
    private static final String[] HOSTILE_TENSORS = {
        "{\"shape\": [100000, 100000, 100000], \"data\": [1, 2]}",
        "{\"shape\": [2147483647, 2147483647], \"data\": []}",
        "{\"shape\": [1, 2], \"dtype\": \"float64\", \"base64\": \"AAAAAAAA8D8=\"}",
        "{\"shape\": [100000, 100000], \"dtype\": \"float32\", \"base64\": \"AAAAAA==\"}",
        "{\"shape\": [1, 2], \"dtype\": \"float64\", \"base64\": \"not base64!\"}",
        "{\"shape\": [1, 2], \"dtype\": \"float64\", \"base64\": \"AAAAAAAA+H8AAAAAAADwfw==\"}",
        "{\"shape\": [1, 2], \"dtype\": \"float16\", \"base64\": \"AAAA\"}",
        "{\"shape\": [-1, 2], \"data\": [1, 2]}", "{\"shape\": [1.5], \"data\": [1]}", "{\"shape\": \"2\", \"data\": [1]}",
        "{\"shape\": [1, 2], \"data\": [1, 2], \"base64\": \"\"}", "{\"data\": [1, 2]}", "{\"shape\": [2]}",
        "{\"shape\": [1, 2], \"data\": [[1, 2]]}", "{\"shape\": [], \"data\": [7]}", "[[1, 2], [3]]", "[[1, [2]]]",
        "[]", "[[]]", "[[[]]]"};

    /** Zero-width space, right-to-left override, byte order mark, replacement character, line separator, and JSON's own. */
    private static final int[] SPECIAL_CODE_POINTS = {0x200B, 0x202E, 0xFEFF, 0xFFFD, 0x2028, '"', '\\', '/', '~', '<'};

    private final Random random;
    private final List<Target> targets;
    private final Map<String, String> replacements = new HashMap<>();

    /** Requests on {@code sessionId} (owned by the fuzzing key), with {@code checkpoint} as a body to restore. */
    HostileRequests(long seed, String sessionId, String checkpoint) {
        this.random = new Random(seed);
        String session = "/v1/sessions/" + sessionId;
        this.targets = List.of(
                new Target("POST", "/v1/gradients", Bodies.GRADIENTS),
                new Target("POST", "/v1/forward", Bodies.FORWARD),
                new Target("POST", "/v1/gradient-checks", Bodies.GRADIENTS),
                new Target("POST", "/v1/sessions", Bodies.SESSION),
                new Target("POST", "/v1/sessions", "{\"checkpoint\": " + checkpoint + "}"),
                new Target("POST", session + "/steps", Bodies.STEP),
                new Target("POST", session + "/gradients", Bodies.STEP),
                new Target("POST", session + "/forward", Bodies.STEP),
                new Target("PUT", session + "/weights", Bodies.WEIGHTS),
                new Target("GET", session, null),
                new Target("GET", session + "/weights", null),
                new Target("GET", session + "/checkpoint", null),
                new Target("DELETE", "/v1/sessions/" + randomId(), null));
    }

    Hostile next() {
        Target target = targets.get(random.nextInt(targets.size()));
        List<String> how = new ArrayList<>();
        String method = target.method();
        if (random.nextInt(20) == 0) {
            method = pick("GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "POST");
            how.add("method " + method);
        }
        String path = target.path();
        if (path.startsWith("/v1/sessions/") && random.nextInt(10) == 0) {
            path = path.replaceFirst("/v1/sessions/[^/]+", "/v1/sessions/" + randomId());
            how.add("another session id");
        }
        if (random.nextInt(10) == 0) {
            // short: a request line over Tomcat's 8 KB is refused by Tomcat itself (AnswersTest covers that)
            String value = pick("nested", "flat", "base64", "hex", "", "NESTED", randomString());
            path += "?tensorEncoding=" + URLEncoder.encode(value.substring(0, Math.min(value.length(), 40)), StandardCharsets.UTF_8);
            how.add("query");
        }
        byte[] body = target.body() == null ? null : mutate(target.body(), how);
        return new Hostile(method, path, headers(target, how), body, String.join("; ", how));
    }

    private byte[] mutate(String valid, List<String> how) {
        switch (random.nextInt(12)) {
            case 0 -> {
                how.add("body replaced");
                return pickBody();
            }
            case 1 -> {
                String text = mutateTree(valid, how);
                int end = random.nextInt(text.length());
                how.add("truncated at " + end);
                return text.substring(0, end).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                byte[] bytes = mutateTree(valid, how).getBytes(StandardCharsets.UTF_8);
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                how.add("random bytes");
                return bytes;
            }
            default -> {
                return mutateTree(valid, how).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** One to three changes to the body's tree, written out with raw text (such as 1e400) where asked. */
    private String mutateTree(String valid, List<String> how) {
        JsonNode root = JSON.readTree(valid);
        replacements.clear();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            mutateOnce(root, how);
        }
        String text = JSON.writeValueAsString(root);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        return text;
    }

    private void mutateOnce(JsonNode root, List<String> how) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(11)) {
            case 0 -> {
                slot.remove();
                how.add("dropped " + slot.pointer);
            }
            case 1 -> {
                if (slot.parent instanceof ObjectNode object) {
                    String name = randomString();
                    object.remove(slot.name);
                    object.set(name, slot.node);
                    how.add("renamed " + slot.pointer);
                }
            }
            case 2 -> {
                if (slot.parent instanceof ObjectNode object) {
                    String marker = marker();
                    object.remove(slot.name);
                    object.set(marker, slot.node);
                    String name = JSON.writeValueAsString(slot.name);
                    replacements.put("\"" + marker + "\":", name + ":" + JSON.writeValueAsString(slot.node) + "," + name + ":");
                    how.add("duplicated " + slot.pointer);
                }
            }
            case 3 -> raw(slot, pick("true", "false", "null", "{}", "[]", "\"x\"", "0", "[[\"1\"]]", "{\"a\": [1]}"), how,
                    "wrong type at ");
            case 4 -> raw(slot, pick(NUMBERS), how, "number at ");
            case 5 -> {
                slot.replace(NODES.stringNode(randomString()));
                how.add("unicode at " + slot.pointer);
            }
            case 6 -> {
                slot.replace(NODES.stringNode(pick(WORDS)));
                how.add("word at " + slot.pointer);
            }
            case 7 -> {
                int depth = random.nextBoolean() ? 10_000 : 1_000 + random.nextInt(100);
                String nested = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                raw(slot, nested, how, "nested " + depth + " deep at ");
            }
            case 8 -> raw(slot, pick(HOSTILE_TENSORS), how, "hostile tensor at ");
            case 9 -> {
                if (slot.node instanceof ArrayNode array && !array.isEmpty()) {
                    int copies = pick(101, 10_001, 50_000);
                    for (int i = 0; i < copies; i++) {
                        array.add(array.get(0).deepCopy());
                    }
                    how.add("grew " + slot.pointer + " by " + copies);
                } else if (slot.node instanceof ObjectNode object) {
                    object.set(randomString(), NODES.numberNode(random.nextInt()));
                    how.add("unknown member in " + slot.pointer);
                }
            }
            default -> {
                if (slot.node.isNumber()) {
                    raw(slot, Double.toString(slot.node.doubleValue() * Math.pow(10, random.nextInt(700) - 350)), how,
                            "scaled number at ");
                }
            }
        }
    }

    private void raw(Slot slot, String text, List<String> how, String what) {
        String marker = marker();
        replacements.put("\"" + marker + "\"", text);
        slot.replace(NODES.stringNode(marker));
        how.add(what + slot.pointer + (text.length() > 40 ? "" : " = " + text));
    }

    private String marker() {
        return "@@raw" + replacements.size() + "-" + Integer.toHexString(random.nextInt()) + "@@";
    }

    private Map<String, String> headers(Target target, List<String> how) {
        Map<String, String> headers = new HashMap<>();
        int auth = random.nextInt(20);
        if (auth > 1) {
            headers.put("Authorization", "Bearer " + Instance.KEY_FUZZ);
        } else if (auth == 1) {
            headers.put("Authorization", pick("Bearer", "Bearer wrong-key", "Basic Zm9vOmJhcg==", "bearer " + Instance.KEY_FUZZ
                    + "x", "Bearer " + randomAscii(300)));
            how.add("Authorization " + headers.get("Authorization"));
        } else {
            how.add("no Authorization");
        }
        if (target.body() != null) {
            headers.put("Content-Type", random.nextInt(12) > 0 ? "application/json"
                    : pick("text/plain", "application/xml", "application/json; charset=utf-16", "*/*", "application/json;;",
                            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"));
        }
        if (random.nextInt(10) == 0) {
            headers.put("Accept", pick("application/xml", "text/html", "*/*", "application/problem+json", "image/png"));
        }
        if (target.path().endsWith("/steps") || target.path().endsWith("/weights")) {
            if (random.nextBoolean()) {
                headers.put("If-Match", pick("\"0\"", "W/\"1\"", "*", "\"abc\"", "\"-1\"", "99999999999999999999", "\"1\", \"2\"",
                        "\"", randomAscii(20)));
            }
            if (random.nextBoolean()) {
                headers.put("Idempotency-Key", pick(randomAscii(1 + random.nextInt(40)), randomAscii(256), "a b", "x",
                        Integer.toString(random.nextInt(5))));
            }
        }
        if (random.nextInt(5) == 0) {
            headers.put("X-Request-Id", pick(randomAscii(10), randomAscii(200), "abc-123", "a b c"));
        }
        return headers;
    }

    private byte[] pickBody() {
        String text = pick("", "null", "[]", "1", "\"x\"", "{", "}", "{}", "{\"a\":}", "\uFEFF" + Bodies.GRADIENTS,
                Bodies.GRADIENTS + "{}", "[" + Bodies.GRADIENTS + "]", "{\"network\": null}");
        if (random.nextInt(10) == 0) {
            return Bodies.GRADIENTS.getBytes(StandardCharsets.UTF_16);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String randomString() {
        int length = random.nextInt(8) == 0 ? 2000 : random.nextInt(24);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int codePoint = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x5F);
                case 2 -> 0xA0 + random.nextInt(0x2F60);
                case 3 -> 0x4E00 + random.nextInt(0x5000);
                case 4 -> 0x1F300 + random.nextInt(0x300);
                default -> SPECIAL_CODE_POINTS[random.nextInt(SPECIAL_CODE_POINTS.length)];
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private String randomAscii(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (0x21 + random.nextInt(0x5E)));
        }
        return text.toString();
    }

    /** A session id that names no session: letters, digits, unicode, percent-encoded as a path segment. */
    private String randomId() {
        String id = switch (random.nextInt(4)) {
            case 0 -> java.util.UUID.randomUUID().toString();
            case 1 -> "ä漢字-" + random.nextInt(1000);
            case 2 -> "x".repeat(1 + random.nextInt(1000));
            default -> Long.toString(random.nextLong());
        };
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static void collect(JsonNode node, String pointer, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                Slot slot = new Slot(object, name, -1, object.get(name), pointer + "/" + name);
                slots.add(slot);
                collect(slot.node, slot.pointer, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                Slot slot = new Slot(array, null, i, array.get(i), pointer + "/" + i);
                slots.add(slot);
                collect(slot.node, slot.pointer, slots);
            }
        }
    }

    /** A member of an object or an element of an array, to drop or replace. */
    private record Slot(JsonNode parent, String name, int index, JsonNode node, String pointer) {

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(name);
            } else if (index < parent.size()) {
                ((ArrayNode) parent).remove(index);
            }
        }

        void replace(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(name, value);
            } else if (index < parent.size()) {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }
}
