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
}
