package dev.gradserve.api;

import dev.gradserve.model.InvalidRequestException;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;
import dev.gradserve.model.Violations;
import dev.gradserve.training.Checkpoint;
import dev.gradserve.training.Session;
import dev.gradserve.training.SessionService;
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

    /** Sessions belong to nobody in particular until API keys are configured. */
    private static final String NO_OWNER = null;

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionView> create(@Valid @RequestBody CreateSessionRequest request) {
        Session session = request.checkpoint() != null ? restore(request)
                : sessions.create(required(request), request.weights(), request.init(), request.optimizer(), request.dtype(),
                        NO_OWNER);
        return ResponseEntity.created(URI.create("/v1/sessions/" + session.id())).eTag(ETags.of(session.version()))
                .body(SessionView.of(session));
    }

    @GetMapping("/{id}")
    ResponseEntity<SessionView> get(@PathVariable String id) {
        Session session = sessions.get(id, NO_OWNER);
        return ResponseEntity.ok().eTag(ETags.of(session.version())).body(SessionView.of(session));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        sessions.delete(id, NO_OWNER);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/weights")
    ResponseEntity<Map<String, Map<String, EncodedTensor>>> weights(@PathVariable String id,
            @RequestParam(required = false) TensorEncoding tensorEncoding) {
        Session session = sessions.get(id, NO_OWNER);
        return ResponseEntity.ok().eTag(ETags.of(session.version()))
                .body(new AnswerEncoder(tensorEncoding, session.dtype()).weights(session.weights()));
    }

    @PutMapping(path = "/{id}/weights", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Map<String, EncodedTensor>>> replaceWeights(@PathVariable String id,
            @RequestBody Map<String, Map<String, Tensor>> weights,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Session session = sessions.replaceWeights(id, NO_OWNER, weights, ETags.parseIfMatch(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(session.version()))
                .body(new AnswerEncoder(null, session.dtype()).weights(session.weights()));
    }

    @GetMapping("/{id}/checkpoint")
    ResponseEntity<CheckpointView> checkpoint(@PathVariable String id,
            @RequestParam(required = false) TensorEncoding tensorEncoding) {
        Session session = sessions.get(id, NO_OWNER);
        return ResponseEntity.ok().eTag(ETags.of(session.version()))
                .body(CheckpointView.of(Checkpoint.of(session), new AnswerEncoder(tensorEncoding, session.dtype())));
    }

    private Session restore(CreateSessionRequest request) {
        if (request.network() != null || request.weights() != null || request.init() != null || request.optimizer() != null
                || request.dtype() != null) {
            throw new InvalidRequestException("/checkpoint", "a checkpoint holds the network, weights, optimizer and dtype: "
                    + "send it alone");
        }
        return sessions.restore(request.checkpoint().toCheckpoint(), NO_OWNER);
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
