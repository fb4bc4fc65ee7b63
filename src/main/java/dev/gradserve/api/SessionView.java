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
        @Schema(description = "The session's id: a random UUID (122 random bits).", example = "3f1c9a2e-8d4b-4c6e-9a51-2b7d0e4f6a13")
        String id,
        @Schema(description = "The network definition.") NetworkSpec network,
        @Schema(description = "The optimizer with every default filled in.") OptimizerSpec optimizer,
        @Schema(description = "The precision the session computes and stores in.", example = "float64") DType dtype,
        @Schema(description = "Optimizer updates applied so far.", example = "0") long step,
        @Schema(description = "Changes so far (steps and weight replacements); also the ETag.", example = "0") long version,
        @Schema(description = "The loss of the latest step (before its update), or null before the first.", example = "0.298371109")
        Double lastLoss,
        @Schema(description = "When the session was created (ISO 8601, UTC).", example = "2026-11-28T10:15:30Z") Instant createdAt,
        @Schema(description = "When it last changed (ISO 8601, UTC).", example = "2026-11-28T10:16:02Z") Instant updatedAt) {

    static SessionView of(Session session) {
        return new SessionView(session.id(), session.network(), session.optimizer(), session.dtype(), session.step(),
                session.version(), session.lastLoss(), session.createdAt(), session.updatedAt());
    }
}
