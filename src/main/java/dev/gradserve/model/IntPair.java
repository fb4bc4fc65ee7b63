package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A height and a width, written as one number for both ({@code 3}) or as a pair ({@code [3, 5]}),
 * as PyTorch's kernel_size and stride.
 *
 * @param height along the rows
 * @param width  along the columns
 */
@Schema(description = "A size for height and width: one positive integer for both, or [height, width].",
        oneOf = {Integer.class, int[].class}, example = "3")
public record IntPair(int height, int width) {

    /** Reads {@code 3} or {@code [3, 5]}; anything else is refused with the forms allowed. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static IntPair parse(Object value) {
        if (value instanceof Integer size) {
            return new IntPair(size, size);
        }
        if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Integer height
                && list.get(1) instanceof Integer width) {
            return new IntPair(height, width);
        }
        throw new IllegalArgumentException("expected a positive integer or [height, width], got " + value);
    }

    public boolean positive() {
        return height > 0 && width > 0;
    }

    @JsonValue
    Object wireForm() {
        return height == width ? (Object) height : List.of(height, width);
    }

    @Override
    public String toString() {
        return height == width ? Integer.toString(height) : "[" + height + ", " + width + "]";
    }
}
