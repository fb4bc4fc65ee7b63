import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One benchmark method of two builds in one JVM, alternating in 0.4 s slices (which build goes first alternates too),
 * so that both see the same noisy machine: prints each build's median time per call and the median of the
 * per-pair ratios with its quartiles. The builds' own classes come from their target/classes and
 * target/test-classes; the libraries, ND4J's natives among them, are loaded once, from this JVM's class path.
 * Run by scripts/ab.sh.
 *
 * Arguments: base tree, new tree, benchmark class, params (name=value,... for its public fields), seconds, method.
 */
public class AbLoop {

    public static void main(String[] args) throws Exception {
        String[] trees = {args[0], args[1]};
        String benchmark = args[2];
        int seconds = Integer.parseInt(args[4]);
        Runnable[] calls = new Runnable[2];
        for (int v = 0; v < 2; v++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {new File(trees[v], "target/classes/").toURI().toURL(),
                    new File(trees[v], "target/test-classes/").toURI().toURL()}, AbLoop.class.getClassLoader());
            Class<?> type = loader.loadClass(benchmark);
            Object instance = type.getConstructor().newInstance();
            for (String parameter : args[3].isEmpty() ? new String[0] : args[3].split(",")) {
                String[] pair = parameter.split("=", 2);
                type.getField(pair[0]).set(instance, pair[1]);
            }
            // what a build finds on the class path by name (e.g. RedisSessionStore's scripts) comes from its own tree
            Thread.currentThread().setContextClassLoader(loader);
            type.getMethod("setUp").invoke(instance);
            Method method = type.getMethod(args[5]);
            calls[v] = () -> {
                try {
                    Thread.currentThread().setContextClassLoader(loader);
                    method.invoke(instance);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
        List<double[]> pairs = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int round = 0; System.nanoTime() < end; round++) {
            double[] ms = new double[2];
            for (int k = 0; k < 2; k++) {
                int v = (round + k) % 2;
                long start = System.nanoTime();
                int count = 0;
                while (System.nanoTime() - start < 400_000_000L) {
                    calls[v].run();
                    count++;
                }
                ms[v] = (System.nanoTime() - start) / 1e6 / count;
            }
            if (round >= 6) { // the first 5 s warm both builds up
                pairs.add(ms);
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("run for more than 5 seconds");
        }
        double[] base = pairs.stream().mapToDouble(p -> p[0]).sorted().toArray();
        double[] changed = pairs.stream().mapToDouble(p -> p[1]).sorted().toArray();
        double[] ratios = pairs.stream().mapToDouble(p -> p[1] / p[0]).sorted().toArray();
        System.out.printf("%s %s %s: base %.3f ms, new %.3f ms (medians); new / base %.3f, quartiles %.3f–%.3f, %d pairs%n",
                benchmark.substring(benchmark.lastIndexOf('.') + 1), args[3], args[5], median(base), median(changed),
                median(ratios), ratios[ratios.length / 4], ratios[3 * ratios.length / 4], ratios.length);
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }
}
