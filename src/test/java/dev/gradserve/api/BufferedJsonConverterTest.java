package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How {@link BufferedJsonConverter} reads a body: by its declared length when that is small, else as it comes. */
class BufferedJsonConverterTest {

    private static final byte[] BODY = "{\"inputs\": [[0.05, 0.1]]}".getBytes();

    @Test
    void aDeclaredLengthIsReadWhole() throws IOException {
        assertThat(BufferedJsonConverter.readBody(new ByteArrayInputStream(BODY), BODY.length)).isEqualTo(BODY);
        assertThat(BufferedJsonConverter.readBody(new ByteArrayInputStream(new byte[0]), 0)).isEmpty();
    }

    @Test
    void aBodyArrivingInPiecesIsReadToItsDeclaredLength() throws IOException {
        assertThat(BufferedJsonConverter.readBody(new Trickle(BODY), BODY.length)).isEqualTo(BODY);
    }

    @Test
    void aBodyEndingBeforeItsDeclaredLengthIsWhatCame() throws IOException {
        assertThat(BufferedJsonConverter.readBody(new ByteArrayInputStream(BODY), BODY.length + 100)).isEqualTo(BODY);
    }

    @Test
    void nothingPastTheDeclaredLengthIsRead() throws IOException {
        InputStream in = new ByteArrayInputStream(BODY);
        assertThat(BufferedJsonConverter.readBody(in, 10)).isEqualTo(Arrays.copyOf(BODY, 10));
        assertThat(in.available()).isEqualTo(BODY.length - 10);
    }

    @Test
    void anUndeclaredOrLongBodyIsReadToItsEnd() throws IOException {
        assertThat(BufferedJsonConverter.readBody(new Trickle(BODY), -1)).isEqualTo(BODY);
        byte[] large = new byte[BufferedJsonConverter.EXACT_READ_LIMIT + 10];
        Arrays.fill(large, (byte) ' ');
        assertThat(BufferedJsonConverter.readBody(new Trickle(large), large.length)).isEqualTo(large);
        // a declared length over the limit is not allocated up front: what came is what is read
        assertThat(BufferedJsonConverter.readBody(new ByteArrayInputStream(BODY), Integer.MAX_VALUE)).isEqualTo(BODY);
    }

    /** A stream that gives at most three bytes a read, as a body arriving in several packets. */
    private static final class Trickle extends InputStream {

        private final ByteArrayInputStream bytes;

        Trickle(byte[] bytes) {
            this.bytes = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return bytes.read(buffer, offset, Math.min(length, 3));
        }
    }
}
