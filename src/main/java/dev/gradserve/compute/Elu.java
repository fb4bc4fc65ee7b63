package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** a = z for z > 0, α·(e^z − 1) otherwise. */
final class Elu implements Activation {

    private final double alpha;

    Elu(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public INDArray forward(INDArray z) {
        INDArray negativePart = Transforms.expm1(Transforms.min(z, 0.0, true), false).muli(alpha);
        return Transforms.max(z, 0.0, true).addi(negativePart);
    }

    /** dL/dz = dL/da ⊙ (1 for z > 0, α·e^z otherwise). */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        INDArray positive = Masks.positive(z);
        INDArray negativeSlope = Transforms.exp(Transforms.min(z, 0.0, true), false).muli(alpha).muli(positive.rsub(1.0));
        return positive.addi(negativeSlope).muli(dLdA);
    }
}
