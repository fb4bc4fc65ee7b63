package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Base64Text decodes what the JDK's decoder decodes, to the same bytes, and leaves everything else to it; it finds a
 * string's closing quote, and encodes as the JDK's encoder does.
 */
class Base64TextTest {

    @Test
    void decodesWhatTheJdkEncodesForEveryLengthOfTail() {
        Random random = new Random(3);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(decode("x" + Base64.getEncoder().encodeToString(bytes) + "y", 1)).isEqualTo(bytes);
        }
        byte[] large = new byte[300_001];
        random.nextBytes(large);
        assertThat(decode(Base64.getEncoder().encodeToString(large), 0)).isEqualTo(large);
    }

    @Test
    void encodesAsTheJdkEncodesForEveryLengthOfTail() {
        Random random = new Random(4);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Base64Text.encode(bytes)).isEqualTo(Base64.getEncoder().encode(bytes));
        }
        byte[] large = new byte[300_002];
        random.nextBytes(large);
        assertThat(Base64Text.encode(large)).isEqualTo(Base64.getEncoder().encode(large));
    }

    @ParameterizedTest
    @ValueSource(strings = {"QR==", "QUJ=", "//8=", "+/+/", "AAAA", "QUJDRA=="})
    void ignoresBitsBeyondTheLastByteAsTheJdkDoes(String text) {
        assertThat(decode(text, 0)).isEqualTo(Base64.getDecoder().decode(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"QQ", "QUI", "Q", "QQ=", "QQ=A", "QQ==QQ==", "====", "A===", "QU-D", "QU_D", "QUJD\u00e9AAA",
            "QUJ\u0100", "QUJD QUJD", "QUJD\n",
            "Q\u00e9A", "QUJD\u00e9AA", "QU\\/", "QUJD\"AAA"})
    void leavesAnythingNotStrictlyWellFormedToTheJdk(String text) {
        assertThat(decode(text, 0)).isNull();
    }

    /**
     * Every byte value at places in and between the 32-character blocks that are decoded a vector at a time where the
     * JVM has the Vector API: the text decodes as the JDK's decoder decodes it when the byte is in the alphabet, and
     * not at all otherwise (bytes just outside the alphabet's ranges, '=', '"', '\\', controls, UTF-8's high bytes).
     */
    @Test
    void takesABlockOnlyWhenEveryCharacterIsInTheAlphabet() {
        byte[] bytes = new byte[150];
        new Random(5).nextBytes(bytes);
        byte[] text = Base64.getEncoder().encode(bytes);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int value = 0; value < 256; value++) {
            for (int at : new int[] {0, 5, 31, 32, 63, 100, 191, 195}) {
                byte[] changed = text.clone();
                changed[at] = (byte) value;
                byte[] decoded = Base64Text.decode(changed, 0, changed.length);
                if (alphabet.indexOf(value) >= 0) {
                    assertThat(decoded).as("byte %d at %d", value, at).isEqualTo(Base64.getDecoder().decode(changed));
                } else {
                    assertThat(decoded).as("byte %d at %d", value, at).isNull();
                }
            }
        }
    }

    /** A text read up to its closing quote, for every length around the blocks, padded or not, and with an escape. */
    @Test
    void decodesUpToTheClosingQuoteForEveryLength() {
        Random random = new Random(6);
        Base64Text.ToQuote reader = new Base64Text.ToQuote();
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base64.getEncoder().encodeToString(bytes);
            byte[] json = ("{\"x\":\"" + text + "\",\"y\":\"QUJD\"}").getBytes(StandardCharsets.UTF_8);
            assertThat(reader.decode(json, 6)).as("length %d", length).isEqualTo(bytes);
            assertThat(reader.end()).isEqualTo(6 + text.length());
            if (text.length() > 1) {
                int at = random.nextInt(text.length() - 1);
                byte[] escaped = ("\"" + text.substring(0, at) + "\\/" + text.substring(at + 1) + "\"")
                        .getBytes(StandardCharsets.UTF_8);
                assertThat(reader.decode(escaped, 1)).as("length %d, escape at %d", length, at).isNull();
            }
        }
    }

    @Test
    void findsTheFirstQuoteAtEveryPositionAndAmongBytesThatBorrow() {
        for (int length = 0; length < 40; length++) {
            for (int quote = 0; quote <= length; quote++) {
                byte[] json = new byte[length];
                // 0x21 and 0x23 are one away from '"', 0xA2 differs only in the top bit
                for (int i = 0; i < length; i++) {
                    json[i] = new byte[] {0x21, 0x23, (byte) 0xA2, 'A', 0x00, (byte) 0xFF}[i % 6];
                }
                if (quote < length) {
                    json[quote] = '"';
                    if (quote + 1 < length) {
                        json[quote + 1] = '"';
                    }
                }
                for (int from = 0; from <= length; from++) {
                    int expected = quote < length && from <= quote ? quote : quote + 1 < length && from == quote + 1 ? quote + 1 : -1;
                    assertThat(Base64Text.indexOfQuote(json, from)).as("length %d, quote %d, from %d", length, quote, from)
                            .isEqualTo(expected);
                }
            }
        }
    }

    /** The decoding of the text's UTF-8 bytes between {@code trim} characters at either end. */
    private static byte[] decode(String text, int trim) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return Base64Text.decode(utf8, trim, utf8.length - trim);
    }
}
