package dev.gradserve.api;

import dev.gradserve.model.DType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.OptimizerSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answer of {@code GET /v1/sessions/{id}/checkpoint}; POST it back as {"checkpoint": ...} to resume. */
@Schema(description = "A checkpoint: send it back as {\"checkpoint\": ...} to POST /v1/sessions to resume exactly.")
record CheckpointView(
        @Schema(description = "The network definition.", example = Docs.NETWORK_EXAMPLE,
                requiredMode = Schema.RequiredMode.REQUIRED) NetworkSpec network,
        @Schema(description = "The precision of the session.", example = "float64", requiredMode = Schema.RequiredMode.REQUIRED)
        DType dtype,
        @Schema(description = "The optimizer's settings, defaults filled in.", example = Docs.MOMENTUM_OPTIMIZER_EXAMPLE,
                requiredMode = Schema.RequiredMode.REQUIRED) OptimizerSpec optimizer,
        @Schema(description = "The weights by layer and parameter, in the tensorEncoding asked for.",
                example = Docs.WEIGHTS_AFTER_STEP_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Map<String, EncodedTensor>> weights,
        @Schema(description = Docs.OPTIMIZER_STATE, example = Docs.OPTIMIZER_STATE_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Map<String, Map<String, EncodedTensor>>> optimizerState,
        @Schema(description = "Updates applied so far.", example = "1", requiredMode = Schema.RequiredMode.REQUIRED) long step,
        @Schema(description = "The loss of the latest step; absent before the first.", example = "0.2983711087600027")
        Double lastLoss) {

    static CheckpointView of(dev.gradserve.training.Checkpoint checkpoint, AnswerEncoder encoder) {
        Map<String, Map<String, Map<String, EncodedTensor>>> buffers = new LinkedHashMap<>();
        checkpoint.optimizerState().forEach((name, values) -> buffers.put(name,
                encoder.weights(new dev.gradserve.model.Weights(values))));
        return new CheckpointView(checkpoint.network(), checkpoint.dtype(), checkpoint.optimizer(),
                encoder.weights(new dev.gradserve.model.Weights(checkpoint.weights())), buffers, checkpoint.step(),
                checkpoint.lastLoss());
    }
}
