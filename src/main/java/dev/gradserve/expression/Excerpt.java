package dev.gradserve.expression;

/** Two lines for a message: the expression around a position, and a caret under that position. */
final class Excerpt {

    /** Characters shown on either side of the position; longer expressions are cut, the cut marked with …. */
    static final int CONTEXT = 40;

    private Excerpt() {}

    /** @param position a 0-based character offset, from 0 to the length of {@code text} (just past its end) */
    static String at(String text, int position) {
        int start = Math.max(0, position - CONTEXT);
        int end = Math.min(text.length(), position + CONTEXT);
        StringBuilder line = new StringBuilder();
        if (start > 0) {
            line.append('…');
        }
        // one column per character, so that the caret stays under its character
        text.substring(start, end).chars().forEach(c -> line.append(Character.isISOControl(c) ? ' ' : (char) c));
        if (end < text.length()) {
            line.append('…');
        }
        int column = position - start + (start > 0 ? 1 : 0);
        return line + "\n" + " ".repeat(column) + "^";
    }
}
