package dev.gradserve.compute;

import dev.gradserve.model.Reduction;

/**
 * The factor that turns a sum of loss terms into the loss: {@code scale} for sum, {@code scale / n}
 * for mean, where n counts elements or examples depending on the loss.
 */
record Reducer(Reduction reduction, double scale) {

    double factor(long terms) {
        return reduction == Reduction.MEAN ? scale / terms : scale;
    }
}
