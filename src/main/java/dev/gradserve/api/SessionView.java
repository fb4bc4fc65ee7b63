package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradserve.model.DType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.training.Session;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A session as {@code GET /v1/sessions/{id}} and {@code POST /v1/sessions} show it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A training session: its network, optimizer, progress and version.")
record SessionView(
        @Schema(description = "The session's id: a random UUID (122 random bits), unguessable.",
                example = Docs.SESSION_ID_EXAMPLE, requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(description = "The network definition.", example = Docs.NETWORK_EXAMPLE,
                requiredMode = Schema.RequiredMode.REQUIRED) NetworkSpec network,
        @Schema(description = "The optimizer with every default filled in.", example = Docs.OPTIMIZER_WITH_DEFAULTS_EXAMPLE,
                requiredMode = Schema.RequiredMode.REQUIRED) OptimizerSpec optimizer,
        @Schema(description = "The precision the session computes and stores in.", example = "float64",
                requiredMode = Schema.RequiredMode.REQUIRED) DType dtype,
        @Schema(description = "Optimizer updates applied so far (a restored session continues the checkpoint's count).",
                example = "1", requiredMode = Schema.RequiredMode.REQUIRED) long step,
        @Schema(description = "Changes since the session was created or restored (steps and weight replacements): 0 at "
                + "first, +1 for each; the ETag is this number in quotes.", example = "1", requiredMode = Schema.RequiredMode.REQUIRED) long version,
        @Schema(description = "The loss of the latest step (of the weights before its update); null before the first.",
                example = "0.2983711087600027", types = {"number", "null"}, requiredMode = Schema.RequiredMode.REQUIRED) Double lastLoss,
        @Schema(description = "When the session was created or restored (ISO 8601, UTC).",
                example = "2026-11-28T01:48:32.684454707Z", requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        @Schema(description = "When it last changed: created, restored, stepped or its weights replaced (ISO 8601, UTC).",
                example = "2026-11-28T01:48:33.493269946Z", requiredMode = Schema.RequiredMode.REQUIRED) Instant updatedAt) {

    static SessionView of(Session session) {
        return new SessionView(session.id(), session.network(), session.optimizer(), session.dtype(), session.step(),
                session.version(), session.lastLoss(), session.createdAt(), session.updatedAt());
    }
}
