package dev.gradserve.store;

import dev.gradserve.compute.Conversions;
import dev.gradserve.model.DType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import dev.gradserve.training.OptimizerState;
import dev.gradserve.training.Session;
import dev.gradserve.training.StepRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions as compact bytes for a shared store. The definitions (network, optimizer) are small and
 * written as JSON; the numbers are raw IEEE 754 values in the session's precision (4 bytes each for
 * float32, 8 for float64), never decimal text, so a session round-trips exactly.
 *
 * <pre>
 * format byte (2) · stamp · header JSON (length-prefixed) · weights · optimizer buffers
 * weights = layers × (name · parameters × (name · rank · dims · values))
 * </pre>
 * Format 1, written before stamps, is the same without the stamp; it is still read.
 */
final class SessionCodec {

    private static final int FORMAT = 2;
    private static final int FORMAT_WITHOUT_STAMP = 1;

    private final JsonMapper json;

    SessionCodec(JsonMapper json) {
        this.json = json;
    }

    /** The small, non-numeric part of a session. */
    record Header(String id, String owner, NetworkSpec network, DType dtype, OptimizerSpec optimizer, long step,
            long version, Double lastLoss, Instant createdAt, Instant updatedAt) {}

    /**
     * @param stamp unique to this write, read back with the session
     * @return exactly the encoded bytes: one array, written once (no stream buffers to grow and copy)
     */
    byte[] encode(Session session, String stamp) {
        boolean single = session.dtype() == DType.FLOAT32;
        byte[] header = json.writeValueAsBytes(new Header(session.id(), session.owner(), session.network(), session.dtype(),
                session.optimizer(), session.step(), session.version(), session.lastLoss(), session.createdAt(),
                session.updatedAt()));
        byte[] stampBytes = utf(stamp);
        long size = 1 + stampBytes.length + Integer.BYTES + header.length + size(session.weights(), single) + Integer.BYTES;
        for (Map.Entry<String, Weights> buffer : session.optimizerState().buffers().entrySet()) {
            size += utf(buffer.getKey()).length + size(buffer.getValue(), single);
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("session " + session.id() + " takes " + size + " bytes, more than one array holds");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put((byte) FORMAT).put(stampBytes).putInt(header.length).put(header);
        writeWeights(out, session.weights(), single);
        out.putInt(session.optimizerState().buffers().size());
        for (Map.Entry<String, Weights> buffer : session.optimizerState().buffers().entrySet()) {
            out.put(utf(buffer.getKey()));
            writeWeights(out, buffer.getValue(), single);
        }
        return out.array();
    }

    /** A name as DataOutputStream.writeUTF writes it (length, then modified UTF-8), which decode reads back. */
    private static byte[] utf(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 + text.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What {@link #writeWeights} writes, in bytes. */
    private static long size(Weights weights, boolean single) {
        long size = Integer.BYTES;
        for (Map.Entry<String, Map<String, Tensor>> layer : weights.layers().entrySet()) {
            size += utf(layer.getKey()).length + Integer.BYTES;
            for (Map.Entry<String, Tensor> parameter : layer.getValue().entrySet()) {
                Tensor tensor = parameter.getValue();
                size += utf(parameter.getKey()).length + 1 + (long) Integer.BYTES * tensor.rank()
                        + (long) tensor.data().length * (single ? Float.BYTES : Double.BYTES);
            }
        }
        return size;
    }

    StoredSession decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int format = in.readByte();
            if (format != FORMAT && format != FORMAT_WITHOUT_STAMP) {
                throw new IllegalStateException("stored session has format " + format + ", this version reads "
                        + FORMAT_WITHOUT_STAMP + " and " + FORMAT);
            }
            String stamp = format == FORMAT ? in.readUTF() : "";
            Header header = json.readValue(in.readNBytes(in.readInt()), Header.class);
            boolean single = header.dtype() == DType.FLOAT32;
            Weights weights = readWeights(in, single);
            Map<String, Weights> buffers = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String name = in.readUTF();
                buffers.put(name, readWeights(in, single));
            }
            return new StoredSession(new Session(header.id(), header.owner(), header.network(), header.dtype(),
                    header.optimizer(), weights, new OptimizerState(buffers), header.step(), header.version(),
                    header.lastLoss(), header.createdAt(), header.updatedAt()), stamp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(StepRecord step) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(step.idempotencyKey());
            out.writeLong(step.version());
            out.writeInt(step.fingerprint().length);
            out.write(step.fingerprint());
            out.writeInt(step.answer().length);
            out.write(step.answer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static StepRecord decodeStep(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            String key = in.readUTF();
            long version = in.readLong();
            byte[] fingerprint = in.readNBytes(in.readInt());
            byte[] answer = in.readNBytes(in.readInt());
            return new StepRecord(key, fingerprint, version, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeWeights(ByteBuffer out, Weights weights, boolean single) {
        out.putInt(weights.layers().size());
        for (Map.Entry<String, Map<String, Tensor>> layer : weights.layers().entrySet()) {
            out.put(utf(layer.getKey()));
            out.putInt(layer.getValue().size());
            for (Map.Entry<String, Tensor> parameter : layer.getValue().entrySet()) {
                out.put(utf(parameter.getKey()));
                Tensor tensor = parameter.getValue();
                out.put((byte) tensor.rank());
                for (int dimension : tensor.shape()) {
                    out.putInt(dimension);
                }
                putValues(out, tensor.data(), single);
            }
        }
    }

    /**
     * The values as big-endian IEEE 754 bytes (DataOutputStream's order), in bulk: a float32 session's values are
     * narrowed into a float[] first, because the byte-swapping bulk copy is several times faster than a put per value.
     */
    private static void putValues(ByteBuffer out, double[] data, boolean single) {
        if (single) {
            float[] floats = new float[data.length];
            Conversions.toFloats(data, 0, floats, 0, data.length);
            out.asFloatBuffer().put(floats);
            out.position(out.position() + data.length * Float.BYTES);
        } else {
            out.asDoubleBuffer().put(data);
            out.position(out.position() + data.length * Double.BYTES);
        }
    }

    private static double[] values(byte[] raw, int count, boolean single) {
        double[] data = new double[count];
        if (single) {
            float[] floats = new float[count];
            ByteBuffer.wrap(raw).asFloatBuffer().get(floats);
            Conversions.toDoubles(floats, 0, data, 0, count);
        } else {
            ByteBuffer.wrap(raw).asDoubleBuffer().get(data);
        }
        return data;
    }

    private static Weights readWeights(DataInputStream in, boolean single) throws IOException {
        Map<String, Map<String, Tensor>> layers = new LinkedHashMap<>();
        for (int l = in.readInt(); l > 0; l--) {
            String layer = in.readUTF();
            Map<String, Tensor> parameters = new LinkedHashMap<>();
            for (int p = in.readInt(); p > 0; p--) {
                String name = in.readUTF();
                int[] shape = new int[in.readByte()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readInt();
                }
                int count = (int) Tensor.elementCount(shape);
                byte[] raw = in.readNBytes(count * (single ? Float.BYTES : Double.BYTES));
                if (raw.length != count * (single ? Float.BYTES : Double.BYTES)) {
                    throw new IOException("stored session ends inside " + layer + "." + name);
                }
                parameters.put(name, new Tensor(shape, values(raw, count, single)));
            }
            layers.put(layer, parameters);
        }
        return new Weights(layers);
    }
}
