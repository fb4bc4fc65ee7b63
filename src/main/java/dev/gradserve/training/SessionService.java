package dev.gradserve.training;

import dev.gradserve.compute.ForwardResult;
import dev.gradserve.compute.GradientEngine;
import dev.gradserve.compute.GradientResult;
import dev.gradserve.compute.NonFiniteResultException;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.CheckedBatch;
import dev.gradserve.model.CheckedModel;
import dev.gradserve.model.DType;
import dev.gradserve.model.Include;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.Limits;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.NetworkValidator;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Violations;
import dev.gradserve.model.WeightLayout;
import dev.gradserve.model.Weights;
import dev.gradserve.model.WeightsValidator;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Training sessions: one step = forward, backward, one optimizer update, stored as a new version.
 * Changes to one session are serialised here (a lock per session within this instance) and by the
 * store's compare-and-set across instances, so no update is ever lost or applied twice.
 */
public final class SessionService {

    /** How often a step is recomputed when another instance changed the session meanwhile. */
    private static final int MAX_ATTEMPTS = 100;

    private final SessionStore store;
    private final GradientEngine engine;
    private final Limits limits;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[256];
    private final Spares spares = new Spares();

    public SessionService(SessionStore store, GradientEngine engine, Limits limits, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.limits = limits;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * A new session at step 0 and version 0. A Keras network (and weights in Keras' layout) is converted here: the
     * session keeps gradserve's definition and layout.
     *
     * @param layout how {@code weights} are written; null for gradserve's
     * @throws dev.gradserve.model.InvalidRequestException listing every problem
     */
    public Session create(NetworkSpec network, Map<String, Map<String, Tensor>> weights, WeightLayout layout,
            InitSpec init, OptimizerSpec optimizer, DType dtype, String owner) {
        Violations violations = new Violations();
        DType precision = dtype == null ? DType.FLOAT64 : dtype;
        CheckedModel model = CheckedModel.check(network, weights, layout, init, null, precision, limits, violations);
        checkTrainable(network, optimizer, "", violations);
        violations.throwIfAny();
        return store(model.architecture().spec(), precision, optimizer.withDefaults(), model.weights(), OptimizerState.EMPTY,
                0, null, owner);
    }

    /** A new session that continues exactly where the checkpoint's session was (at version 0). */
    public Session restore(Checkpoint checkpoint, String owner) {
        Violations violations = new Violations();
        DType precision = checkpoint.dtype() == null ? DType.FLOAT64 : checkpoint.dtype();
        Architecture architecture = NetworkValidator.resolve(checkpoint.network(), limits, "/checkpoint/network", violations);
        checkTrainable(checkpoint.network(), checkpoint.optimizer(), "/checkpoint", violations);
        Weights weights = null;
        OptimizerState state = null;
        if (architecture != null) {
            weights = WeightsValidator.check(architecture, checkpoint.weights(), precision, "/checkpoint/weights", violations);
            state = CheckpointState.check(architecture, checkpoint.optimizerState(), precision, violations);
        }
        if (checkpoint.step() < 0) {
            violations.add("/checkpoint/step", "must be ≥ 0, got " + checkpoint.step());
        }
        violations.throwIfAny();
        return store(checkpoint.network(), precision, checkpoint.optimizer().withDefaults(), weights, state,
                checkpoint.step(), checkpoint.lastLoss(), owner);
    }

    /** The session as it is now; no step will overwrite its arrays while the caller can reach them. */
    public Session get(String id, String owner) {
        return visible(spares.lend(id, () -> store.find(id)), id, owner);
    }

    /** The session as it is now, for a change under its lock (not lent: the change may reuse an older version). */
    private Session current(String id, String owner) {
        return visible(store.find(id), id, owner);
    }

    private static Session visible(Optional<Session> found, String id, String owner) {
        return found.filter(session -> visibleTo(session, owner)).orElseThrow(() -> new SessionNotFoundException(id));
    }

    /**
     * Forward, backward and one optimizer update, stored as the next version. A retry with the same
     * idempotency key gets the first answer back and changes nothing.
     *
     * @param render turns the step's result into the answer's bytes (stored for retries)
     * @throws VersionMismatchException when If-Match names another version
     * @throws NonFiniteResultException when the loss or a new weight would not be finite (nothing changes)
     */
    public StepReply step(String id, String owner, StepCommand command, Function<StepResult, byte[]> render) {
        return apply(id, owner, command.ifMatch(), command.idempotencyKey(), command.fingerprint(), session -> {
            Set<Include> include = command.include().isEmpty() ? EnumSet.noneOf(Include.class)
                    : EnumSet.copyOf(command.include());
            include.remove(Include.WEIGHTS);
            GradientResult computed = gradients(session, command.inputs(), command.targets(), include);
            return new Applied(computed.gradients(), computed, computed.loss());
        }, render);
    }

    /**
     * One optimizer update with gradients computed elsewhere (e.g. by workers on shards of a batch),
     * under the same rules as a step: the next version, exactly once with an idempotency key, only at
     * the If-Match version. The session's lastLoss stays.
     *
     * @param gradients keyed and shaped like the weights
     */
    public StepReply update(String id, String owner, Map<String, Map<String, Tensor>> gradients, Long ifMatch,
            String idempotencyKey, byte[] fingerprint, Function<StepResult, byte[]> render) {
        return apply(id, owner, ifMatch, idempotencyKey, fingerprint, session -> {
            Violations violations = new Violations();
            Weights checked = WeightsValidator.check(architecture(session), gradients, session.dtype(), "/gradients",
                    violations);
            violations.throwIfAny();
            return new Applied(Precision.canonical(checked, session.dtype()), null, session.lastLoss());
        }, render);
    }

    /**
     * What an update applies.
     *
     * @param gradients the gradients for the optimizer
     * @param computed  the pass that computed them, or null when they were given
     * @param loss      the loss the session records as its latest
     */
    private record Applied(Weights gradients, GradientResult computed, Double loss) {}

    private StepReply apply(String id, String owner, Long ifMatch, String idempotencyKey, byte[] fingerprint,
            Function<Session, Applied> gradients, Function<StepResult, byte[]> render) {
        ReentrantLock lock = lockOf(id);
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                Session session = current(id, owner);
                Spares.Lineage lineage = spares.lineage(session);
                if (idempotencyKey != null) {
                    StepRecord earlier = store.findStep(id, idempotencyKey).orElse(null);
                    if (earlier != null) {
                        if (!MessageDigest.isEqual(earlier.fingerprint(), fingerprint)) {
                            throw new IdempotencyKeyReusedException(idempotencyKey);
                        }
                        return new StepReply(earlier.answer(), earlier.version(), true);
                    }
                }
                requireVersion(ifMatch, session);
                Applied applied = gradients.apply(session);
                Optimizers.Update update = Optimizers.step(session.optimizer(), session.weights(), applied.gradients(),
                        session.optimizerState(), session.step() + 1, session.dtype(), lineage.takeSpare(session));
                Session next = session.stepped(update.weights(), update.state(), applied.loss(), clock.instant());
                byte[] answer = render.apply(new StepResult(next.step(), next.version(), applied.computed(), next.weights(),
                        next.dtype()));
                StepRecord record = idempotencyKey == null ? null
                        : new StepRecord(idempotencyKey, fingerprint, next.version(), answer);
                if (spares.store(lineage, session, next, () -> store.replace(next, session.version(), record))) {
                    return new StepReply(answer, next.version(), false);
                }
                if (ifMatch != null || attempt == MAX_ATTEMPTS) {
                    throw new VersionMismatchException(session.version(), current(id, owner).version());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the weights (the optimizer's state and step count stay, as when PyTorch parameters are assigned). */
    public Session replaceWeights(String id, String owner, Map<String, Map<String, Tensor>> weights, Long ifMatch) {
        ReentrantLock lock = lockOf(id);
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                Session session = current(id, owner);
                requireVersion(ifMatch, session);
                Violations violations = new Violations();
                Weights checked = WeightsValidator.check(architecture(session), weights, session.dtype(), "", violations);
                violations.throwIfAny();
                Session next = session.withWeights(Precision.canonical(checked, session.dtype()), clock.instant());
                // Not through the spares: next shares the optimizer's buffers with the version it replaces.
                if (store.replace(next, session.version(), null)) {
                    return next;
                }
                if (ifMatch != null || attempt == MAX_ATTEMPTS) {
                    throw new VersionMismatchException(session.version(), current(id, owner).version());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gradients on the session's current weights; nothing changes. */
    public SessionComputation<GradientResult> gradients(String id, String owner, Tensor inputs, Tensor targets,
            Set<Include> include) {
        Session session = get(id, owner);
        return new SessionComputation<>(session, gradients(session, inputs, targets, include));
    }

    /** A forward pass on the session's current weights; nothing changes. */
    public SessionComputation<ForwardResult> forward(String id, String owner, Tensor inputs, Tensor targets,
            Set<Include> include) {
        Session session = get(id, owner);
        Architecture architecture = architecture(session);
        CheckedBatch batch = checkBatch(architecture, session, inputs, targets);
        return new SessionComputation<>(session, engine.forward(architecture, session.weights(), batch.inputs(),
                batch.targets(), session.dtype(), include));
    }

    /**
     * A result computed on a session, with the session it was computed on.
     *
     * @param session the session as it was read
     * @param result  what was computed
     */
    public record SessionComputation<T>(Session session, T result) {}

    public void delete(String id, String owner) {
        current(id, owner);
        if (!store.delete(id)) {
            throw new SessionNotFoundException(id);
        }
        spares.forget(id);
    }

    private GradientResult gradients(Session session, Tensor inputs, Tensor targets, Set<Include> include) {
        Architecture architecture = architecture(session);
        CheckedBatch batch = checkBatch(architecture, session, inputs, targets);
        return engine.gradients(architecture, session.weights(), batch.inputs(), batch.targets(), session.dtype(), include);
    }

    private CheckedBatch checkBatch(Architecture architecture, Session session, Tensor inputs, Tensor targets) {
        Violations violations = new Violations();
        CheckedBatch batch = CheckedBatch.check(architecture, inputs, targets, session.dtype(), limits, violations);
        violations.throwIfAny();
        return batch;
    }

    private Architecture architecture(Session session) {
        Violations violations = new Violations();
        Architecture architecture = NetworkValidator.resolve(session.network(), limits, "/network", violations);
        violations.throwIfAny();
        return architecture;
    }

    private Session store(NetworkSpec network, DType dtype, OptimizerSpec optimizer, Weights weights, OptimizerState state,
            long step, Double lastLoss, String owner) {
        var now = clock.instant();
        Session session = new Session(UUID.randomUUID().toString(), owner, network, dtype, optimizer,
                Precision.canonical(weights, dtype), Precision.canonical(state, dtype), step, 0, lastLoss, now, now);
        store.create(session);
        return session;
    }

    private static void checkTrainable(NetworkSpec network, OptimizerSpec optimizer, String pointer, Violations violations) {
        if (network != null && network.loss() == null) {
            violations.add(pointer + "/network/loss", "required: a session trains on a loss");
        }
        if (optimizer == null) {
            violations.add(pointer + "/optimizer", "required: how the session updates its weights");
        } else {
            optimizer.check(pointer + "/optimizer", violations);
        }
    }

    private static void requireVersion(Long ifMatch, Session session) {
        if (ifMatch != null && ifMatch != session.version()) {
            throw new VersionMismatchException(ifMatch, session.version());
        }
    }

    private static boolean visibleTo(Session session, String owner) {
        return session.owner() == null || session.owner().equals(owner);
    }

    /** What lets steps reuse older versions' arrays (for tests). */
    Spares spares() {
        return spares;
    }

    private ReentrantLock lockOf(String id) {
        return locks[Math.floorMod(id.hashCode(), locks.length)];
    }
}
