package dev.gradserve.compute;

import dev.gradserve.model.ActivationSpec;

/** The activation implementation for a definition. */
public final class Activations {

    static final Activation IDENTITY = new Identity();
    private static final Activation SIGMOID = new Sigmoid();
    private static final Activation TANH = new Tanh();
    private static final Activation RELU = new Relu();
    private static final Activation SOFTPLUS = new Softplus();
    private static final Activation GELU = new Gelu();
    private static final Activation SILU = new Silu();
    private static final Activation SOFTMAX = new Softmax();

    private Activations() {}

    public static Activation of(ActivationSpec spec) {
        return switch (spec.type()) {
            case IDENTITY -> IDENTITY;
            case SIGMOID -> SIGMOID;
            case TANH -> TANH;
            case RELU -> RELU;
            case LEAKY_RELU -> new LeakyRelu(spec.alphaOrDefault());
            case ELU -> new Elu(spec.alphaOrDefault());
            case SOFTPLUS -> SOFTPLUS;
            case GELU -> GELU;
            case SILU -> SILU;
            case SOFTMAX -> SOFTMAX;
        };
    }
}
