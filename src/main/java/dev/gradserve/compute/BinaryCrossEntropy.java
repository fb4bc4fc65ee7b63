package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * L = −f·Σ [t·ln a + (1 − t)·ln(1 − a)] on probabilities a, with f = scale, or scale / elements for
 * mean (PyTorch's BCELoss). After a sigmoid it is computed from the logits z instead, as
 * BCEWithLogitsLoss does, so that it stays exact and finite for any z.
 */
final class BinaryCrossEntropy implements Loss {

    /** PyTorch clamps each logarithm at −100 so that a probability of exactly 0 or 1 gives a finite loss. */
    private static final double LOG_FLOOR = -100;
    /** PyTorch's lower bound on a(1 − a) in the gradient. */
    private static final double EPSILON = 1e-12;

    private final Reducer reducer;

    BinaryCrossEntropy(Reducer reducer) {
        this.reducer = reducer;
    }

    @Override
    public LossResult evaluate(INDArray z, INDArray a, Activation activation, INDArray targets) {
        double factor = reducer.factor(a.length());
        return activation instanceof Sigmoid ? fromLogits(z, a, targets, factor) : fromProbabilities(z, a, activation, targets, factor);
    }

    /** L = f·Σ [softplus(z) − z·t], the stable form of −[t·ln σ(z) + (1 − t)·ln(1 − σ(z))]; dL/dz = f·(σ(z) − t). */
    private static LossResult fromLogits(INDArray z, INDArray a, INDArray targets, double factor) {
        INDArray terms = Elementwise.map(z, Elementwise::softplus).subi(z.mul(targets));
        double value = factor * terms.sumNumber().doubleValue();
        return new LossResult(value, a.sub(targets).muli(factor));
    }

    /** dL/da = f·(a − t) / max(a(1 − a), 1e−12), as PyTorch. */
    private static LossResult fromProbabilities(INDArray z, INDArray a, Activation activation, INDArray targets,
            double factor) {
        double min = a.minNumber().doubleValue();
        double max = a.maxNumber().doubleValue();
        if (!(min >= 0 && max <= 1)) {
            throw new OutOfDomainException("binary_cross_entropy needs outputs in [0, 1] (probabilities), the output layer gave "
                    + (min < 0 ? min : max) + "; use a sigmoid output layer");
        }
        INDArray logA = Transforms.max(Transforms.log(a, true), LOG_FLOOR, false);
        INDArray logOneMinusA = Transforms.max(Transforms.log(a.rsub(1.0), false), LOG_FLOOR, false);
        INDArray terms = logA.muli(targets).addi(logOneMinusA.muli(targets.rsub(1.0)));
        double value = -factor * terms.sumNumber().doubleValue();
        INDArray variance = Transforms.max(a.rsub(1.0).muli(a), EPSILON, false);
        INDArray dLdA = a.sub(targets).divi(variance).muli(factor);
        return new LossResult(value, activation.backward(z, a, dLdA));
    }

    @Override
    public PlainLoss evaluate(double[] z, double[] a, int width, Activation activation, double[] t) {
        double factor = reducer.factor(a.length);
        double sum = 0;
        double[] gradient = new double[a.length];
        if (activation instanceof Sigmoid) {
            for (int i = 0; i < a.length; i++) {
                sum += Elementwise.softplus(z[i]) - z[i] * t[i];
                gradient[i] = factor * (a[i] - t[i]);
            }
            return new PlainLoss(factor * sum, gradient);
        }
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] >= 0 && a[i] <= 1)) {
                throw new OutOfDomainException("binary_cross_entropy needs outputs in [0, 1] (probabilities), the output "
                        + "layer gave " + a[i] + "; use a sigmoid output layer");
            }
            sum -= t[i] * Math.max(Math.log(a[i]), LOG_FLOOR) + (1 - t[i]) * Math.max(Math.log(1 - a[i]), LOG_FLOOR);
            gradient[i] = factor * (a[i] - t[i]) / Math.max(a[i] * (1 - a[i]), EPSILON);
        }
        double[] dLdZ = new double[a.length];
        activation.backward(z, a, gradient, dLdZ, width);
        return new PlainLoss(factor * sum, dLdZ);
    }
}
