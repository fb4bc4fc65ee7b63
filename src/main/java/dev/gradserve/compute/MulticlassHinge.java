package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The multiclass SVM loss: L = f·Σ_examples Σ_{j≠y} max(0, a_j − a_y + margin), with f = scale, or
 * scale / batch for mean. (Unlike PyTorch's MultiMarginLoss it is not divided by the number of classes.)
 */
final class MulticlassHinge implements Loss {

    private final Reducer reducer;
    private final double margin;

    MulticlassHinge(Reducer reducer, double margin) {
        this.reducer = reducer;
        this.margin = margin;
    }

    /** dL/da_j = f·[margin_j > 0] for j ≠ y; dL/da_y = −f·(number of classes j ≠ y with margin_j > 0). */
    @Override
    public LossResult evaluate(INDArray z, INDArray a, Activation activation, INDArray targets) {
        INDArray scores = Rows.of(a);
        INDArray oneHot = Rows.of(targets);
        double factor = reducer.factor(scores.rows());
        INDArray targetScores = scores.mul(oneHot).sum(true, 1);
        INDArray margins = scores.subColumnVector(targetScores).addi(margin).muli(oneHot.rsub(1.0));
        INDArray active = Masks.positive(margins);
        double value = factor * margins.muli(active).sumNumber().doubleValue();
        INDArray dLdA = active.sub(oneHot.mulColumnVector(active.sum(true, 1))).muli(factor).reshape(a.shape());
        return new LossResult(value, activation.backward(z, a, dLdA));
    }

    @Override
    public PlainLoss evaluate(double[] z, double[] a, int width, Activation activation, double[] oneHot) {
        double factor = reducer.factor(a.length / width);
        double sum = 0;
        double[] dLdA = new double[a.length];
        for (int row = 0; row < a.length; row += width) {
            int target = row;
            while (oneHot[target] != 1) {
                target++;
            }
            int active = 0;
            for (int j = row; j < row + width; j++) {
                double term = a[j] - a[target] + margin;
                if (j != target && term > 0) {
                    sum += term;
                    dLdA[j] = factor;
                    active++;
                }
            }
            dLdA[target] = -factor * active;
        }
        double[] dLdZ = new double[a.length];
        activation.backward(z, a, dLdA, dLdZ, width);
        return new PlainLoss(factor * sum, dLdZ);
    }
}
