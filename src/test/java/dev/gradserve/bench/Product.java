package dev.gradserve.bench;

import dev.gradserve.compute.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a benchmark's yardstick calls its matrix products: c = op(a)·op(b). {@link #STRAIGHT} is the way the compute core
 * calls them ({@link Gemm}, straight into OpenBLAS), the yardstick of issue 5's ratios; {@link #THROUGH_ND4J} is ND4J's
 * {@code gemm}, which adds about 35 µs a call (the yardstick of the earlier sessions' figures).
 */
interface Product {

    Product STRAIGHT = (a, b, c, transposeA, transposeB) -> Gemm.into(a, b, c, transposeA, transposeB, 0);
    Product THROUGH_ND4J = (a, b, c, transposeA, transposeB) -> Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);

    INDArray into(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB);
}
