package dev.gradserve.model;

import java.util.Arrays;

/** Checks that the numbers of a tensor can be computed with: finite, and within range of the dtype. */
public final class Numbers {

    private Numbers() {}

    /** @return true when fine; otherwise adds a violation naming the first bad element */
    public static boolean checkRepresentable(Tensor tensor, DType dtype, String pointer, Violations violations) {
        double bound = dtype == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        double[] data = tensor.data();
        for (int i = 0; i < data.length; i++) {
            if (!(Math.abs(data[i]) <= bound)) {
                String where = tensor.rank() == 0 ? "the value" : "element " + Arrays.toString(tensor.indexOf(i));
                violations.add(pointer, Double.isFinite(data[i])
                        ? where + " = " + data[i] + " does not fit in float32"
                        : where + " is " + data[i] + "; every number must be finite");
                return false;
            }
        }
        return true;
    }
}
