package dev.gradserve.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * 30 seconds of 16 clients, each mixing stateless gradient calls with training steps on four shared
 * sessions: no 5xx, no lost connection, and every session ends at exactly as many steps as were
 * acknowledged. The numbers (requests, rates, latency percentiles, statuses) are printed for the record.
 *
 * <p>The instance permits 32 concurrent computations, more than the 16 clients can ask for, so the
 * concurrency bound (tested in LimitsTest) never answers 503 here: every request is served.
 *
 * <p>The JDK client sends a POST again when the pooled keep-alive connection it took was closed before any
 * byte of the answer ({@value #RETRY_PROPERTY}, set in the pom), as browsers do. A step sent twice that way
 * has one Idempotency-Key, so the exactly-once count still holds.
 */
class LoadTest {

    private static final Duration DURATION = Duration.ofSeconds(30);
    private static final int CLIENTS = 16;
    private static final int SESSIONS = 4;
    private static final String KEY = "load-7c2e9a41b3d5f608";
    private static final String ACCESS_LOG = "dev.gradserve.access";
    private static final LoggingSystem LOGGING = LoggingSystem.get(LoadTest.class.getClassLoader());
    private static final String RETRY_PROPERTY = "jdk.httpclient.enableAllMethodRetry";

    @Test
    void sixteenClientsFor30SecondsGetNo5xxAndEverySessionHoldsExactlyItsAcknowledgedSteps() throws Exception {
        assertThat(Boolean.getBoolean(RETRY_PROPERTY)).as(RETRY_PROPERTY + " as the pom sets it for tests").isTrue();
        try (Instance server = Instance.start(Map.of("gradserve.limits.max-concurrent-computations", 2 * CLIENTS,
                "gradserve.security.api-keys", KEY))) {
            // Without the access log: over 100,000 lines would flood the test output and make the console the bottleneck.
            // Logback is one per JVM, so the level goes back afterwards for the instances of other tests.
            LOGGING.setLogLevel(ACCESS_LOG, LogLevel.WARN);
            List<String> sessions = new ArrayList<>();
            Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(LimitsTest.create(server, KEY));
                acknowledged.put(sessions.get(i), new AtomicLong());
            }
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            LongAdder gradients = new LongAdder();
            LongAdder steps = new LongAdder();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + DURATION.toNanos();
            long start = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<long[]>> latencies = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(c);
                latencies.add(clients.submit(() -> {
                    long[] nanos = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        boolean step = random.nextBoolean();
                        String session = sessions.get(random.nextInt(SESSIONS));
                        Reply reply;
                        try {
                            reply = step ? server.post("/v1/sessions/" + session + "/steps", Bodies.STEP).key(KEY)
                                    .header("Idempotency-Key", UUID.randomUUID().toString()).send()
                                    : server.post("/v1/gradients", Bodies.GRADIENTS).key(KEY).send();
                        } catch (IOException e) {
                            failures.add("no answer: " + e);
                            continue;
                        }
                        statuses.computeIfAbsent(reply.status(), s -> new LongAdder()).increment();
                        if (n < nanos.length) {
                            nanos[n++] = reply.nanos;
                        }
                        if (reply.status() != 200) {
                            failures.add(reply.toString());
                        } else if (step) {
                            steps.increment();
                            acknowledged.get(session).incrementAndGet();
                        } else {
                            gradients.increment();
                            if (n % 100 == 0) {
                                Bodies.assertWorkedExample(reply.json());
                            }
                        }
                    }
                    return Arrays.copyOf(nanos, n);
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> latency : latencies) {
                Arrays.stream(latency.get()).forEach(all::add);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.shutdown();
            all.sort(null);

            Map<String, String> ends = new TreeMap<>();
            List<String> mismatches = new ArrayList<>();
            for (String session : sessions) {
                Reply read = server.get("/v1/sessions/" + session).key(KEY).send();
                long step = read.json().get("step").longValue();
                long version = read.json().get("version").longValue();
                ends.put(session.substring(0, 8), "step " + step + ", acknowledged " + acknowledged.get(session));
                if (step != acknowledged.get(session).get() || version != step) {
                    mismatches.add(session + ": step " + step + ", version " + version + ", acknowledged " + acknowledged.get(session));
                }
            }
            long requests = all.size();
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            System.out.printf("load test: %d clients for %.1f s: %d requests (%.0f/s): %d gradients (%.0f/s), %d steps on %d sessions "
                    + "(%.0f/s); latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s; sessions %s%n",
                    CLIENTS, seconds, requests, requests / seconds, gradients.sum(), gradients.sum() / seconds, steps.sum(),
                    SESSIONS, steps.sum() / seconds, percentile(all, 0.50), percentile(all, 0.90), percentile(all, 0.99),
                    percentile(all, 1.0), counts, ends);

            assertThat(failures).as("every request answered 200").isEmpty();
            assertThat(mismatches).as("every session holds exactly its acknowledged steps").isEmpty();
            assertThat(steps.sum()).isPositive();
            assertThat(gradients.sum()).isPositive();
        }
    }

    @AfterEach
    void accessLogAsBefore() {
        LOGGING.setLogLevel(ACCESS_LOG, null);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
