package dev.gradserve.config;

import dev.gradserve.compute.VectorApi;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads ND4J's native libraries while the application starts rather than on the first request. On a
 * fresh container that means unpacking ~400 MB into JavaCPP's cache, a few seconds; runners finish before
 * the readiness probe reports ACCEPTING_TRAFFIC, so a replica is only sent work once it can compute. Says in the log
 * how the JVM runs what its settings change: JavaCPP's memory check, and whether the Vector API is there.
 */
@Component
class NativeWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(NativeWarmUp.class);

    @Override
    public void run(ApplicationArguments arguments) {
        long started = System.nanoTime();
        double product = Nd4j.ones(DataType.DOUBLE, 2, 2).mmul(Nd4j.ones(DataType.DOUBLE, 2, 2)).getDouble(0, 0);
        if (product != 2) {
            throw new IllegalStateException("ND4J computed [[1, 1], [1, 1]]² [0][0] = " + product + ", not 2");
        }
        long physical = Pointer.maxPhysicalBytes();
        log.info("ND4J's native backend loaded in {} ms; JavaCPP's memory check at every native allocation {}",
                (System.nanoTime() - started) / 1_000_000, physical == 0 ? "off"
                        : "on (org.bytedeco.javacpp.maxPhysicalBytes=" + physical + ", about 4% of a computation)");
        log.info(VectorApi.AVAILABLE
                ? "Vector API (jdk.incubator.vector) in use: Adam's update in one pass, float32 conversions and base64"
                        + " in vectors"
                : "Vector API not in use: --add-modules jdk.incubator.vector on the java command line makes a float32"
                        + " session's step about a fifth faster and base64 text read and written in about 0.6 of the"
                        + " time, with the same bits");
    }
}
