package dev.gradserve.api;

import dev.gradserve.model.DType;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.Tensor;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.util.Map;

/** The body of {@code POST /v1/sessions}: a network with weights (or init) and an optimizer, or a checkpoint. */
@Schema(description = "Either network, weights (or init), optimizer and dtype; or a checkpoint alone.")
record CreateSessionRequest(
        @Schema(description = "The network; it needs a loss.") @Valid NetworkSpec network,
        @Schema(description = Docs.WEIGHTS, example = Docs.WEIGHTS_EXAMPLE) Map<String, Map<String, Tensor>> weights,
        @Valid InitSpec init,
        @Schema(description = "The optimizer.") @Valid OptimizerSpec optimizer,
        @Schema(description = Docs.DTYPE, example = "float64") DType dtype,
        @Schema(description = "A checkpoint from GET /v1/sessions/{id}/checkpoint: the new session continues exactly where "
                + "that one was (step and optimizer state), at version 0.") @Valid CheckpointBody checkpoint) {}
