package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** a = σ(z) = 1 / (1 + e^−z). */
final class Sigmoid extends ElementwiseActivation {

    @Override
    public INDArray forward(INDArray z) {
        return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(z,
                Nd4j.createUninitialized(z.dataType(), z.shape())));
    }

    /** dL/dz = dL/da ⊙ a(1 − a). */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        return a.rsub(1.0).muli(a).muli(dLdA);
    }

    @Override
    double value(double z) {
        return Elementwise.sigmoid(z);
    }

    /** σ′ = a(1 − a). */
    @Override
    double slope(double z, double a) {
        return a * (1 - a);
    }
}
