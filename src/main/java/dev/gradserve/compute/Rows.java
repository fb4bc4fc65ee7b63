package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Views an array as rows over its last axis, for the row-wise operations softmax and the class losses need. */
final class Rows {

    private Rows() {}

    /** [n₁, …, n_k] as [n₁·…·n_{k−1}, n_k]; a view for the row-major arrays the core creates. */
    static INDArray of(INDArray x) {
        long columns = x.size(x.rank() - 1);
        return x.rank() == 2 ? x : x.reshape('c', x.length() / columns, columns);
    }
}
