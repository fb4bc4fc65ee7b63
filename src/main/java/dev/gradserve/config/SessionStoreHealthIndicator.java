package dev.gradserve.config;

import dev.gradserve.training.SessionStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code sessionStore} in /actuator/health: DOWN when the session store (Redis) does not answer.
 * Stateless calls work without it, so it is not part of the liveness or readiness probes.
 */
@Component("sessionStore")
class SessionStoreHealthIndicator extends AbstractHealthIndicator {

    private final SessionStore store;
    private final GradserveProperties properties;

    SessionStoreHealthIndicator(SessionStore store, GradserveProperties properties) {
        super("the session store does not answer");
        this.store = store;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.checkAvailable();
        builder.up().withDetail("type", properties.sessions().store().name().toLowerCase());
    }
}
