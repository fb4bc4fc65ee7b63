package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Base64Chars decodes what the JDK's decoder decodes, to the same bytes, and leaves everything else to it. */
class Base64CharsTest {

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

    @ParameterizedTest
    @ValueSource(strings = {"QR==", "QUJ=", "//8=", "+/+/", "AAAA", "QUJDRA=="})
    void ignoresBitsBeyondTheLastByteAsTheJdkDoes(String text) {
        assertThat(decode(text, 0)).isEqualTo(Base64.getDecoder().decode(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"QQ", "QUI", "Q", "QQ=", "QQ=A", "QQ==QQ==", "====", "A===", "QU-D", "QU_D", "QUJD\u00e9AAA",
            "QUJ\u0100", "QUJD QUJD", "QUJD\n"})
    void leavesAnythingNotStrictlyWellFormedToTheJdk(String text) {
        assertThat(decode(text, 0)).isNull();
    }

    private static byte[] decode(String text, int trim) {
        char[] chars = text.toCharArray();
        return Base64Chars.decode(chars, trim, chars.length - 2 * trim);
    }
}
