package dev.gradserve.config;

import dev.gradserve.compute.GradientEngine;
import dev.gradserve.model.Limits;
import dev.gradserve.store.InMemorySessionStore;
import dev.gradserve.store.MeteredSessionStore;
import dev.gradserve.store.RedisSessionStore;
import dev.gradserve.training.SessionService;
import dev.gradserve.training.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/** Training sessions: the service, and the store chosen by {@code gradserve.sessions.store}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SessionConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SessionService sessionService(SessionStore store, GradientEngine engine, Limits limits, Clock clock,
            MeterRegistry registry) {
        return new SessionService(new MeteredSessionStore(store, registry), engine, limits, clock);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "gradserve.sessions.store", havingValue = "redis")
    static class Redis {

        /**
         * While Redis is unreachable, fail commands at once (503 to the client) instead of queueing them
         * until the command timeout; Lettuce keeps reconnecting in the background and recovers by itself.
         */
        @Bean
        LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
            return options -> options.autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }

        @Bean
        RedisTemplate<byte[], byte[]> binaryRedisTemplate(RedisConnectionFactory connections) {
            RedisTemplate<byte[], byte[]> template = new RedisTemplate<>();
            template.setConnectionFactory(connections);
            template.setEnableDefaultSerializer(false);
            template.setKeySerializer(RedisSerializer.byteArray());
            template.setValueSerializer(RedisSerializer.byteArray());
            template.setHashKeySerializer(RedisSerializer.byteArray());
            template.setHashValueSerializer(RedisSerializer.byteArray());
            return template;
        }

        @Bean
        SessionStore redisSessionStore(RedisTemplate<byte[], byte[]> binaryRedisTemplate, JsonMapper json,
                GradserveProperties properties) {
            return new RedisSessionStore(binaryRedisTemplate, json, properties.sessions().idleTimeout(),
                    properties.sessions().stepsRemembered(), properties.limits().maxSessionsPerClient(),
                    properties.sessions().redisLocalCache().toBytes());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "gradserve.sessions.store", havingValue = "memory", matchIfMissing = true)
    static class InMemory {

        private final InMemorySessionStore store;

        InMemory(GradserveProperties properties, Clock clock) {
            GradserveProperties.SessionsProperties sessions = properties.sessions();
            this.store = new InMemorySessionStore(sessions.maxSessions(), properties.limits().maxSessionsPerClient(),
                    sessions.idleTimeout(), sessions.stepsRemembered(), clock);
        }

        @Bean
        SessionStore inMemorySessionStore() {
            return store;
        }

        /** Frees the memory of expired sessions even when nobody asks for them again. */
        @Scheduled(fixedDelayString = "PT1M")
        void removeExpired() {
            store.removeExpired();
        }
    }
}
