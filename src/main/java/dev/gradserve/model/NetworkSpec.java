package dev.gradserve.model;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A network definition as a client writes it: the shape of one example, the layers in order, the loss;
 * or, instead of the shape and the layers, a Keras Sequential model's config, converted on arrival.
 *
 * @param inputShape one example's shape without the batch, e.g. [2]; null with {@code keras}
 * @param layers     applied in order; null with {@code keras}
 * @param loss       required wherever targets are given
 * @param keras      a Keras {@code model.to_json()} of a Sequential model, or null
 */
@Schema(description = "A network: the shape of one input example (without the batch), the layers in order, and the loss. "
        + "Instead of inputShape and layers, keras may give a Keras Sequential model's config.")
public record NetworkSpec(
        @Schema(description = "Shape of one example without the batch dimension, each dimension positive: [features] "
                + "for a dense first layer; at least one dimension. Required unless keras is given (both: 422).",
                example = "[2]")
        List<@NotNull @Positive Integer> inputShape,
        @Schema(description = "The layers, applied in order, at least one; names must be unique. Required unless keras "
                + "is given (both: 422).",
                example = "[{\"name\": \"hidden\", \"type\": \"dense\", \"units\": 2, \"activation\": \"sigmoid\"}, "
                        + "{\"name\": \"output\", \"type\": \"dense\", \"units\": 2, \"activation\": \"sigmoid\"}]")
        List<@NotNull @Valid LayerSpec> layers,
        @Schema(description = "The loss; required by every call that is given targets.",
                example = "{\"type\": \"mse\", \"reduction\": \"sum\", \"scale\": 0.5}")
        @Valid LossSpec loss,
        @Schema(description = "Instead of inputShape and layers: a Keras Sequential model as model.to_json() writes it "
                + "(Keras 2 or 3), converted to gradserve's layers on arrival (a session keeps the converted definition). "
                + "Layers: InputLayer, Dense, Conv2D, MaxPooling2D, AveragePooling2D, Flatten, SimpleRNN, LSTM, GRU "
                + "(reset_after true), Activation (folded into a preceding Dense or Conv2D whose activation is linear). "
                + "Images are channels_first (NCHW, as gradserve computes): channels_last is refused. Layer names become "
                + "gradserve's layer names. The loss is not read from the config: give it in loss. Anything that cannot "
                + "be computed exactly as Keras does (other layers, dropout, regularizers, strides that need uneven "
                + "padding, return_state, go_backwards, stateful, ...) is refused with a 422 at its place in the config.",
                implementation = Object.class, types = {"object"},
                example = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"layers\": ["
                        + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 2], \"name\": \"input\"}}, "
                        + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"hidden\", \"units\": 2, "
                        + "\"activation\": \"sigmoid\", \"use_bias\": true}}, "
                        + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"output\", \"units\": 2, "
                        + "\"activation\": \"sigmoid\", \"use_bias\": true}}]}, \"keras_version\": \"3.6.0\", "
                        + "\"backend\": \"tensorflow\"}")
        JsonNode keras) {

    /** An explicit {@code "keras": null} (or a stored session written before Keras import) means no Keras config. */
    public NetworkSpec {
        if (keras != null && keras.isNull()) {
            keras = null;
        }
    }

    /** A network written in gradserve's own terms. */
    public NetworkSpec(List<Integer> inputShape, List<LayerSpec> layers, LossSpec loss) {
        this(inputShape, layers, loss, null);
    }
}
