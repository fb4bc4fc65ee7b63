package dev.gradserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Eight clients stepping one session at once on one instance (in-memory store): no step lost, none doubled. */
class ConcurrentStepsTest {

    private static ConfigurableApplicationContext instance;
    private static URI base;

    @BeforeAll
    static void start() {
        instance = Instances.start(Map.of());
        base = Instances.base(instance);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void eightClientsTimesTwentyFiveStepsEndAtStepAndVersion200() throws Exception {
        assertEndsAt200(Instances.createSession(base), false);
    }

    @Test
    void withIfMatchTheOnlyRefusalsAre412sAndEveryStepLandsOnce() throws Exception {
        assertEndsAt200(Instances.createSession(base), true);
    }

    private static void assertEndsAt200(String id, boolean ifMatch) throws Exception {
        List<Long> versions = Instances.concurrentSteps(List.of(base), id, 8, 25, ifMatch);
        assertThat(versions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        Instances.Answer session = Instances.call(base, "GET", "/v1/sessions/" + id, null);
        assertThat(session.body().get("step").longValue()).isEqualTo(200);
        assertThat(session.body().get("version").longValue()).isEqualTo(200);
    }
}
