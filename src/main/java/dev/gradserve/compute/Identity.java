package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/** a = z. */
final class Identity extends ElementwiseActivation {

    @Override
    public INDArray forward(INDArray z) {
        return z;
    }

    /** dL/dz = dL/da. */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        return dLdA;
    }

    /** f(z) = z. */
    @Override
    double value(double z) {
        return z;
    }

    @Override
    double slope(double z, double a) {
        return 1;
    }
}
