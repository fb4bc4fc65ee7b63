package dev.gradserve.api;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body for the tests, edited by JSON Pointer. Numbers are kept as written (BigDecimal), so
 * that a value such as 1e400, which no double holds, reaches the server as the client wrote it.
 */
final class Body {

    static final String WORKED_EXAMPLE = """
            {
              "network": {
                "inputShape": [2],
                "layers": [
                  { "name": "hidden", "type": "dense", "units": 2, "activation": "sigmoid" },
                  { "name": "output", "type": "dense", "units": 2, "activation": "sigmoid" }
                ],
                "loss": { "type": "mse", "reduction": "sum", "scale": 0.5 }
              },
              "weights": {
                "hidden": { "W": [[0.15, 0.20], [0.25, 0.30]], "b": [0.35, 0.35] },
                "output": { "W": [[0.40, 0.45], [0.50, 0.55]], "b": [0.60, 0.60] }
              },
              "inputs": [[0.05, 0.10]],
              "targets": [[0.01, 0.99]]
            }
            """;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ObjectNode root;

    private Body(ObjectNode root) {
        this.root = root;
    }

    /** The 2-2-2 sigmoid network of API.md with its weights, input and target. */
    static Body workedExample() {
        return parse(WORKED_EXAMPLE);
    }

    static Body parse(String json) {
        return new Body((ObjectNode) JSON.readTree(json));
    }

    /** Sets (or adds) the member or element at {@code pointer} to the JSON text {@code json}. */
    Body set(String pointer, String json) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        JsonNode value = JSON.readTree(json);
        if (parent instanceof ObjectNode object) {
            object.set(path.last().getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode array) {
            int index = path.last().getMatchingIndex();
            if (index == array.size()) {
                array.add(value);
            } else {
                array.set(index, value);
            }
        } else {
            throw new IllegalArgumentException("no object or array at " + path.head());
        }
        return this;
    }

    Body remove(String pointer) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        if (parent instanceof ObjectNode object) {
            object.remove(path.last().getMatchingProperty());
        } else if (parent instanceof ArrayNode array) {
            array.remove(path.last().getMatchingIndex());
        } else {
            throw new IllegalArgumentException("no object or array at " + path.head());
        }
        return this;
    }

    /** Renames the member at {@code pointer}, keeping its value. */
    Body rename(String pointer, String newName) {
        JsonPointer path = JsonPointer.compile(pointer);
        ObjectNode parent = (ObjectNode) root.at(path.head());
        JsonNode value = parent.remove(path.last().getMatchingProperty());
        parent.set(newName, value);
        return this;
    }

    Body copy() {
        return new Body(root.deepCopy());
    }

    String json() {
        return JSON.writeValueAsString(root);
    }

    @Override
    public String toString() {
        return json();
    }
}
