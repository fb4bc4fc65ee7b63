package dev.gradserve.model.keras;

import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.GruSpec;
import dev.gradserve.model.LstmSpec;
import dev.gradserve.model.RnnSpec;
import dev.gradserve.model.Tensor;
import java.util.List;

/**
 * SimpleRNN, LSTM and GRU as gradserve's rnn, lstm and gru; null after a problem. Keras keeps kernel
 * [in, gates·units] and recurrent_kernel [units, gates·units], the transposes of gradserve's W_xh and W_hh.
 * An LSTM's gates come in the same order (i, f, c, o); a GRU's as z, r, h where gradserve has r, z, n.
 */
final class RecurrentLayers {

    private static final int[] ONE_GATE = {0};
    private static final int[] LSTM_GATES = {0, 1, 2, 3};
    /** gradserve's r, z, n are Keras' blocks 1, 0, 2. */
    private static final int[] GRU_GATES = {1, 0, 2};
    private static final String DROPOUT = "gradserve has no dropout, so its gradients would not be those of Keras' "
            + "training steps";

    private RecurrentLayers() {}

    static Converted simpleRnn(LayerConfig layer, String layerName, int[] input) {
        Integer units = common(layer);
        String name = layer.activationName("activation", "tanh");
        ActivationSpec activation = name.equals("tanh") || name.equals("relu") ? ActivationSpec.named(name) : null;
        if (activation == null) {
            layer.problem("activation", "a SimpleRNN's activation must be tanh or relu (as PyTorch's nn.RNN), got " + name);
        }
        if (units == null || activation == null || !sequences(layer, input)) {
            return null;
        }
        return new Converted(new RnnSpec(layerName, "rnn", units, activation, layer.flag("return_sequences", false), null, null),
                matrices(units, input[1], ONE_GATE, List.of(ParameterMapping.gateBias("b", units, ONE_GATE, 0, 1))));
    }

    static Converted lstm(LayerConfig layer, String name, int[] input) {
        Integer units = common(layer);
        boolean activations = gateActivations(layer);
        if (units == null || !activations || !sequences(layer, input)) {
            return null;
        }
        return new Converted(new LstmSpec(name, "lstm", units, layer.flag("return_sequences", false), null),
                matrices(units, input[1], LSTM_GATES, List.of(ParameterMapping.gateBias("b", units, LSTM_GATES, 0, 1))));
    }

    static Converted gru(LayerConfig layer, String name, int[] input) {
        Integer units = common(layer);
        boolean activations = gateActivations(layer);
        layer.requireFlag("reset_after", true, "gradserve's gru applies the reset gate after W_hn·h + b_hn (Keras' "
                + "reset_after true, the default since TensorFlow 2, and PyTorch's)");
        if (units == null || !activations || !sequences(layer, input)) {
            return null;
        }
        return new Converted(new GruSpec(name, "gru", units, layer.flag("return_sequences", false), null),
                matrices(units, input[1], GRU_GATES, List.of(ParameterMapping.gateBias("b_xh", units, GRU_GATES, 0, 2),
                        ParameterMapping.gateBias("b_hh", units, GRU_GATES, 1, 2))));
    }

    /** The units, after checking the settings every recurrent layer shares. */
    private static Integer common(LayerConfig layer) {
        Integer units = layer.positive("units");
        layer.requireFlag("use_bias", true, "gradserve's recurrent layers always have their biases");
        layer.requireFlag("return_state", false, "gradserve's recurrent layers pass on their outputs only");
        layer.requireFlag("go_backwards", false, "gradserve reads sequences forwards");
        layer.requireFlag("stateful", false, "gradserve starts every batch from a zero state");
        layer.requireFlag("time_major", false, "gradserve's sequences are batch first, [batch, time, features]");
        layer.requireZero("dropout", DROPOUT);
        layer.requireZero("recurrent_dropout", DROPOUT);
        layer.refuseRegularizers();
        return units;
    }

    /** LSTM and GRU: tanh and sigmoid, as gradserve (and PyTorch) compute them. */
    private static boolean gateActivations(LayerConfig layer) {
        return requireActivation(layer, "activation", "tanh", "")
                & requireActivation(layer, "recurrent_activation", "sigmoid", " (Keras before 2.3 defaulted to hard_sigmoid)");
    }

    private static boolean requireActivation(LayerConfig layer, String key, String required, String note) {
        String name = layer.activationName(key, required);
        if (!name.equals(required)) {
            layer.problem(key, "must be " + required + ", as gradserve's " + layer.className().toLowerCase()
                    + " computes it, got " + name + note);
        }
        return name.equals(required);
    }

    private static boolean sequences(LayerConfig layer, int[] input) {
        if (input.length != 2) {
            layer.problem(null, layer.className() + " needs inputs [time, features], got " + Tensor.shapeString(input));
            return false;
        }
        return true;
    }

    private static List<ParameterMapping> matrices(int units, int in, int[] gates, List<ParameterMapping> biases) {
        List<ParameterMapping> parameters = new java.util.ArrayList<>(List.of(
                ParameterMapping.gates("kernel", "W_xh", units, in, gates),
                ParameterMapping.gates("recurrent_kernel", "W_hh", units, units, gates)));
        parameters.addAll(biases);
        return parameters;
    }
}
