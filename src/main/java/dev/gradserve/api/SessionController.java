package dev.gradserve.api;

import dev.gradserve.model.InvalidRequestException;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;
import dev.gradserve.model.Violations;
import dev.gradserve.training.Checkpoint;
import dev.gradserve.training.Session;
import dev.gradserve.training.SessionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sessions' lifecycle: create (or restore), read, weights, checkpoint, delete. Versions travel as ETags. */
@RestController
@RequestMapping(path = "/v1/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
class SessionController {

    static final String ID = "The session's id, as POST /v1/sessions answered it (also the end of its Location).";
    static final String ETAG = "The session's version after this call, in quotes (version 3 is \"3\"): "
            + "send it back as If-Match to change the session only if nothing else changed it meanwhile.";
    static final String IF_MATCH = "Optional: the version the session must be at, as its ETag (\"3\"; W/\"3\" and 3 are "
            + "accepted too); at any other version nothing is done and the answer is 412 with the current version. * or none: "
            + "at any version. Anything else is 422.";
    static final String TENSOR_ENCODING = "How tensors are written in the answer: nested (default), flat ({shape, data}) "
            + "or base64 ({shape, dtype, base64}, little-endian bytes of the session's dtype). Another value is 400.";

    private final SessionService sessions;

    /** The current request (a proxy): who calls, for session ownership. */
    private final HttpServletRequest request;

    SessionController(SessionService sessions, HttpServletRequest request) {
        this.sessions = sessions;
        this.request = request;
    }

    private String owner() {
        return Owners.of(request);
    }

    @Operation(operationId = "createSession", summary = "Start a training session, or restore one from a checkpoint",
            description = "Checks the network (it needs a loss), the weights (or init), the optimizer and dtype together "
                    + "(every problem in one 422) and stores a new session at step 0 and version 0, the optimizer with "
                    + "every default filled in. With {\"checkpoint\": ...} alone, the new session continues exactly where "
                    + "the checkpoint's was: same weights, optimizer state, step and lastLoss, at version 0 with a new id. "
                    + "A session not used for gradserve.sessions.idle-timeout (default 1h) expires; the in-memory store "
                    + "holds at most gradserve.sessions.max-sessions (default 10000), after which creating one is 503.",
            responses = @ApiResponse(responseCode = "201", description = "Created: the session as GET /v1/sessions/{id} "
                    + "shows it.", headers = {
                        @Header(name = "Location", description = "The session's path, /v1/sessions/{id}.",
                                schema = @Schema(type = "string", format = "uri-reference",
                                        example = "/v1/sessions/" + Docs.SESSION_ID_EXAMPLE)),
                        @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string", example = "\"0\""))},
                    content = @Content(schema = @Schema(implementation = SessionView.class))))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionView> create(@Valid @RequestBody CreateSessionRequest request) {
        Session session = request.checkpoint() != null ? restore(request)
                : sessions.create(required(request), request.weights(), request.weightLayout(), request.init(),
                        request.optimizer(), request.dtype(), owner());
        return ResponseEntity.created(URI.create("/v1/sessions/" + session.id())).eTag(ETags.of(session.version()))
                .body(SessionView.of(session));
    }

    @Operation(operationId = "getSession", summary = "A session: network, optimizer, step, version, latest loss",
            description = "The session without its weights (GET /v1/sessions/{id}/weights) or optimizer state "
                    + "(GET /v1/sessions/{id}/checkpoint). Reading a session counts as using it: it does not expire meanwhile.",
            responses = @ApiResponse(responseCode = "200", description = "The session.",
                    headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string", example = "\"1\"")),
                    content = @Content(schema = @Schema(implementation = SessionView.class))))
    @GetMapping("/{id}")
    ResponseEntity<SessionView> get(@Parameter(description = ID, example = Docs.SESSION_ID_EXAMPLE) @PathVariable String id) {
        Session session = sessions.get(id, owner());
        return ResponseEntity.ok().eTag(ETags.of(session.version())).body(SessionView.of(session));
    }

    @Operation(operationId = "deleteSession", summary = "End a session",
            description = "Deletes the session with its weights, optimizer state and remembered idempotency keys; every "
                    + "later call on it is 404.",
            responses = @ApiResponse(responseCode = "204", description = "Deleted."))
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@Parameter(description = ID, example = Docs.SESSION_ID_EXAMPLE) @PathVariable String id) {
        sessions.delete(id, owner());
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "getSessionWeights", summary = "The session's current weights",
            description = "Every parameter by layer and parameter name, shaped as PyTorch stores them, in the session's "
                    + "precision.",
            responses = @ApiResponse(responseCode = "200", description = "The weights.",
                    headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string", example = "\"1\""))))
    @GetMapping("/{id}/weights")
    ResponseEntity<Map<String, Map<String, EncodedTensor>>> weights(
            @Parameter(description = ID, example = Docs.SESSION_ID_EXAMPLE) @PathVariable String id,
            @Parameter(description = TENSOR_ENCODING, example = "nested", schema = @Schema(type = "string",
                    allowableValues = {"nested", "flat", "base64"}, defaultValue = "nested"))
            @RequestParam(required = false) TensorEncoding tensorEncoding) {
        Session session = sessions.get(id, owner());
        return ResponseEntity.ok().eTag(ETags.of(session.version()))
                .body(new AnswerEncoder(tensorEncoding, session.dtype()).weights(session.weights()));
    }

    @Operation(operationId = "replaceSessionWeights", summary = "Replace the session's weights",
            description = "Replaces every parameter: the body has the keys and shapes GET /v1/sessions/{id}/weights gives "
                    + "(anything else: 422, and nothing changes), tensors in any encoding. The optimizer state, step count "
                    + "and lastLoss stay, as when PyTorch parameters are assigned in place; the version goes up by one. "
                    + "The answer is the weights as stored (rounded to float32 in a float32 session), in the encoding "
                    + "tensorEncoding asks for (nested by default).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The new weights by layer and parameter name: every parameter of every layer, no others."),
            responses = @ApiResponse(responseCode = "200", description = "The weights as now stored.",
                    headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string", example = "\"2\""))))
    @PutMapping(path = "/{id}/weights", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Map<String, EncodedTensor>>> replaceWeights(
            @Parameter(description = ID, example = Docs.SESSION_ID_EXAMPLE) @PathVariable String id,
            @RequestBody Map<String, Map<String, Tensor>> weights,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH,
                    example = "\"\\\"1\\\"\"") // JSON: the example is the string "1", quotes included
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Parameter(description = TENSOR_ENCODING, example = "nested", schema = @Schema(type = "string",
                    allowableValues = {"nested", "flat", "base64"}, defaultValue = "nested"))
            @RequestParam(required = false) TensorEncoding tensorEncoding) {
        Session session = sessions.replaceWeights(id, owner(), weights, ETags.parseIfMatch(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(session.version()))
                .body(new AnswerEncoder(tensorEncoding, session.dtype()).weights(session.weights()));
    }

    @Operation(operationId = "getSessionCheckpoint", summary = "Everything needed to resume the session exactly",
            description = "Network, dtype, optimizer settings, weights, the optimizer's buffers (such as Adam's moments), "
                    + "step count and latest loss. POST it back as {\"checkpoint\": ...} to /v1/sessions, on this or another "
                    + "server, for a new session that takes the same next step as this one.",
            responses = @ApiResponse(responseCode = "200", description = "The checkpoint.",
                    headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string", example = "\"1\"")),
                    content = @Content(schema = @Schema(implementation = CheckpointView.class))))
    @GetMapping("/{id}/checkpoint")
    ResponseEntity<CheckpointView> checkpoint(
            @Parameter(description = ID, example = Docs.SESSION_ID_EXAMPLE) @PathVariable String id,
            @Parameter(description = TENSOR_ENCODING, example = "nested", schema = @Schema(type = "string",
                    allowableValues = {"nested", "flat", "base64"}, defaultValue = "nested"))
            @RequestParam(required = false) TensorEncoding tensorEncoding) {
        Session session = sessions.get(id, owner());
        return ResponseEntity.ok().eTag(ETags.of(session.version()))
                .body(CheckpointView.of(Checkpoint.of(session), new AnswerEncoder(tensorEncoding, session.dtype())));
    }

    private Session restore(CreateSessionRequest request) {
        if (request.network() != null || request.weights() != null || request.init() != null || request.optimizer() != null
                || request.dtype() != null) {
            throw new InvalidRequestException("/checkpoint", "a checkpoint holds the network, weights, optimizer and dtype: "
                    + "send it alone");
        }
        return sessions.restore(request.checkpoint().toCheckpoint(), owner());
    }

    private static dev.gradserve.model.NetworkSpec required(CreateSessionRequest request) {
        Violations violations = new Violations();
        if (request.network() == null) {
            violations.add("/network", "required (or a checkpoint)");
        }
        if (request.optimizer() == null) {
            violations.add("/optimizer", "required: how the session updates its weights");
        }
        violations.throwIfAny();
        return request.network();
    }
}
