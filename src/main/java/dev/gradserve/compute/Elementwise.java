package dev.gradserve.compute;

import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Elementwise functions computed in Java where ND4J's own lose precision: its {@code log1p} and
 * {@code expm1} are computed as log(1 + x) and e^x − 1 (log1p(1e−20) gives 0, and 1e−12 is off in
 * the fifth digit), which would make softplus, ELU and the fused binary cross-entropy inexact.
 * {@link Math#log1p} and {@link Math#expm1} are within one ulp.
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

    /**
     * tanh(z) for a result that is rounded to float32 next: 1 − 2 / (e^{2|z|} + 1) with z's sign, from
     * {@link Math#exp} (a compiler intrinsic, where {@link Math#tanh} is a native call in JDK 17 that costs about
     * three times as much), and its Taylor series x − x³/3 + 2x⁵/15 below |z| = 1e−4 where the subtraction would
     * cancel. Relative error below 1e−11 everywhere, against float32's 6e−8: rounded to float it is tanh's
     * correctly rounded value unless the exact value lies within 1e−11 of halfway between two floats.
     */
    static double tanhForFloat(double z) {
        double magnitude = Math.abs(z);
        if (magnitude < 1e-4) {
            double square = z * z;
            return z * (1 - square * (1.0 / 3 - square * (2.0 / 15)));
        }
        if (!(magnitude < 20)) {
            return Double.isNaN(z) ? z : Math.copySign(1.0, z);
        }
        return Math.copySign(1 - 2 / (Math.exp(2 * magnitude) + 1), z);
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
