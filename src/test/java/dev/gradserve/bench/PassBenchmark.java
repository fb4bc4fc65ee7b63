package dev.gradserve.bench;

import dev.gradserve.compute.Network;
import dev.gradserve.compute.Workspaces;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 5's goal 1 for one network: {@code forwardBackward} through the compute core against {@code gemmsOnly}, exactly
 * the matrix products the core does for that pass, into preallocated arrays, called as the core calls them
 * ({@link Product#STRAIGHT}); {@code gemmsThroughNd4j} is the same through ND4J's gemm. A subclass builds the
 * network, its batch and the products' arrays in its {@code @Setup} and lists the products in {@link #gemms}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = PassBenchmark.AS_DEPLOYED)
public abstract class PassBenchmark {

    /** As {@code GradserveApplication.main} runs the service: JavaCPP's memory check at every native allocation off. */
    static final String AS_DEPLOYED = "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0";

    /** Refuses to measure a JVM that does not run ND4J as the service does (the check costs 4–5% of a pass). */
    static void requireAsDeployed() {
        if (Pointer.maxPhysicalBytes() != 0) {
            throw new IllegalStateException("JavaCPP checks the resident memory at every allocation here: run with "
                    + AS_DEPLOYED + ", as the service does");
        }
    }

    @Setup
    public void asDeployed() {
        requireAsDeployed();
    }

    protected Network network;
    protected Network.Parameters parameters;
    protected INDArray inputs;
    protected INDArray targets;

    /** As the service runs it: the pass's arrays in a workspace, freed when it ends (the loss leaves it). */
    @Benchmark
    public double forwardBackward() {
        return Workspaces.run(() -> network.backward(network.forward(inputs, parameters), targets, false).loss());
    }

    @Benchmark
    public INDArray gemmsOnly() {
        return gemms(Product.STRAIGHT);
    }

    @Benchmark
    public INDArray gemmsThroughNd4j() {
        return gemms(Product.THROUGH_ND4J);
    }

    /** The pass's matrix products, each through {@code product}; returns the last result. */
    protected abstract INDArray gemms(Product product);
}
