package dev.gradserve.api;

import dev.gradserve.model.DType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.training.Checkpoint;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

/** A checkpoint as clients read and send it. */
@Schema(description = "Everything needed to resume a session exactly: network, weights, optimizer settings and state, step.")
record CheckpointBody(
        @Schema(description = "The network.", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Valid NetworkSpec network,
        @Schema(description = "The precision.", example = "float64") DType dtype,
        @Schema(description = "The optimizer's settings.", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Valid
        OptimizerSpec optimizer,
        @Schema(description = "The weights by layer and parameter.", example = Docs.WEIGHTS_EXAMPLE,
                requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Map<String, Map<String, Tensor>> weights,
        @Schema(description = "The optimizer's buffers by name (momentumBuffer; expAvg, expAvgSq, maxExpAvgSq; squareAvg, "
                + "gradAvg; sum), each keyed and shaped like the weights; {} before the first step.",
                example = "{\"expAvg\": {\"hidden\": {\"W\": [[0.1, 0.2], [0.3, 0.4]], \"b\": [0.1, 0.2]}}}")
        Map<String, Map<String, Map<String, Tensor>>> optimizerState,
        @Schema(description = "Updates applied so far.", example = "20", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @PositiveOrZero Long step,
        @Schema(description = "The loss of the latest step, or null.", example = "0.0123") Double lastLoss) {

    Checkpoint toCheckpoint() {
        return new Checkpoint(network, dtype, optimizer, weights, optimizerState == null ? Map.of() : optimizerState, step,
                lastLoss);
    }
}
