package dev.gradserve.model;

/**
 * A parameter a layer needs, with its shape as PyTorch stores it.
 *
 * @param name   the key in {@code weights}, e.g. {@code W} or {@code b}
 * @param shape  e.g. [units, in] for a dense W
 * @param fanIn  inputs feeding one output unit (for initialisation)
 * @param fanOut outputs fed by one input unit (for initialisation)
 * @param bias   biases start at zero under {@code init}
 */
public record ParameterShape(String name, int[] shape, int fanIn, int fanOut, boolean bias) {

    public long size() {
        return Tensor.elementCount(shape);
    }
}
