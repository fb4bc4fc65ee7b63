package dev.gradserve.api;

import dev.gradserve.model.DType;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.WeightLayout;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.util.Map;

/** The body of {@code POST /v1/sessions}: a network with weights (or init) and an optimizer, or a checkpoint. */
@Schema(description = "Either network, weights (or init), optimizer and dtype; or a checkpoint alone (anything else with "
        + "it: 422).")
record CreateSessionRequest(
        @Schema(description = Docs.NETWORK + " Required (unless a checkpoint is given), with a loss: a session trains on it.",
                example = Docs.NETWORK_EXAMPLE) @Valid NetworkSpec network,
        @Schema(description = Docs.WEIGHTS, example = Docs.WEIGHTS_EXAMPLE) Map<String, Map<String, Tensor>> weights,
        @Schema(description = Docs.WEIGHT_LAYOUT + " The session keeps the converted network and weights: its later "
                + "calls read and answer gradserve's layout.", example = "gradserve", defaultValue = "gradserve")
        WeightLayout weightLayout,
        @Schema(description = Docs.INIT, example = Docs.INIT_EXAMPLE) @Valid InitSpec init,
        @Schema(description = Docs.OPTIMIZER + " Required (unless a checkpoint is given); the session keeps it with every "
                + "default filled in.", example = Docs.OPTIMIZER_EXAMPLE) @Valid OptimizerSpec optimizer,
        @Schema(description = Docs.DTYPE + " The session computes, and stores its weights and optimizer state, in it.",
                example = "float64", defaultValue = "float64") DType dtype,
        @Schema(description = "A checkpoint from GET /v1/sessions/{id}/checkpoint, alone: the new session (with a new id, "
                + "at version 0) continues exactly where that one was: same weights, optimizer state, step and lastLoss.",
                example = "{\"network\": " + Docs.NETWORK_EXAMPLE + ", \"dtype\": \"float64\", \"optimizer\": "
                        + Docs.OPTIMIZER_WITH_DEFAULTS_EXAMPLE + ", \"weights\": " + Docs.WEIGHTS_AFTER_STEP_EXAMPLE
                        + ", \"optimizerState\": {}, \"step\": 1, \"lastLoss\": 0.2983711087600027}")
        @Valid CheckpointBody checkpoint) {}
