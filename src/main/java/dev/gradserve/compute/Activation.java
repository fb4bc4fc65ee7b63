package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An elementwise (or, for softmax, row-wise) activation a = f(z). Implementations keep no state
 * between calls and never modify their arguments, so one instance serves concurrent requests.
 */
public interface Activation {

    /** a = f(z), as a new array. */
    INDArray forward(INDArray z);

    /**
     * The chain rule through f: dL/dz from dL/da, given the z and a of the forward pass.
     *
     * @return dL/dz as a new array (or {@code dLdA} itself where f is the identity)
     */
    INDArray backward(INDArray z, INDArray a, INDArray dLdA);

    /**
     * a = f(z) on plain row-major arrays of rows of {@code width} values: the form small networks are
     * computed in, without ND4J's per-operation overhead ({@link PlainDenseNetwork}). Writes {@code a}.
     */
    void forward(double[] z, double[] a, int width);

    /** dL/dz from dL/da on plain row-major arrays, as {@link #forward(double[], double[], int)}. Writes {@code dLdZ}. */
    void backward(double[] z, double[] a, double[] dLdA, double[] dLdZ, int width);
}
