package dev.gradserve.model;

/** The output size of sliding windows (convolution kernels, pooling windows) over [channels, height, width]. */
final class Windows {

    private Windows() {}

    /**
     * ⌊(size + padding − window) / stride⌋ + 1 in each direction, as PyTorch computes it.
     *
     * @param sides padding [top, bottom, left, right]
     * @return [height, width], or null after adding a violation when the window does not fit
     */
    static int[] output(int[] input, IntPair window, IntPair stride, int[] sides, String what, String pointer,
            Violations violations) {
        int height = input[1] + sides[0] + sides[1];
        int width = input[2] + sides[2] + sides[3];
        if (window.height() > height || window.width() > width) {
            violations.add(pointer, what + " " + window.height() + "×" + window.width() + " does not fit the input "
                    + input[1] + "×" + input[2] + (sides[0] + sides[1] + sides[2] + sides[3] > 0 ? " (" + height + "×" + width
                    + " with padding)" : "") + "; use a smaller " + what + ", padding, or a larger input");
            return null;
        }
        return new int[] {(height - window.height()) / stride.height() + 1, (width - window.width()) / stride.width() + 1};
    }
}
