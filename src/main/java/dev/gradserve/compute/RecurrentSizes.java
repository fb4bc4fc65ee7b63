package dev.gradserve.compute;

/**
 * The sizes of one pass of a recurrent layer whose gate math runs on plain time-major arrays, and its rounding:
 * in float32 every value kept from a step is rounded to float, as an array of that type would hold it.
 */
final class RecurrentSizes {

    final int batch;
    final int time;
    final int units;
    final boolean single;
    /** One step's block of gate pre-activations: batch × gates·units. */
    final int block;
    /** One step's state h_t (or c_t): batch × units. */
    final int state;

    RecurrentSizes(int batch, int time, int units, int gates, boolean single) {
        this.batch = batch;
        this.time = time;
        this.units = units;
        this.single = single;
        this.block = batch * gates * units;
        this.state = batch * units;
    }

    double round(double value) {
        return single ? (float) value : value;
    }
}
