package dev.gradserve.expression;

/**
 * An expression that cannot be parsed, or that is past a limit. The message starts with the position
 * ({@code at 9: }) and ends with an excerpt of the expression and a caret under that position.
 */
public class InvalidExpressionException extends RuntimeException {

    private final int position;

    /**
     * @param position the 0-based character offset of the problem, or -1 when it concerns the whole expression
     */
    InvalidExpressionException(String text, int position, String reason) {
        super(position < 0 ? reason : "at " + position + ": " + reason + "\n" + Excerpt.at(text, position));
        this.position = position;
    }

    /** The 0-based character offset of the problem in the expression, or -1 when it concerns the whole expression. */
    public int position() {
        return position;
    }
}
