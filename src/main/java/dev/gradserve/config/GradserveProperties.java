package dev.gradserve.config;

import dev.gradserve.model.Limits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of gradserve, under {@code gradserve.*}, with defaults that work out of the box.
 *
 * @param limits   bounds that protect the server
 * @param sessions where training sessions live and for how long
 */
@ConfigurationProperties("gradserve")
public record GradserveProperties(@DefaultValue LimitsProperties limits, @DefaultValue SessionsProperties sessions) {

    /** Where sessions are stored. */
    public enum StoreType {
        /** In this process: the default, for a single instance. */
        MEMORY,
        /** In Redis (spring.data.redis.*): shared by every instance, survives restarts. */
        REDIS
    }

    /**
     * @param store           memory (default) or redis
     * @param maxSessions     sessions the in-memory store holds at most
     * @param idleTimeout     a session unused this long expires (a Redis TTL with the redis store)
     * @param stepsRemembered idempotency keys remembered per session (its latest steps)
     */
    public record SessionsProperties(
            @DefaultValue("memory") StoreType store,
            @DefaultValue("10000") int maxSessions,
            @DefaultValue("1h") Duration idleTimeout,
            @DefaultValue("1000") int stepsRemembered) {}

    /**
     * @param maxBodySize                largest request body; larger ones get 413
     * @param maxLayers                  layers in one network
     * @param maxParameters              weights and biases in one network
     * @param maxBatchSize               examples in one batch
     * @param maxActivationElements      batch size × the summed output sizes of all layers
     * @param maxGradientCheckParameters parameters one gradient check may perturb
     */
    public record LimitsProperties(
            @DefaultValue("32MB") DataSize maxBodySize,
            @DefaultValue("100") int maxLayers,
            @DefaultValue("10000000") long maxParameters,
            @DefaultValue("10000") int maxBatchSize,
            @DefaultValue("50000000") long maxActivationElements,
            @DefaultValue("20000") long maxGradientCheckParameters) {

        public Limits toLimits() {
            return new Limits(maxLayers, maxParameters, maxBatchSize, maxActivationElements, maxGradientCheckParameters);
        }
    }
}
