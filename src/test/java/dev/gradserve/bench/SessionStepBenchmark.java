package dev.gradserve.bench;

import dev.gradserve.compute.GradientEngine;
import dev.gradserve.compute.GradientResult;
import dev.gradserve.model.AdamSpec;
import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.Limits;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.WeightInit;
import dev.gradserve.model.Weights;
import dev.gradserve.store.InMemorySessionStore;
import dev.gradserve.store.RedisSessionStore;
import dev.gradserve.training.Session;
import dev.gradserve.training.SessionService;
import dev.gradserve.training.SessionStore;
import dev.gradserve.training.StepCommand;
import dev.gradserve.training.StepReply;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.testcontainers.containers.GenericContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A training step on a session against the stateless gradients of the same batch on the same weights (issue 5,
 * goal 4): the MLP 784-256-128-10 with Adam, batch 128, below HTTP. {@code stateless} is what
 * {@code POST /v1/gradients} computes once its body is parsed; {@code step} is what {@code POST /v1/sessions/{id}/steps}
 * does: read the session from the store, check the batch, the same gradients, the Adam update, and the
 * compare-and-set write of the next version. With {@code store=redis} a real Redis runs in a container
 * (Testcontainers; the container engine must be up, see .ci/run), and {@code transferOnly} measures what moving the
 * session's bytes to Redis and back costs by itself on this machine. {@code -jvmArgsAppend -Dbench.redis=host:port}
 * uses a Redis of your own instead of the container (the benchmark leaves its sessions there, an hour's TTL).
 * {@code store=redis} is the default configuration, where an instance keeps the sessions it last read or wrote and
 * a read asks Redis only whether the version changed; {@code store=redis-uncached} reads the whole session every step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = PassBenchmark.AS_DEPLOYED)
public class SessionStepBenchmark {

    private static final Limits LIMITS = Mlp.LIMITS;

    @Param({"float32", "float64"})
    public String dtype;

    /** redis keeps the sessions it last read or wrote in this instance (as configured by default), redis-uncached does not. */
    @Param({"memory", "redis", "redis-uncached"})
    public String store;

    private final GradientEngine engine = new GradientEngine();
    private GenericContainer<?> redisContainer;
    private LettuceConnectionFactory connections;
    private SessionService sessions;
    private Architecture architecture;
    private Weights weights;
    private DType precision;
    private String sessionId;
    private StepCommand command;
    private RedisTemplate<byte[], byte[]> redis;
    private byte[] sessionSizedValue;

    @Setup(Level.Trial)
    public void setUp() {
        PassBenchmark.requireAsDeployed();
        precision = "float32".equals(dtype) ? DType.FLOAT32 : DType.FLOAT64;
        NetworkSpec network = Mlp.spec();
        architecture = Mlp.architecture();
        InitSpec init = new InitSpec(InitScheme.HE_NORMAL, 1L);
        weights = WeightInit.initialize(architecture, init);

        Random random = new Random(2);
        Tensor inputs = Mlp.inputs(random);
        Tensor targets = Mlp.oneHotTargets(random);
        command = new StepCommand(inputs, targets, Set.of(), null, null, new byte[0]);

        sessions = new SessionService(store(), engine, LIMITS, Clock.systemUTC());
        // A tiny learning rate keeps the weights (and so the work per step) the same over thousands of steps.
        Session session = sessions.create(network, null, null, init,
                new AdamSpec("adam", 1e-9, null, null, null, null, null, null, null), precision, null);
        sessionId = session.id();
        // the weights and Adam's two buffers, in the session's precision
        sessionSizedValue = new byte[(int) (3 * weights.parameterCount() * (precision == DType.FLOAT32 ? 4 : 8))];
        new Random(3).nextBytes(sessionSizedValue);
    }

    private SessionStore store() {
        if ("memory".equals(store)) {
            return new InMemorySessionStore(10, 10, Duration.ofHours(1), 10, Clock.systemUTC());
        }
        String given = System.getProperty("bench.redis");
        if (given != null) {
            connections = new LettuceConnectionFactory(given.substring(0, given.lastIndexOf(':')),
                    Integer.parseInt(given.substring(given.lastIndexOf(':') + 1)));
        } else {
            redisContainer = new GenericContainer<>("redis:7").withExposedPorts(6379);
            redisContainer.start();
            connections = new LettuceConnectionFactory(redisContainer.getHost(), redisContainer.getMappedPort(6379));
        }
        connections.afterPropertiesSet();
        connections.start();
        redis = new RedisTemplate<>();
        redis.setConnectionFactory(connections);
        redis.setEnableDefaultSerializer(false);
        redis.setKeySerializer(RedisSerializer.byteArray());
        redis.setValueSerializer(RedisSerializer.byteArray());
        redis.setHashKeySerializer(RedisSerializer.byteArray());
        redis.setHashValueSerializer(RedisSerializer.byteArray());
        redis.afterPropertiesSet();
        return new RedisSessionStore(redis, JsonMapper.builder().build(), Duration.ofHours(1), 10, Integer.MAX_VALUE,
                "redis".equals(store) ? 128 << 20 : 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (connections != null) {
            connections.destroy();
        }
        if (redisContainer != null) {
            redisContainer.stop();
        }
    }

    @Benchmark
    public GradientResult stateless() {
        return engine.gradients(architecture, weights, command.inputs(), command.targets(), precision, Set.of());
    }

    @Benchmark
    public StepReply step() {
        return sessions.step(sessionId, null, command, result -> new byte[0]);
    }

    /**
     * The floor under a step's Redis traffic: one plain SET and one GET of as many bytes as the session holds
     * (nothing with the in-memory store). A step reads the session once and writes it once.
     */
    @Benchmark
    public byte[] transferOnly() {
        if (redis == null) {
            return sessionSizedValue;
        }
        byte[] key = "gradserve:bench:transfer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        redis.opsForValue().set(key, sessionSizedValue);
        return redis.opsForValue().get(key);
    }
}
