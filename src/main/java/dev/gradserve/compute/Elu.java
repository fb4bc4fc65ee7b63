package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/** a = z for z > 0, α·(e^z − 1) otherwise. */
final class Elu extends ElementwiseActivation {

    private final double alpha;

    Elu(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public INDArray forward(INDArray z) {
        return Elementwise.map(z, v -> v > 0 ? v : alpha * Fdlibm.expm1(v));
    }

    /** dL/dz = dL/da ⊙ (1 for z > 0, α·e^z otherwise). */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        return Elementwise.map(z, v -> v > 0 ? 1 : alpha * Math.exp(v)).muli(dLdA);
    }

    @Override
    double value(double z) {
        return z > 0 ? z : alpha * Fdlibm.expm1(z);
    }

    @Override
    double slope(double z, double a) {
        return z > 0 ? 1 : alpha * Math.exp(z);
    }
}
