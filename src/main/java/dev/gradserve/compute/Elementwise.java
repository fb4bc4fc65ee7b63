package dev.gradserve.compute;

import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Elementwise functions computed in Java where ND4J's own lose precision: its {@code log1p} and
 * {@code expm1} are computed as log(1 + x) and e^x − 1 (log1p(1e−20) gives 0, and 1e−12 is off in
 * the fifth digit), which would make softplus, ELU and the fused binary cross-entropy inexact.
 * {@link Math#log1p} and {@link Fdlibm#expm1} (JDK 17's {@link Math#expm1}, bit for bit) are within one ulp.
 */
final class Elementwise {

    private Elementwise() {}

    /** f applied to every element, as a new array of the same shape and data type (float32 computed in double, then rounded). */
    static INDArray map(INDArray x, DoubleUnaryOperator f) {
        if (x.dataType() == DataType.FLOAT) {
            float[] values = NdArrays.floats(x);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) f.applyAsDouble(values[i]);
            }
            return NdArrays.fromFloats(values, x.shape());
        }
        double[] values = NdArrays.doubles(x);
        for (int i = 0; i < values.length; i++) {
            values[i] = f.applyAsDouble(values[i]);
        }
        return NdArrays.fromDoubles(values, x.shape(), DataType.DOUBLE);
    }

    /** σ(z) = 1 / (1 + e^−z); 0 or 1 at the extremes, never NaN. */
    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** ln(1 + e^z) without overflow for large z or loss of small values for very negative z. */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
