package dev.gradserve.config;

import dev.gradserve.api.ComputationLimitFilter;
import dev.gradserve.store.InMemorySessionStore;
import dev.gradserve.store.RedisSessionCounter;
import dev.gradserve.training.SessionStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * gradserve's own metrics, beside Spring's (request latency histograms per endpoint are
 * {@code http.server.requests}, see application.yaml): steps applied ({@link StepCounter}), computations
 * running and queued, sessions held ({@code gradserve.sessions.active}), and store failures
 * ({@code gradserve.session.store.errors}, counted by the store decorator SessionConfig applies).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfig {

    static final String ACTIVE_SESSIONS = "gradserve.sessions.active";
    static final String ACTIVE_SESSIONS_DESCRIPTION = "Training sessions held by the session store";

    @Bean
    WebMvcConfigurer stepCounter(MeterRegistry registry) {
        StepCounter steps = new StepCounter(registry);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry interceptors) {
                interceptors.addInterceptor(steps).addPathPatterns("/v1/sessions/*/steps");
            }
        };
    }

    /**
     * The queue in front of the engine is the computation limit's: requests waiting for a permit
     * ({@code gradserve.computations.queued}) while the permitted ones compute ({@code .running}).
     */
    @Bean
    MeterBinder computationGauges(ComputationLimitFilter limit) {
        return registry -> {
            Gauge.builder("gradserve.computations.queued", limit, ComputationLimitFilter::waiting)
                    .description("Computing requests waiting for one of the permitted concurrent computations")
                    .register(registry);
            Gauge.builder("gradserve.computations.running", limit, ComputationLimitFilter::running)
                    .description("Computing requests (POST and PUT under /v1) being served")
                    .register(registry);
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "gradserve.sessions.store", havingValue = "memory", matchIfMissing = true)
    static class InMemory {

        /** The store SessionConfig makes for this same setting. */
        @Bean
        MeterBinder activeSessions(SessionStore store) {
            InMemorySessionStore sessions = (InMemorySessionStore) store;
            return registry -> Gauge.builder(ACTIVE_SESSIONS, sessions, InMemorySessionStore::size)
                    .description(ACTIVE_SESSIONS_DESCRIPTION)
                    .register(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "gradserve.sessions.store", havingValue = "redis")
    static class Redis {

        /** Every replica reports the same shared count; take max, not sum, across replicas. */
        @Bean
        MeterBinder activeSessions(RedisTemplate<byte[], byte[]> binaryRedisTemplate, Clock clock) {
            RedisSessionCounter counter = new RedisSessionCounter(binaryRedisTemplate, Duration.ofSeconds(15), clock);
            return registry -> Gauge.builder(ACTIVE_SESSIONS, counter, RedisSessionCounter::count)
                    .description(ACTIVE_SESSIONS_DESCRIPTION)
                    .strongReference(true)
                    .register(registry);
        }
    }
}
