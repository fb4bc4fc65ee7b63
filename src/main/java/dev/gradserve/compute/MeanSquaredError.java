package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/** L = f·Σ (a − t)², with f = scale, or scale / elements for mean (PyTorch's MSELoss). */
final class MeanSquaredError implements Loss {

    private final Reducer reducer;

    MeanSquaredError(Reducer reducer) {
        this.reducer = reducer;
    }

    /** dL/da = 2f·(a − t). */
    @Override
    public LossResult evaluate(INDArray z, INDArray a, Activation activation, INDArray targets) {
        INDArray difference = a.sub(targets);
        double factor = reducer.factor(difference.length());
        double value = factor * difference.mul(difference).sumNumber().doubleValue();
        INDArray dLdA = difference.muli(2 * factor);
        return new LossResult(value, activation.backward(z, a, dLdA));
    }

    @Override
    public PlainLoss evaluate(double[] z, double[] a, int width, Activation activation, double[] targets) {
        double factor = reducer.factor(a.length);
        double sum = 0;
        double[] dLdA = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double difference = a[i] - targets[i];
            sum += difference * difference;
            dLdA[i] = 2 * factor * difference;
        }
        double[] dLdZ = new double[a.length];
        activation.backward(z, a, dLdA, dLdZ, width);
        return new PlainLoss(factor * sum, dLdZ);
    }
}
