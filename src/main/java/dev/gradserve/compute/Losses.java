package dev.gradserve.compute;

import dev.gradserve.model.LossSpec;

/** The loss implementation for a definition. */
public final class Losses {

    private Losses() {}

    public static Loss of(LossSpec spec) {
        Reducer reducer = new Reducer(spec.reductionOrDefault(), spec.scaleOrDefault());
        return switch (spec.type()) {
            case MSE -> new MeanSquaredError(reducer);
            case BINARY_CROSS_ENTROPY -> new BinaryCrossEntropy(reducer);
            case CROSS_ENTROPY -> new CrossEntropy(reducer);
            case MULTICLASS_HINGE -> new MulticlassHinge(reducer, spec.marginOrDefault());
        };
    }
}
