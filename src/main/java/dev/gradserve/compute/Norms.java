package dev.gradserve.compute;

/** L2 norms that neither overflow nor underflow where the norm itself is representable. */
public final class Norms {

    private Norms() {}

    /** √(Σ v²), computed on values scaled by their largest magnitude. */
    public static double l2(double[] values) {
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        if (largest == 0 || !Double.isFinite(largest)) {
            return largest;
        }
        double sum = 0;
        for (double v : values) {
            double scaled = v / largest;
            sum += scaled * scaled;
        }
        return largest * Math.sqrt(sum);
    }
}
