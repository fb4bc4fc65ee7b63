package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** a = ln(1 + e^z), computed as max(z, 0) + ln(1 + e^−|z|) so that it neither overflows nor loses small values. */
final class Softplus extends ElementwiseActivation {

    @Override
    public INDArray forward(INDArray z) {
        return Elementwise.map(z, Elementwise::softplus);
    }

    /** dL/dz = dL/da ⊙ σ(z). */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        return Transforms.sigmoid(z, true).muli(dLdA);
    }

    @Override
    double value(double z) {
        return Elementwise.softplus(z);
    }

    /** softplus′ = σ(z). */
    @Override
    double slope(double z, double a) {
        return 1 / (1 + Math.exp(-z));
    }
}
