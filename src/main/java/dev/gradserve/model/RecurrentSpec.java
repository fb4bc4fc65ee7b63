package dev.gradserve.model;

/** What the recurrent layers (rnn, lstm, gru) share: inputs [time, features], outputs per step or last. */
public sealed interface RecurrentSpec extends LayerSpec permits RnnSpec, LstmSpec, GruSpec {

    Integer units();

    Boolean returnSequences();

    Integer bpttTruncation();

    default boolean sequences() {
        return returnSequences() != null && returnSequences();
    }

    /** How many of the stacked gate blocks W_xh has: 1 (rnn), 4 (lstm), 3 (gru). */
    int gates();

    /**
     * Checks the input [time, features] and the shared settings.
     *
     * @return the input features, or -1 after adding a violation
     */
    default int checkInput(int[] inputShape, String pointer, Violations violations) {
        if (inputShape.length != 2) {
            violations.add(pointer, type() + " needs input [time, features], got " + Tensor.shapeString(inputShape));
            return -1;
        }
        if (bpttTruncation() != null && bpttTruncation() < 1) {
            violations.add(pointer + "/bpttTruncation", "must be at least 1, got " + bpttTruncation());
            return -1;
        }
        return inputShape[1];
    }

    /** [time, units] with returnSequences, [units] without. */
    default int[] outputShape(int[] inputShape) {
        return sequences() ? new int[] {inputShape[0], units()} : new int[] {units()};
    }

    /** A recurrent weight matrix W [rows, columns] as PyTorch counts its fans (fan_in = columns, fan_out = rows). */
    static ParameterShape matrix(String name, int rows, int columns) {
        return new ParameterShape(name, new int[] {rows, columns}, columns, rows, false);
    }

    static ParameterShape bias(String name, int size, int fanIn) {
        return new ParameterShape(name, new int[] {size}, fanIn, size, true);
    }
}
