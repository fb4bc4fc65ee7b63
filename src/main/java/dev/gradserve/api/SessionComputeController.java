package dev.gradserve.api;

import dev.gradserve.model.InvalidRequestException;
import dev.gradserve.training.SessionService;
import dev.gradserve.training.SessionService.SessionComputation;
import dev.gradserve.training.StepCommand;
import dev.gradserve.training.StepReply;
import dev.gradserve.compute.ForwardResult;
import dev.gradserve.compute.GradientResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import dev.gradserve.model.Include;
import java.security.MessageDigest;
import java.util.Set;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Computing on a session: training steps (exactly once), and gradients or forward passes on its weights. */
@RestController
@RequestMapping(path = "/v1/sessions/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
class SessionComputeController {

    private static final int MAX_KEY_LENGTH = 255;

    private static final String IDEMPOTENCY_KEY = "Optional: 1 to 255 visible ASCII characters naming this step, such as "
            + "a UUID (else 422). A retry with the same key and the same body gets the first answer back "
            + "(Idempotent-Replayed: true) and nothing is applied again, whatever the session's version; the same key "
            + "with a different body (inputs, targets, include, tensorEncoding) is 422. Keys are remembered for the "
            + "session's latest gradserve.sessions.steps-remembered (default 1000) keyed steps.";

    private final SessionService sessions;
    private final JsonMapper mapper;

    /** The current request (a proxy): who calls, for session ownership. */
    private final HttpServletRequest request;

    SessionComputeController(SessionService sessions, JsonMapper mapper, HttpServletRequest request) {
        this.sessions = sessions;
        this.mapper = mapper;
        this.request = request;
    }

    private String owner() {
        return Owners.of(request);
    }

    /**
     * One training step. With an Idempotency-Key, a retry gets the first answer back (marked by
     * {@code Idempotent-Replayed: true}) and nothing is applied twice; with If-Match, the step is taken
     * only at that version.
     */
    @Operation(operationId = "takeStep", summary = "One training step: forward, backward, one optimizer update",
            description = "Computes the loss and gradients of the batch at the current weights, clips the gradients "
                    + "(clipValue, then clipNorm), updates the weights and the optimizer state as torch.optim does, and "
                    + "stores them as the next version. The answer's loss (and gradients, with include) are those of the "
                    + "weights before the update. Steps on one session are serialised: none is lost, none applied twice. "
                    + "A step whose loss or new weights would not be finite is refused (422) and changes nothing.",
            responses = @ApiResponse(responseCode = "200", description = "The step taken, or with a known Idempotency-Key "
                    + "the answer it first had.",
                    headers = {
                        @Header(name = "ETag", description = "The session's version after this step, in quotes; for a "
                                + "replay, the version that step made.", schema = @Schema(type = "string", example = "\"1\"")),
                        @Header(name = "Idempotent-Replayed", description = "true when this is the stored answer of an "
                                + "earlier request with the same Idempotency-Key (nothing was applied now), else false.",
                                schema = @Schema(type = "string", allowableValues = {"true", "false"}, example = "false"))},
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = StepResponse.class))))
    @PostMapping("/steps")
    ResponseEntity<byte[]> step(@Parameter(description = SessionController.ID, example = Docs.SESSION_ID_EXAMPLE)
            @PathVariable String id, @Valid @RequestBody StepRequest request,
            @Parameter(in = ParameterIn.HEADER, description = SessionController.IF_MATCH,
                    example = "\"\\\"0\\\"\"") // JSON: the example is the string "0", quotes included
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Parameter(in = ParameterIn.HEADER, description = IDEMPOTENCY_KEY, example = "7c4e2a90-1b3d-4f5e-8a6b-9c0d1e2f3a4b")
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        checkKey(idempotencyKey);
        StepCommand command = new StepCommand(request.inputs(), request.targets(), Includes.of(request.include()),
                ETags.parseIfMatch(ifMatch), idempotencyKey, fingerprint(request));
        StepReply reply = sessions.step(id, owner(), command, result -> mapper.writeValueAsBytes(
                StepResponse.of(result, command.include(), new AnswerEncoder(request.tensorEncoding(), result.dtype()))));
        return ResponseEntity.ok().eTag(ETags.of(reply.version())).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", Boolean.toString(reply.replayed())).body(reply.answer());
    }

    @Operation(operationId = "applyUpdate", summary = "Apply gradients computed elsewhere: one optimizer step",
            description = "The session's optimizer (with its clipping) applies the given gradients as one step: the step "
                    + "count and version go up by one, under the same rules as /steps (Idempotency-Key: exactly once; "
                    + "If-Match: only at that version). With workers computing /v1/gradients on shards of a batch at the "
                    + "session's weights, the average of their gradients applied here is one step on the whole batch "
                    + "(mean reduction). The answer has no loss.")
    @PostMapping("/updates")
    ResponseEntity<byte[]> update(@Parameter(description = SessionController.ID, example = Docs.SESSION_ID_EXAMPLE)
            @PathVariable String id, @Valid @RequestBody UpdateRequest request,
            @Parameter(in = ParameterIn.HEADER, description = SessionController.IF_MATCH, example = "\"\\\"1\\\"\"")
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Parameter(in = ParameterIn.HEADER, description = IDEMPOTENCY_KEY, example = "2f6c1d9e-5b7a-4e2f-9c1d-3a8b7e6f5d4c")
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        checkKey(idempotencyKey);
        Set<Include> include = Includes.of(request.include());
        StepReply reply = sessions.update(id, owner(), request.gradients(), ETags.parseIfMatch(ifMatch), idempotencyKey,
                fingerprint(request), result -> mapper.writeValueAsBytes(
                        StepResponse.of(result, include, new AnswerEncoder(request.tensorEncoding(), result.dtype()))));
        return ResponseEntity.ok().eTag(ETags.of(reply.version())).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", Boolean.toString(reply.replayed())).body(reply.answer());
    }

    @Operation(operationId = "sessionGradients", summary = "Loss, outputs and gradients at the session's current weights",
            description = "As POST /v1/gradients, with the session's network, weights and dtype; targets are required. "
                    + "Nothing changes: no update, no new version.")
    @PostMapping("/gradients")
    GradientResponse gradients(@Parameter(description = SessionController.ID, example = Docs.SESSION_ID_EXAMPLE)
            @PathVariable String id, @Valid @RequestBody SessionBatchRequest request) {
        if (request.targets() == null) {
            throw new InvalidRequestException("/targets", "required: gradients are gradients of the loss against targets");
        }
        SessionComputation<GradientResult> computed = sessions.gradients(id, owner(), request.inputs(), request.targets(),
                Includes.of(request.include()));
        return GradientResponse.of(computed.result(),
                new AnswerEncoder(request.tensorEncoding(), computed.session().dtype()));
    }

    @Operation(operationId = "sessionForward", summary = "Outputs at the session's current weights, and the loss with targets",
            description = "As POST /v1/forward, with the session's network, weights and dtype. Nothing changes.")
    @PostMapping("/forward")
    ForwardResponse forward(@Parameter(description = SessionController.ID, example = Docs.SESSION_ID_EXAMPLE)
            @PathVariable String id, @Valid @RequestBody SessionBatchRequest request) {
        Includes.refuseBackward(request.include());
        SessionComputation<ForwardResult> computed = sessions.forward(id, owner(), request.inputs(), request.targets(),
                Includes.of(request.include()));
        return ForwardResponse.of(computed.result(), new AnswerEncoder(request.tensorEncoding(), computed.session().dtype()));
    }

    private static void checkKey(String key) {
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new InvalidRequestException("", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters, such as a UUID");
        }
    }

    /** A digest of what the request asks, to tell a retry (same digest) from a different request reusing a key. */
    private byte[] fingerprint(Object request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
