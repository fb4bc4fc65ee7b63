package dev.gradserve.compute;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** a_i = e^(z_i) / Σ_j e^(z_j) over the last axis, computed with the row maximum subtracted so it cannot overflow. */
final class Softmax implements Activation {

    @Override
    public INDArray forward(INDArray z) {
        INDArray rows = Rows.of(z);
        INDArray exp = Transforms.exp(rows.subColumnVector(rows.max(true, 1)), false);
        return exp.diviColumnVector(exp.sum(true, 1)).reshape(z.shape());
    }

    /** dL/dz = a ⊙ (dL/da − Σ_j dL/da_j · a_j), row by row. */
    @Override
    public INDArray backward(INDArray z, INDArray a, INDArray dLdA) {
        INDArray rowsA = Rows.of(a);
        INDArray rowsDLdA = Rows.of(dLdA);
        INDArray projection = rowsDLdA.mul(rowsA).sum(true, 1);
        return rowsDLdA.subColumnVector(projection).muli(rowsA).reshape(z.shape());
    }

    /** ln softmax(z) = z − ln Σ e^z, row by row: the stable way to take the log of probabilities. */
    static INDArray logSoftmax(INDArray z) {
        INDArray rows = Rows.of(z);
        INDArray max = rows.max(true, 1);
        INDArray shifted = rows.subColumnVector(max);
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum).reshape(z.shape());
    }

    @Override
    public void forward(double[] z, double[] a, int width) {
        for (int row = 0; row < z.length; row += width) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = row; j < row + width; j++) {
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = row; j < row + width; j++) {
                a[j] = Math.exp(z[j] - max);
                sum += a[j];
            }
            for (int j = row; j < row + width; j++) {
                a[j] /= sum;
            }
        }
    }

    @Override
    public void backward(double[] z, double[] a, double[] dLdA, double[] dLdZ, int width) {
        for (int row = 0; row < z.length; row += width) {
            double projection = 0;
            for (int j = row; j < row + width; j++) {
                projection += dLdA[j] * a[j];
            }
            for (int j = row; j < row + width; j++) {
                dLdZ[j] = a[j] * (dLdA[j] - projection);
            }
        }
    }

    /** ln softmax(s), row by row, on plain arrays. */
    static double[] logSoftmax(double[] s, int width) {
        double[] out = new double[s.length];
        for (int row = 0; row < s.length; row += width) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = row; j < row + width; j++) {
                max = Math.max(max, s[j]);
            }
            double sum = 0;
            for (int j = row; j < row + width; j++) {
                sum += Math.exp(s[j] - max);
            }
            double logSum = Math.log(sum);
            for (int j = row; j < row + width; j++) {
                out[j] = s[j] - max - logSum;
            }
        }
        return out;
    }
}
