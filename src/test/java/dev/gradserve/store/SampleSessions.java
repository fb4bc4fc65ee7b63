package dev.gradserve.store;

import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import dev.gradserve.training.OptimizerState;
import dev.gradserve.training.Session;
import java.util.Map;

/** Sample sessions for store tests. */
final class SampleSessions {

    private SampleSessions() {}

    static Session sample(DType dtype) {
        Weights weights = new Weights(Map.of("hidden", Map.of(
                "W", Tensor.matrix(new double[][] {{0.15, 0.2}, {0.25, 0.3}}), "b", Tensor.vector(0.35, 0.35))));
        if (dtype == DType.FLOAT32) {
            weights = new Weights(Map.of("hidden", Map.of(
                    "W", Tensor.matrix(new double[][] {{0.15f, 0.2f}, {0.25f, 0.3f}}), "b", Tensor.vector(0.35f, 0.35f))));
        }
        OptimizerState state = new OptimizerState(Map.of("expAvg", weights));
        java.time.Instant now = java.time.Instant.parse("2026-11-28T10:15:30.123456Z");
        return new Session(java.util.UUID.randomUUID().toString(), null, dev.gradserve.compute.WorkedExample.network(),
                dtype, new dev.gradserve.model.AdamSpec("adam", 0.001, 0.9, 0.999, 1e-8, 0.0, false, null, null)
                        .withDefaults(), weights, state, 7, 0, 0.25, now, now);
    }

    /** A float64 session whose weights and optimizer buffer hold {@code n} numbers each. */
    static Session large(int n) {
        double[] values = new java.util.Random(n).doubles(n).toArray();
        Weights weights = new Weights(Map.of("hidden", Map.of("W", Tensor.vector(values))));
        Session s = sample(DType.FLOAT64);
        return new Session(s.id(), s.owner(), s.network(), s.dtype(), s.optimizer(), weights,
                new OptimizerState(Map.of("expAvg", weights)), s.step(), s.version(), s.lastLoss(), s.createdAt(),
                s.updatedAt());
    }

    static Session next(Session session) {
        return new Session(session.id(), session.owner(), session.network(), session.dtype(), session.optimizer(),
                session.weights(), session.optimizerState(), session.step() + 1, session.version() + 1, 0.125,
                session.createdAt(), session.updatedAt().plusSeconds(1));
    }
}
