package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** a = z·σ(z) (also called swish). */
final class Silu extends ElementwiseActivation {

    @Override
    public INDArray forward(INDArray z) {
        return Transforms.sigmoid(z, true).muli(z);
    }

    /** dL/dz = dL/da ⊙ σ(z)·(1 + z·(1 − σ(z))). */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        INDArray sigma = Transforms.sigmoid(z, true);
        return sigma.rsub(1.0).muli(z).addi(1.0).muli(sigma).muli(dLdA);
    }

    @Override
    double value(double z) {
        return z / (1 + Math.exp(-z));
    }

    /** SiLU′ = σ(z)·(1 + z·(1 − σ(z))). */
    @Override
    double slope(double z, double a) {
        double sigma = 1 / (1 + Math.exp(-z));
        return sigma * (1 + z * (1 - sigma));
    }
}
