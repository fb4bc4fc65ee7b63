package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/** a = max(0, z). */
final class Relu extends ElementwiseActivation {

    @Override
    public INDArray forward(INDArray z) {
        return Nd4j.exec(new RectifiedLinear(z, Nd4j.createUninitialized(z.dataType(), z.shape()), 0.0));
    }

    /** dL/dz = dL/da ⊙ [z > 0]; the derivative at 0 is taken as 0, as PyTorch does. */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        return Nd4j.exec(new Step(z, Nd4j.createUninitialized(z.dataType(), z.shape()), 0.0)).muli(dLdA);
    }

    @Override
    double value(double z) {
        return z > 0 ? z : 0;
    }

    @Override
    double slope(double z, double a) {
        return z > 0 ? 1 : 0;
    }
}
