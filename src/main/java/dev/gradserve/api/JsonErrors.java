package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.LayerSpec;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns what Jackson could not read into a {@link Violation} a client can act on: a JSON Pointer to
 * the spot, and a message in terms of JSON (never Java class names).
 */
final class JsonErrors {

    private JsonErrors() {}

    static Violation describe(JacksonException exception) {
        String pointer = pointer(exception.getPath());
        if (exception instanceof InvalidTypeIdException) {
            pointer += "/type";
        } else if (pointer.isEmpty() && exception.processor() instanceof JsonParser parser) {
            pointer = parser.streamReadContext().pathAsPointer().toString();
        }
        return new Violation(pointer, message(exception));
    }

    static String pointer(List<JacksonException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            String token = reference.getPropertyName() != null ? reference.getPropertyName()
                    : reference.getIndex() >= 0 ? Integer.toString(reference.getIndex()) : null;
            if (token != null) {
                pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }

    private static String message(JacksonException exception) {
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'; known fields: " + known(unknown.getKnownPropertyIds());
        }
        if (exception instanceof InvalidTypeIdException typeId) {
            Class<?> base = typeId.getBaseType() == null ? LayerSpec.class : typeId.getBaseType().getRawClass();
            String what = base == OptimizerSpec.class ? "optimizer type" : "layer type";
            JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
            String allowed = subtypes == null ? "" : Arrays.stream(subtypes.value()).map(JsonSubTypes.Type::name)
                    .collect(Collectors.joining(", "));
            return typeId.getTypeId() == null ? "required: the " + what + ", one of: " + allowed
                    : "unknown " + what + " '" + typeId.getTypeId() + "'; allowed: " + allowed;
        }
        if (exception instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "unknown value '" + format.getValue() + "'; allowed: " + enumNames(format.getTargetType());
        }
        if (exception instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            return instantiation.getCause().getMessage();
        }
        if (exception instanceof MismatchedInputException mismatch) {
            if (mismatch.getOriginalMessage() != null && mismatch.getOriginalMessage().startsWith("Trailing token")) {
                return "trailing content after the end of the JSON body";
            }
            if (mismatch.getTargetType() == Tensor.class || mismatch.getTargetType() == null) {
                return mismatch.getOriginalMessage();
            }
            JsonToken token = mismatch.getCurrentToken() != null ? mismatch.getCurrentToken()
                    : mismatch.processor() instanceof JsonParser parser ? parser.currentToken() : null;
            String got = token != null ? ", got " + jsonToken(token)
                    : mismatch instanceof InvalidFormatException format ? ", got " + quoted(format.getValue()) : "";
            return "expected " + jsonType(mismatch.getTargetType()) + got;
        }
        if (exception instanceof InputCoercionException) {
            return "the number is out of range: " + firstLine(exception.getOriginalMessage());
        }
        if (exception instanceof StreamConstraintsException) {
            return "the JSON is beyond the parser's limits: " + exception.getOriginalMessage();
        }
        if (exception instanceof StreamReadException read) {
            String where = read.getLocation() == null ? ""
                    : " at line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr();
            return "malformed JSON" + where + ": " + firstLine(read.getOriginalMessage());
        }
        return "the body could not be read as this request";
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : new TreeSet<>(ids.stream().map(Object::toString).toList()).stream()
                .collect(Collectors.joining(", "));
    }

    /** The names an enum has on the wire: its {@code @JsonProperty} names and aliases. */
    static String enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            try {
                var field = type.getField(((Enum<?>) constant).name());
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                names.add(property != null ? property.value() : ((Enum<?>) constant).name());
                JsonAlias alias = field.getAnnotation(JsonAlias.class);
                if (alias != null) {
                    names.addAll(List.of(alias.value()));
                }
            } catch (NoSuchFieldException e) {
                names.add(((Enum<?>) constant).name());
            }
        }
        return String.join(", ", names);
    }

    private static String jsonType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + enumNames(type);
        }
        if (type == ActivationSpec.class) {
            return "an activation: a name such as \"sigmoid\", or an object such as {\"type\": \"leaky_relu\", \"alpha\": 0.2}";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface() ? "an object" : "a value";
    }

    private static String jsonToken(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.name().toLowerCase();
        };
    }

    private static String quoted(Object value) {
        if (value instanceof String text) {
            return "a string (\"" + text + "\")";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return "an integer (" + value + ")";
        }
        return value instanceof Number ? "a number (" + value + ")" : String.valueOf(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
