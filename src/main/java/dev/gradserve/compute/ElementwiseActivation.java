package dev.gradserve.compute;

/**
 * An activation applied element by element: its plain-array forms follow from f(z) and f′ given z and a.
 * Subclasses write both next to their ND4J forms, so that each function's math sits in one file.
 */
abstract class ElementwiseActivation implements Activation {

    /** f(z). */
    abstract double value(double z);

    /** f′(z), given also a = f(z). */
    abstract double slope(double z, double a);

    @Override
    public void forward(double[] z, double[] a, int width) {
        for (int i = 0; i < z.length; i++) {
            a[i] = value(z[i]);
        }
    }

    @Override
    public void backward(double[] z, double[] a, double[] dLdA, double[] dLdZ, int width) {
        for (int i = 0; i < z.length; i++) {
            dLdZ[i] = dLdA[i] * slope(z[i], a[i]);
        }
    }
}
