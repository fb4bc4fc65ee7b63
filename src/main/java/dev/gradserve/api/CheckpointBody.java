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
@Schema(description = "Everything needed to resume a session exactly: network, weights, optimizer settings and state, step. "
        + "Send what GET /v1/sessions/{id}/checkpoint gave, in any tensor encoding.")
record CheckpointBody(
        @Schema(description = Docs.NETWORK + " It needs a loss.", example = Docs.NETWORK_EXAMPLE,
                requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Valid NetworkSpec network,
        @Schema(description = "The precision of the session; default float64.", example = "float64", defaultValue = "float64")
        DType dtype,
        @Schema(description = "The optimizer's settings; defaults are filled in for any left out.",
                example = Docs.MOMENTUM_OPTIMIZER_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Valid
        OptimizerSpec optimizer,
        @Schema(description = "The weights by layer and parameter: every parameter of every layer, no others.",
                example = Docs.WEIGHTS_AFTER_STEP_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED) @NotNull
        Map<String, Map<String, Tensor>> weights,
        @Schema(description = Docs.OPTIMIZER_STATE + " Optional (default {}); unknown buffer names are refused (422), "
                + "a buffer that is missing starts as before the first update (zeros; adagrad's sum at initialAccumulatorValue; "
                + "sgd's momentumBuffer at the next gradient).",
                example = Docs.OPTIMIZER_STATE_EXAMPLE)
        Map<String, Map<String, Map<String, Tensor>>> optimizerState,
        @Schema(description = "Updates applied so far (≥ 0): Adam's bias correction and Adagrad's learning-rate decay "
                + "continue from it.", example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @PositiveOrZero Long step,
        @Schema(description = "The loss of the latest step; absent before the first.", example = "0.2983711087600027")
        Double lastLoss) {

    Checkpoint toCheckpoint() {
        return new Checkpoint(network, dtype, optimizer, weights, optimizerState == null ? Map.of() : optimizerState, step,
                lastLoss);
    }
}
