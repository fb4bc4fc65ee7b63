package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/** 0/1 masks in the data type of the array they are taken from. */
final class Masks {

    private Masks() {}

    /** [x > 0] as 1 or 0. */
    static INDArray positive(INDArray x) {
        return x.gt(0).castTo(x.dataType());
    }
}
