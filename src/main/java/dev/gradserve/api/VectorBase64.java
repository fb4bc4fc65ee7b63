package dev.gradserve.api;

import java.util.function.IntFunction;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Base64Text}'s units 32 characters (24 bytes) at a time, in 256-bit vectors: the characters' sextets from
 * comparisons against the alphabet's three ranges and two symbols (no table), each unit's 24 bits as one int lane, and a
 * byte shuffle between the text's order and the bytes'. The scalar loops finish what is left, and take over at a block
 * with a character outside the alphabet (where they find the exact unit to stop at). Loaded only where the JVM has
 * the Vector API ({@code VectorApi.AVAILABLE}).
 */
final class VectorBase64 {

    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
    /** Bytes 4k + 2, 4k + 1, 4k of each lane k in 24 bytes: a unit's decoded int, high byte first. */
    private static final VectorShuffle<Byte> DECODED = shuffle(k -> new int[] {4 * k + 2, 4 * k + 1, 4 * k});
    /** Bytes 3k + 2, 3k + 1, 3k (and 3k again, shifted out below) as lane k: a unit's three bytes as one int. */
    private static final VectorShuffle<Byte> UNITS = shuffle(k -> new int[] {3 * k + 2, 3 * k + 1, 3 * k, 3 * k});

    private VectorBase64() {}

    /**
     * Decodes blocks of 32 alphabet characters from json[in] on into {@code out} from {@code at} on, while a whole
     * block lies before {@code stop} and 32 bytes fit in {@code out} from {@code at} (24 are the block's, the last 8 are
     * overwritten by the next block or left to the caller); returns how many characters it decoded (a multiple of 32).
     */
    static int decode(byte[] json, int in, int stop, byte[] out, int at) {
        int done = 0;
        for (; in + done + 32 <= stop && at + done / 4 * 3 + 32 <= out.length; done += 32) {
            ByteVector text = ByteVector.fromArray(BYTES, json, in + done);
            VectorMask<Byte> upper = within(text, 'A', 26);
            VectorMask<Byte> lower = within(text, 'a', 26);
            VectorMask<Byte> digit = within(text, '0', 10);
            VectorMask<Byte> plus = text.compare(VectorOperators.EQ, (byte) '+');
            VectorMask<Byte> slash = text.compare(VectorOperators.EQ, (byte) '/');
            if (!upper.or(lower).or(digit).or(plus).or(slash).allTrue()) {
                break;
            }
            ByteVector toSextet = ByteVector.broadcast(BYTES, (byte) -'A').blend((byte) (26 - 'a'), lower)
                    .blend((byte) (52 - '0'), digit).blend((byte) (62 - '+'), plus).blend((byte) (63 - '/'), slash);
            // sextets s0 s1 s2 s3 as bytes; pairs (s0, s1) as little-endian shorts into their 12 bits s0·64 + s1, and
            // pairs of those as little-endian ints into the unit's 24 bits
            ShortVector sextets = text.add(toSextet).reinterpretAsShorts();
            IntVector twelves = sextets.and((short) 0x3F).lanewise(VectorOperators.LSHL, 6)
                    .or(sextets.lanewise(VectorOperators.LSHR, 8)).reinterpretAsInts();
            IntVector bits = twelves.and(0xFFF).lanewise(VectorOperators.LSHL, 12)
                    .or(twelves.lanewise(VectorOperators.LSHR, 16));
            bits.reinterpretAsBytes().rearrange(DECODED).intoArray(out, at + done / 4 * 3);
        }
        return done;
    }

    /**
     * Encodes blocks of 24 bytes from bytes[in] on into 32 characters each of {@code text} from {@code out} on, while
     * 32 bytes can be read (the last 8 belong to the next block) and 32 characters written; returns how many bytes it
     * encoded (a multiple of 24).
     */
    static int encode(byte[] bytes, int in, byte[] text, int out) {
        int done = 0;
        for (; in + done + 32 <= bytes.length && out + done / 3 * 4 + 32 <= text.length; done += 24) {
            IntVector units = ByteVector.fromArray(BYTES, bytes, in + done).rearrange(UNITS).reinterpretAsInts();
            // the unit's 24 bits (the top byte shifted out) as sextets s0 s1 s2 s3, the bytes of a little-endian int
            IntVector sextets = units.lanewise(VectorOperators.LSHR, 18).and(0x3F)
                    .or(units.lanewise(VectorOperators.LSHR, 12 - 8).and(0x3F << 8))
                    .or(units.lanewise(VectorOperators.LSHL, 16 - 6).and(0x3F << 16))
                    .or(units.lanewise(VectorOperators.LSHL, 24).and(0x3F << 24));
            ByteVector sextet = sextets.reinterpretAsBytes();
            ByteVector toChar = ByteVector.broadcast(BYTES, (byte) 'A')
                    .blend((byte) ('a' - 26), sextet.compare(VectorOperators.GE, (byte) 26))
                    .blend((byte) ('0' - 52), sextet.compare(VectorOperators.GE, (byte) 52))
                    .blend((byte) ('+' - 62), sextet.compare(VectorOperators.EQ, (byte) 62))
                    .blend((byte) ('/' - 63), sextet.compare(VectorOperators.EQ, (byte) 63));
            sextet.add(toChar).intoArray(text, out + done / 3 * 4);
        }
        return done;
    }

    /** The characters from {@code first} to {@code first + count − 1} (bytes above 127 are not among them). */
    private static VectorMask<Byte> within(ByteVector text, char first, int count) {
        return text.sub((byte) first).compare(VectorOperators.UNSIGNED_LT, (byte) count);
    }

    /** The byte shuffle that takes, for each int lane k of 8, the bytes at {@code lane.apply(k)}; zeros after them. */
    private static VectorShuffle<Byte> shuffle(IntFunction<int[]> lane) {
        int[] indices = new int[BYTES.length()];
        for (int k = 0, i = 0; k < 8; k++) {
            for (int index : lane.apply(k)) {
                indices[i++] = index;
            }
        }
        return VectorShuffle.fromArray(BYTES, indices, 0);
    }
}
