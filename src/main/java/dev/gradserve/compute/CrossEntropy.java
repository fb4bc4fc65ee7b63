package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * L = −f·Σ_examples Σ_j t_j·ln softmax(s)_j with f = scale, or scale / batch for mean (PyTorch's
 * CrossEntropyLoss). The scores s are the output layer's z when it ends in softmax (so its own
 * probabilities are used) and its outputs a otherwise (logits, softmax applied inside the loss).
 * Computed with log-softmax, so it stays finite for large scores.
 */
final class CrossEntropy implements Loss {

    private final Reducer reducer;

    CrossEntropy(Reducer reducer) {
        this.reducer = reducer;
    }

    /** dL/ds = f·(softmax(s)·Σ_j t_j − t): f·(p − t) for one-hot or probability targets. */
    @Override
    public LossResult evaluate(INDArray z, INDArray a, Activation activation, INDArray targets) {
        boolean fused = activation instanceof Softmax || activation instanceof Identity;
        INDArray scores = fused ? z : a;
        INDArray t = Rows.of(targets);
        double factor = reducer.factor(t.rows());
        INDArray logProbabilities = Rows.of(Softmax.logSoftmax(scores));
        double value = -factor * logProbabilities.mul(t).sumNumber().doubleValue();
        INDArray probabilities = Transforms.exp(logProbabilities, false);
        INDArray dLdS = probabilities.muliColumnVector(t.sum(true, 1)).subi(t).muli(factor).reshape(a.shape());
        return new LossResult(value, fused ? dLdS : activation.backward(z, a, dLdS));
    }

    @Override
    public PlainLoss evaluate(double[] z, double[] a, int width, Activation activation, double[] t) {
        boolean fused = activation instanceof Softmax || activation instanceof Identity;
        double[] logProbabilities = Softmax.logSoftmax(fused ? z : a, width);
        double factor = reducer.factor(a.length / width);
        double sum = 0;
        double[] dLdS = new double[a.length];
        for (int row = 0; row < a.length; row += width) {
            double mass = 0;
            for (int j = row; j < row + width; j++) {
                sum += t[j] * logProbabilities[j];
                mass += t[j];
            }
            for (int j = row; j < row + width; j++) {
                dLdS[j] = factor * (Math.exp(logProbabilities[j]) * mass - t[j]);
            }
        }
        if (fused) {
            return new PlainLoss(-factor * sum, dLdS);
        }
        double[] dLdZ = new double[a.length];
        activation.backward(z, a, dLdS, dLdZ, width);
        return new PlainLoss(-factor * sum, dLdZ);
    }
}
