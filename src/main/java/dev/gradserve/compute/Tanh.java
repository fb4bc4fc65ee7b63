package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** a = tanh(z). */
final class Tanh extends ElementwiseActivation {

    @Override
    public INDArray forward(INDArray z) {
        return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(z,
                Nd4j.createUninitialized(z.dataType(), z.shape())));
    }

    /** dL/dz = dL/da ⊙ (1 − a²). */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        return a.mul(a).rsubi(1.0).muli(dLdA);
    }

    @Override
    double value(double z) {
        return Fdlibm.tanh(z);
    }

    /** tanh′ = 1 − a². */
    @Override
    double slope(double z, double a) {
        return 1 - a * a;
    }
}
