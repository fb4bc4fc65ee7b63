package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Zero padding of a convolution's input: a number for all sides ({@code 1}), a pair [rows, columns]
 * for top/bottom and left/right, {@code "valid"} (none) or {@code "same"} (output as large as the
 * input; stride 1 only, as PyTorch; an odd total is padded one more at the bottom and right, as
 * PyTorch does).
 *
 * @param mode    "same", "valid", or null for explicit amounts
 * @param rows    rows added at the top and at the bottom (explicit amounts)
 * @param columns columns added at the left and at the right (explicit amounts)
 */
@Schema(description = "Zero padding: a non-negative integer for every side, [rows, columns], \"valid\" (none, the default) "
        + "or \"same\" (the output keeps the input's height and width; stride 1 only, as PyTorch; an odd total is padded "
        + "one more at the bottom and right).", oneOf = {Integer.class, int[].class, String.class}, example = "1")
public record Padding(String mode, int rows, int columns) {

    public static final Padding VALID = new Padding("valid", 0, 0);

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Padding parse(Object value) {
        if ("same".equals(value) || "valid".equals(value)) {
            return new Padding((String) value, 0, 0);
        }
        if (value instanceof Integer amount && amount >= 0) {
            return new Padding(null, amount, amount);
        }
        if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Integer rows
                && list.get(1) instanceof Integer columns && rows >= 0 && columns >= 0) {
            return new Padding(null, rows, columns);
        }
        throw new IllegalArgumentException("expected a non-negative integer, [rows, columns], \"same\" or \"valid\", got "
                + (value instanceof String ? "\"" + value + "\"" : value));
    }

    public boolean same() {
        return "same".equals(mode);
    }

    /** Rows and columns added on each side, [top, bottom, left, right], for a kernel of this size. */
    public int[] sides(IntPair kernel) {
        if (!same()) {
            return new int[] {rows, rows, columns, columns};
        }
        int totalRows = kernel.height() - 1;
        int totalColumns = kernel.width() - 1;
        return new int[] {totalRows / 2, totalRows - totalRows / 2, totalColumns / 2, totalColumns - totalColumns / 2};
    }

    @JsonValue
    Object wireForm() {
        return mode != null ? mode : rows == columns ? (Object) rows : List.of(rows, columns);
    }
}
