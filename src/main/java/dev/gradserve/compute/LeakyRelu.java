package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/** a = z for z > 0, α·z otherwise. */
final class LeakyRelu extends ElementwiseActivation {

    private final double alpha;

    LeakyRelu(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public INDArray forward(INDArray z) {
        return slope(z).muli(z);
    }

    /** dL/dz = dL/da ⊙ (1 for z > 0, α otherwise), as PyTorch (α at 0). */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        return slope(z).muli(dLdA);
    }

    /** α + (1 − α)·[z > 0]: 1 where z > 0, α elsewhere. */
    private INDArray slope(INDArray z) {
        return Masks.positive(z).muli(1 - alpha).addi(alpha);
    }

    @Override
    double value(double z) {
        return z > 0 ? z : alpha * z;
    }

    @Override
    double slope(double z, double a) {
        return z > 0 ? 1 : alpha;
    }
}
