package dev.gradserve.compute;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The compute core's matrix products, called straight into OpenBLAS (the library ND4J itself multiplies with) when
 * the three arrays are packed row-major float32 or float64: ND4J's {@code gemm} goes through a custom op that costs
 * about 35 µs per call before any arithmetic (a recurrent step's [32, 64]·[64, 256] took 55–95 µs through it and
 * 30–36 µs straight, measured side by side), which for an lstm of 50 steps is a hundred calls a pass. The results
 * are bit for bit ND4J's (the same cblas routine with the same arguments; {@code GemmTest} checks 48 shapes and
 * transpositions in both precisions). So do views whose elements lie in row-major order from their buffer's start (a
 * reshape of a packed array) when neither side is a vector; anything else goes through ND4J as before.
 */
public final class Gemm {

    private Gemm() {}

    /** op(a)·op(b) as a new row-major array, op transposing where asked. */
    public static INDArray product(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        if (!direct(a, b)) {
            return Nd4j.gemm(a, b, transposeA, transposeB);
        }
        long rows = a.size(transposeA ? 1 : 0);
        long columns = b.size(transposeB ? 0 : 1);
        INDArray c = Nd4j.createUninitialized(a.dataType(), rows, columns);
        return into(a, b, c, transposeA, transposeB, 0);
    }

    /** c = op(a)·op(b) + beta·c, into c itself (beta 0: c's old values are not read). */
    public static INDArray into(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
            double beta) {
        if (!direct(a, b) || c.rank() != 2 || !NdArrays.isPacked(c) || c.dataType() != a.dataType()) {
            return Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
        }
        int m = (int) a.size(transposeA ? 1 : 0);
        int k = (int) a.size(transposeA ? 0 : 1);
        int n = (int) b.size(transposeB ? 0 : 1);
        if (b.size(transposeB ? 1 : 0) != k || c.size(0) != m || c.size(1) != n) {
            throw new IllegalArgumentException("matrix product shapes do not match: op(a) [" + m + ", " + k
                    + "], op(b) [" + b.size(transposeB ? 1 : 0) + ", " + n + "], c " + Arrays.toString(c.shape()));
        }
        int opA = transposeA ? CblasTrans : CblasNoTrans;
        int opB = transposeB ? CblasTrans : CblasNoTrans;
        int lda = (int) a.size(1);
        int ldb = (int) b.size(1);
        if (a.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, 1f, (FloatPointer) a.data().addressPointer(), lda,
                    (FloatPointer) b.data().addressPointer(), ldb, (float) beta,
                    (FloatPointer) c.data().addressPointer(), n);
        } else {
            cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, 1.0, (DoublePointer) a.data().addressPointer(), lda,
                    (DoublePointer) b.data().addressPointer(), ldb, beta, (DoublePointer) c.data().addressPointer(), n);
        }
        return c;
    }

    /** Whether op(a)·op(b) goes straight into OpenBLAS. */
    static boolean direct(INDArray a, INDArray b) {
        DataType type = a.dataType();
        if (!(type == DataType.FLOAT || type == DataType.DOUBLE) || b.dataType() != type || a.rank() != 2
                || b.rank() != 2 || a.length() == 0 || b.length() == 0) {
            return false;
        }
        if (NdArrays.isPacked(a) && NdArrays.isPacked(b)) {
            return true;
        }
        // A product of matrices (no side a vector) also takes views whose elements are their buffer's, in row-major
        // order from its start (a reshape of a packed array, as a convolution's W₂ and δ and a recurrent layer's
        // rows are). ND4J multiplies a vector by a matrix with gemv, whose sums are in another order than gemm's.
        return a.size(0) > 1 && a.size(1) > 1 && b.size(0) > 1 && b.size(1) > 1 && NdArrays.isRowMajorFromStart(a)
                && NdArrays.isRowMajorFromStart(b);
    }
}
