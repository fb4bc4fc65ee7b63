package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** a = z·Φ(z) with Φ(z) = ½(1 + erf(z/√2)), the exact form (PyTorch's default, not the tanh approximation). */
final class Gelu extends ElementwiseActivation {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    @Override
    public INDArray forward(INDArray z) {
        return cdf(z).muli(z);
    }

    /** dL/dz = dL/da ⊙ (Φ(z) + z·φ(z)) with φ(z) = e^(−z²/2) / √(2π). */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        INDArray density = Transforms.exp(z.mul(z).muli(-0.5), false).muli(INV_SQRT_2PI);
        return density.muli(z).addi(cdf(z)).muli(dLdA);
    }

    /** Φ(z) = ½(1 + erf(z/√2)). */
    private static INDArray cdf(INDArray z) {
        INDArray scaled = z.mul(SQRT_HALF);
        return Nd4j.getExecutioner().exec(new Erf(scaled, scaled)).addi(1.0).muli(0.5);
    }

    @Override
    double value(double z) {
        return z * ErrorFunction.cdf(z);
    }

    /** GELU′ = Φ(z) + z·φ(z). */
    @Override
    double slope(double z, double a) {
        return ErrorFunction.cdf(z) + z * Math.exp(-0.5 * z * z) * INV_SQRT_2PI;
    }
}
