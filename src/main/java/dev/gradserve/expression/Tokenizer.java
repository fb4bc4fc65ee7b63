package dev.gradserve.expression;

import dev.gradserve.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into numbers ({@code 2}, {@code 0.5}, {@code .5}, {@code 1e-3}), names (ASCII letters, digits
 * and {@code _}, not starting with a digit), the operators {@code + - * / ^}, parentheses and commas. Whitespace
 * separates tokens and is otherwise ignored.
 */
final class Tokenizer {

    private Tokenizer() {}

    /** The tokens of {@code text}, ending with one {@link Kind#END} at its length. */
    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i++;
            } else if (isDigit(c) || c == '.') {
                i = endOfNumber(text, i);
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else if (isNameStart(c)) {
                while (i < text.length() && isNamePart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, text.substring(start, i), start));
            } else {
                tokens.add(new Token(symbol(text, i), String.valueOf(c), start));
                i++;
            }
        }
        tokens.add(new Token(Kind.END, "", text.length()));
        return tokens;
    }

    /** Whether {@code name} is a name as the tokenizer reads one. */
    static boolean isName(String name) {
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> isNamePart((char) c));
    }

    private static Kind symbol(String text, int i) {
        return switch (text.charAt(i)) {
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            case '*' -> Kind.TIMES;
            case '/' -> Kind.DIVIDE;
            case '^' -> Kind.POWER;
            case '(' -> Kind.LEFT;
            case ')' -> Kind.RIGHT;
            case ',' -> Kind.COMMA;
            default -> throw new InvalidExpressionException(text, i, "unexpected character '"
                    + Character.toString(text.codePointAt(i)) + "'" + hint(text.charAt(i)));
        };
    }

    private static String hint(char c) {
        return switch (c) {
            case '·', '×' -> "; multiplication is written *";
            case '−', '–' -> "; minus is written -";
            case '[', ']', '{', '}' -> "; only ( and ) group";
            default -> "";
        };
    }

    /** digits [. digits] [(e|E) [+|-] digits], or . digits [exponent]; at least one digit before the exponent. */
    private static int endOfNumber(String text, int start) {
        int i = skipDigits(text, start);
        int digits = i - start;
        if (i < text.length() && text.charAt(i) == '.') {
            int fraction = i + 1;
            i = skipDigits(text, fraction);
            digits += i - fraction;
        }
        if (digits == 0) {
            throw new InvalidExpressionException(text, start, "'.' is not a number; write 0.5 or .5");
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            int end = skipDigits(text, exponent);
            if (end == exponent) {
                throw new InvalidExpressionException(text, start, "'" + text.substring(start, exponent)
                        + "' is not a number: its exponent has no digits (write 1e-3, 2E+5)");
            }
            i = end;
        }
        return i;
    }

    private static int skipDigits(String text, int i) {
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
