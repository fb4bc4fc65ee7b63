package dev.gradserve.config;

import dev.gradserve.model.Limits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of gradserve, under {@code gradserve.*}, with defaults that work out of the box.
 *
 * @param limits   bounds that protect the server
 * @param sessions where training sessions live and for how long
 * @param security who may call the API, and from which web origins
 */
@ConfigurationProperties("gradserve")
public record GradserveProperties(@DefaultValue LimitsProperties limits, @DefaultValue SessionsProperties sessions,
        @DefaultValue SecurityProperties security) {

    /**
     * @param apiKeys             when any are set, every /v1 call needs {@code Authorization: Bearer <key>}, and a
     *                            session is visible only to the key that created it; none (the default): open
     * @param corsAllowedOrigins  web origins whose pages may call the API from a browser, e.g. https://example.org;
     *                            none by default (the playground at / is same-origin and needs none)
     */
    public record SecurityProperties(@DefaultValue List<String> apiKeys, @DefaultValue List<String> corsAllowedOrigins) {}

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
     * @param redisLocalCache heap each instance uses, with the redis store, to keep the sessions it last read or
     *                        wrote, so that a read asks Redis only whether the version is still the same; 0 for none
     */
    public record SessionsProperties(
            @DefaultValue("memory") StoreType store,
            @DefaultValue("10000") int maxSessions,
            @DefaultValue("1h") Duration idleTimeout,
            @DefaultValue("1000") int stepsRemembered,
            @DefaultValue("128MB") DataSize redisLocalCache) {}

    /**
     * @param maxBodySize                largest request body; larger ones get 413
     * @param maxLayers                  layers in one network
     * @param maxParameters              weights and biases in one network
     * @param maxBatchSize               examples in one batch
     * @param maxActivationElements      batch size × the summed output sizes of all layers
     * @param maxGradientCheckParameters parameters one gradient check may perturb
     * @param maxSequenceLength          time steps of a recurrent network's input
     * @param maxSessionsPerClient       sessions one API key (or, without keys, everyone together) may hold
     * @param maxConcurrentComputations  computations running at once; 0 means twice the processors
     * @param computationQueueTimeout    how long a computation waits for its turn before the answer is 503
     * @param maxResidentMemory          no computation starts (503) while the process's resident memory is over this;
     *                                   0 means twice the heap's limit (-Xmx)
     */
    public record LimitsProperties(
            @DefaultValue("32MB") DataSize maxBodySize,
            @DefaultValue("100") int maxLayers,
            @DefaultValue("10000000") long maxParameters,
            @DefaultValue("10000") int maxBatchSize,
            @DefaultValue("50000000") long maxActivationElements,
            @DefaultValue("20000") long maxGradientCheckParameters,
            @DefaultValue("10000") int maxSequenceLength,
            @DefaultValue("1000") int maxSessionsPerClient,
            @DefaultValue("0") int maxConcurrentComputations,
            @DefaultValue("500ms") Duration computationQueueTimeout,
            @DefaultValue("0") DataSize maxResidentMemory) {

        public Limits toLimits() {
            return new Limits(maxLayers, maxParameters, maxBatchSize, maxActivationElements, maxGradientCheckParameters,
                    maxSequenceLength);
        }

        /** The number of computations that may run at once. */
        public int concurrentComputations() {
            return maxConcurrentComputations > 0 ? maxConcurrentComputations : 2 * Runtime.getRuntime().availableProcessors();
        }

        /** The resident memory, in bytes, above which no computation starts. */
        public long residentMemoryCeiling() {
            return maxResidentMemory.toBytes() > 0 ? maxResidentMemory.toBytes() : 2 * Runtime.getRuntime().maxMemory();
        }
    }
}
