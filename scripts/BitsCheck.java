import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether two builds give the same bits for a pass benchmark's network: the outputs, the loss, every layer's parameter
 * gradients and dL/dz, and dL/d inputs, hashed (SHA-256 of every value's float64 bits, row-major) after one forward and
 * backward pass of each build on the benchmark's own inputs and weights. Run by scripts/bits.sh.
 *
 * Arguments: base tree, new tree, benchmark class, params (name=value,... for its public fields).
 */
public class BitsCheck {

    public static void main(String[] args) throws Exception {
        String[] digests = new String[2];
        for (int v = 0; v < 2; v++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {new File(args[v], "target/classes/").toURI().toURL(),
                    new File(args[v], "target/test-classes/").toURI().toURL()}, BitsCheck.class.getClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> type = loader.loadClass(args[2]);
            Object instance = type.getConstructor().newInstance();
            for (String parameter : args[3].isEmpty() ? new String[0] : args[3].split(",")) {
                String[] pair = parameter.split("=", 2);
                type.getField(pair[0]).set(instance, pair[1]);
            }
            type.getMethod("setUp").invoke(instance);
            Class<?> pass = loader.loadClass("dev.gradserve.bench.PassBenchmark");
            Object network = field(pass, "network", instance);
            Object parameters = field(pass, "parameters", instance);
            INDArray inputs = (INDArray) field(pass, "inputs", instance);
            INDArray targets = (INDArray) field(pass, "targets", instance);
            Object forward = method(network, "forward", 2).invoke(network, inputs, parameters);
            Object backward = method(network, "backward", 3).invoke(network, forward, targets, true);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            hash(digest, (INDArray) method(forward, "outputs", 0).invoke(forward));
            digest.update(Long.toString(Double.doubleToRawLongBits((Double) method(backward, "loss", 0).invoke(backward)))
                    .getBytes());
            for (Object layer : (List<?>) method(backward, "gradients", 0).invoke(backward)) {
                for (Map.Entry<?, ?> gradient : ((Map<?, ?>) method(layer, "parameters", 0).invoke(layer)).entrySet()) {
                    digest.update(gradient.getKey().toString().getBytes());
                    hash(digest, (INDArray) gradient.getValue());
                }
                hash(digest, (INDArray) method(layer, "dLdInput", 0).invoke(layer));
            }
            for (Object delta : (List<?>) method(backward, "deltas", 0).invoke(backward)) {
                hash(digest, delta == null ? null : (INDArray) ((Supplier<?>) delta).get());
            }
            hash(digest, (INDArray) method(backward, "inputGradients", 0).invoke(backward));
            digests[v] = HexFormat.of().formatHex(digest.digest());
        }
        String name = args[2].substring(args[2].lastIndexOf('.') + 1) + " " + args[3];
        System.out.println(digests[0].equals(digests[1]) ? "same bits: " + name + " " + digests[0]
                : "DIFFERENT bits: " + name + " base " + digests[0] + ", new " + digests[1]);
        if (!digests[0].equals(digests[1])) {
            System.exit(1);
        }
    }

    private static Object field(Class<?> type, String name, Object instance) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(instance);
    }

    private static Method method(Object target, String name, int parameters) {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == parameters) {
                method.setAccessible(true);
                return method;
            }
        }
        throw new IllegalArgumentException(target.getClass() + " has no public " + name + " of " + parameters);
    }

    private static void hash(MessageDigest digest, INDArray array) {
        if (array == null) {
            digest.update((byte) 0);
            return;
        }
        digest.update(java.util.Arrays.toString(array.shape()).getBytes());
        double[] values = array.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * values.length);
        for (double value : values) {
            bytes.putLong(Double.doubleToRawLongBits(value));
        }
        digest.update(bytes.array());
    }
}
