package dev.gradserve.api;

import dev.gradserve.model.InvalidRequestException;
import dev.gradserve.training.SessionService;
import dev.gradserve.training.SessionService.SessionComputation;
import dev.gradserve.training.StepCommand;
import dev.gradserve.training.StepReply;
import dev.gradserve.compute.ForwardResult;
import dev.gradserve.compute.GradientResult;
import jakarta.validation.Valid;
import java.security.MessageDigest;
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

    private static final String NO_OWNER = null;
    private static final int MAX_KEY_LENGTH = 255;

    private final SessionService sessions;
    private final JsonMapper mapper;

    SessionComputeController(SessionService sessions, JsonMapper mapper) {
        this.sessions = sessions;
        this.mapper = mapper;
    }

    /**
     * One training step. With an Idempotency-Key, a retry gets the first answer back (marked by
     * {@code Idempotent-Replayed: true}) and nothing is applied twice; with If-Match, the step is taken
     * only at that version.
     */
    @PostMapping("/steps")
    ResponseEntity<byte[]> step(@PathVariable String id, @Valid @RequestBody StepRequest request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        checkKey(idempotencyKey);
        StepCommand command = new StepCommand(request.inputs(), request.targets(), Includes.of(request.include()),
                ETags.parseIfMatch(ifMatch), idempotencyKey, fingerprint(request));
        StepReply reply = sessions.step(id, NO_OWNER, command, result -> mapper.writeValueAsBytes(
                StepResponse.of(result, command.include(), new AnswerEncoder(request.tensorEncoding(), result.dtype()))));
        return ResponseEntity.ok().eTag(ETags.of(reply.version())).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", Boolean.toString(reply.replayed())).body(reply.answer());
    }

    @PostMapping("/gradients")
    GradientResponse gradients(@PathVariable String id, @Valid @RequestBody SessionBatchRequest request) {
        if (request.targets() == null) {
            throw new InvalidRequestException("/targets", "required: gradients are gradients of the loss against targets");
        }
        SessionComputation<GradientResult> computed = sessions.gradients(id, NO_OWNER, request.inputs(), request.targets(),
                Includes.of(request.include()));
        return GradientResponse.of(computed.result(),
                new AnswerEncoder(request.tensorEncoding(), computed.session().dtype()));
    }

    @PostMapping("/forward")
    ForwardResponse forward(@PathVariable String id, @Valid @RequestBody SessionBatchRequest request) {
        Includes.refuseBackward(request.include());
        SessionComputation<ForwardResult> computed = sessions.forward(id, NO_OWNER, request.inputs(), request.targets(),
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
    private byte[] fingerprint(StepRequest request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
