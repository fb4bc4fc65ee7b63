package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** a = max(0, z). */
final class Relu extends ElementwiseActivation {

    @Override
    public INDArray forward(INDArray z) {
        return Transforms.relu(z, true);
    }

    /** dL/dz = dL/da ⊙ [z > 0]; the derivative at 0 is taken as 0, as PyTorch does. */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        return Masks.positive(z).muli(dLdA);
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
