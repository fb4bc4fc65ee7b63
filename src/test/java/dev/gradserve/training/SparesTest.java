package dev.gradserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.bench.Mlp;
import dev.gradserve.model.ActivationSpec;
import dev.gradserve.model.AdagradSpec;
import dev.gradserve.model.AdamSpec;
import dev.gradserve.model.DType;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.LossSpec;
import dev.gradserve.model.LossType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.RmspropSpec;
import dev.gradserve.model.SgdSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import dev.gradserve.compute.GradientEngine;
import dev.gradserve.store.InMemorySessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A step writes into the arrays of the version two steps old when no reader was given it: the same bits as a step
 * into new arrays, for every optimizer, and never in a version a reader holds.
 */
class SparesTest {

    private static final NetworkSpec NETWORK = new NetworkSpec(List.of(4), List.of(
            new DenseSpec("hidden", "dense", 5, ActivationSpec.named("tanh"), null),
            new DenseSpec("out", "dense", 3, ActivationSpec.named("identity"), null)),
            new LossSpec(LossType.CROSS_ENTROPY, null, null, null));

    static Stream<Arguments> optimizers() {
        List<OptimizerSpec> specs = List.of(
                new SgdSpec("sgd", 0.1, null, null, null, null, null, null),
                new SgdSpec("sgd", 0.1, 0.9, null, true, 0.01, 1.0, null),
                new SgdSpec("sgd", 0.1, 0.8, 0.3, false, null, null, 0.05),
                new AdamSpec("adam", 0.01, null, null, null, null, null, null, null),
                new AdamSpec("adam", 0.01, 0.8, 0.99, 1e-6, 0.01, true, 0.5, null),
                new RmspropSpec("rmsprop", 0.01, null, null, 0.9, true, 0.01, null, null),
                new RmspropSpec("rmsprop", 0.01, 0.9, 1e-7, null, null, null, null, 0.1),
                new AdagradSpec("adagrad", 0.1, 0.01, 0.1, null, 0.01, null, null));
        List<Arguments> arguments = new ArrayList<>();
        for (OptimizerSpec spec : specs) {
            for (DType dtype : DType.values()) {
                arguments.add(Arguments.of(spec, dtype));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("optimizers")
    void aStepIntoASpareGivesTheSameBitsAsOneIntoNewArrays(OptimizerSpec optimizer, DType dtype) {
        InMemorySessionStore reusing = store();
        InMemorySessionStore fresh = store();
        SessionService reusingService = service(reusing);
        SessionService freshService = service(fresh);
        String reusingId = create(reusingService, optimizer, dtype);
        String freshId = create(freshService, optimizer, dtype);
        Random random = new Random(7);
        List<Session> versions = new ArrayList<>();
        for (int step = 1; step <= 8; step++) {
            StepCommand command = batch(random);
            freshService.get(freshId, null); // lent: every step of this one writes new arrays
            freshService.step(freshId, null, command, result -> new byte[0]);
            reusingService.step(reusingId, null, command, result -> new byte[0]);
            if (step == 4) { // a change by the client in between: its version shares the optimizer's buffers
                Weights weights = reusing.find(reusingId).orElseThrow().weights();
                reusingService.replaceWeights(reusingId, null, copy(weights), null);
                freshService.replaceWeights(freshId, null, copy(weights), null);
            }
            Session expected = fresh.find(freshId).orElseThrow();
            Session actual = reusing.find(reusingId).orElseThrow();
            assertThat(bits(actual)).as("step %d", step).isEqualTo(bits(expected));
            versions.add(actual);
        }
        // Steps 3, 7 and 8 wrote into the arrays of the versions two steps before them (not 5 and 6: after the
        // client's change); the fresh service never shares an array between two versions.
        assertThat(sharesArrays(versions.get(2), versions.get(0))).isTrue();
        assertThat(sharesArrays(versions.get(7), versions.get(5))).isTrue();
        assertThat(sharesArrays(versions.get(5), versions.get(3))).isFalse();
    }

    @Test
    void aVersionGivenToAReaderIsNeverWrittenAgain() {
        InMemorySessionStore store = store();
        SessionService service = service(store);
        String id = create(service, new AdamSpec("adam", 0.01, null, null, null, null, null, null, null), DType.FLOAT64);
        Random random = new Random(3);
        service.step(id, null, batch(random), result -> new byte[0]);
        service.step(id, null, batch(random), result -> new byte[0]);
        Session lent = service.get(id, null);
        Map<double[], long[]> before = copies(lent);
        for (int step = 0; step < 6; step++) {
            service.step(id, null, batch(random), result -> new byte[0]);
        }
        before.forEach((array, bits) -> assertThat(bits(array)).isEqualTo(bits));
        assertThat(sharesArrays(store.find(id).orElseThrow(), lent)).isFalse();
    }

    @Test
    void aReaderThatFoundAVersionBeforeItWasOverwrittenReadsAgain() {
        InMemorySessionStore store = store();
        SessionService service = service(store);
        String id = create(service, new SgdSpec("sgd", 0.1, 0.9, null, null, null, null, null), DType.FLOAT64);
        Random random = new Random(5);
        service.step(id, null, batch(random), result -> new byte[0]);
        Session stale = store.find(id).orElseThrow(); // found, not yet lent
        service.step(id, null, batch(random), result -> new byte[0]);
        service.step(id, null, batch(random), result -> new byte[0]); // into the stale version's arrays
        assertThat(sharesArrays(store.find(id).orElseThrow(), stale)).isTrue();

        Spares spares = service.spares();
        List<Session> finds = new ArrayList<>(List.of(stale));
        Optional<Session> lent = spares.lend(id, () -> finds.isEmpty() ? store.find(id) : Optional.of(finds.remove(0)));
        assertThat(lent.orElseThrow()).isSameAs(store.find(id).orElseThrow());
    }

    @Test
    void aReaderThatFoundTheVersionNowSpareClaimsIt() {
        InMemorySessionStore store = store();
        SessionService service = service(store);
        String id = create(service, new SgdSpec("sgd", 0.1, 0.9, null, null, null, null, null), DType.FLOAT64);
        Random random = new Random(6);
        service.step(id, null, batch(random), result -> new byte[0]);
        service.step(id, null, batch(random), result -> new byte[0]);
        Session found = store.find(id).orElseThrow(); // found, not yet lent
        service.step(id, null, batch(random), result -> new byte[0]); // found is the spare now

        Optional<Session> lent = service.spares().lend(id, () -> Optional.of(found));
        assertThat(lent.orElseThrow()).isSameAs(found);
        Map<double[], long[]> before = copies(found);
        service.step(id, null, batch(random), result -> new byte[0]);
        service.step(id, null, batch(random), result -> new byte[0]);
        before.forEach((array, bits) -> assertThat(bits(array)).isEqualTo(bits));
    }

    @Test
    void readersOfASessionBeingSteppedSeeNoArrayChange() throws Exception {
        InMemorySessionStore store = store();
        SessionService service = service(store);
        String id = create(service, new AdamSpec("adam", 0.01, null, null, null, null, null, null, null), DType.FLOAT32);
        java.util.concurrent.atomic.AtomicBoolean stepping = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger reused = new java.util.concurrent.atomic.AtomicInteger();
        List<String> changed = java.util.Collections.synchronizedList(new ArrayList<>());
        Runnable reader = () -> {
            while (stepping.get()) {
                Session lent = service.get(id, null);
                Map<double[], long[]> before = copies(lent);
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                before.forEach((array, bits) -> {
                    if (!java.util.Arrays.equals(bits(array), bits)) {
                        changed.add("version " + lent.version());
                    }
                });
                reads.incrementAndGet();
            }
        };
        List<Thread> readers = List.of(new Thread(reader), new Thread(reader));
        readers.forEach(Thread::start);
        Random random = new Random(9);
        List<Session> versions = new ArrayList<>();
        for (int step = 0; step < 300; step++) {
            service.step(id, null, batch(random), result -> new byte[0]);
            versions.add(store.find(id).orElseThrow());
            if (step >= 2 && sharesArrays(versions.get(step), versions.get(step - 2))) {
                reused.incrementAndGet();
            }
        }
        stepping.set(false);
        for (Thread thread : readers) {
            thread.join();
        }
        assertThat(changed).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(reused.get()).as("steps that reused a version no reader was given").isPositive();
    }

    @Test
    void aDeletedSessionsLineageGoesOnceItsVersionsAreCollected() throws Exception {
        SessionService service = service(store());
        String id = create(service, new AdamSpec("adam", 0.01, null, null, null, null, null, null, null), DType.FLOAT64);
        Random random = new Random(4);
        for (int step = 0; step < 3; step++) {
            service.step(id, null, batch(random), result -> new byte[0]);
        }
        assertThat(service.spares().tracks(id)).isTrue();
        service.delete(id, null);
        String other = create(service, new AdamSpec("adam", 0.01, null, null, null, null, null, null, null), DType.FLOAT64);
        for (int attempt = 0; attempt < 50 && service.spares().tracks(id); attempt++) {
            System.gc();
            Thread.sleep(20);
            service.step(other, null, batch(random), result -> new byte[0]); // a step looks for collected versions
        }
        assertThat(service.spares().tracks(id)).isFalse();
    }

    private static Map<String, Map<String, Tensor>> copy(Weights weights) {
        Map<String, Map<String, Tensor>> copy = new java.util.LinkedHashMap<>();
        weights.layers().forEach((layer, parameters) -> parameters.forEach((name, tensor) -> copy
                .computeIfAbsent(layer, key -> new java.util.LinkedHashMap<>())
                .put(name, new Tensor(tensor.shape(), tensor.data().clone()))));
        return copy;
    }

    private static InMemorySessionStore store() {
        return new InMemorySessionStore(10, 10, Duration.ofHours(1), 10, Clock.systemUTC());
    }

    private static SessionService service(InMemorySessionStore store) {
        return new SessionService(store, new GradientEngine(), Mlp.LIMITS, Clock.systemUTC());
    }

    private static String create(SessionService service, OptimizerSpec optimizer, DType dtype) {
        return service.create(NETWORK, null, null, new InitSpec(InitScheme.HE_NORMAL, 1L), optimizer, dtype, null).id();
    }

    private static StepCommand batch(Random random) {
        double[] targets = new double[6 * 3];
        for (int row = 0; row < 6; row++) {
            targets[row * 3 + random.nextInt(3)] = 1;
        }
        return new StepCommand(new Tensor(new int[] {6, 4}, random.doubles(24, -2, 2).toArray()),
                new Tensor(new int[] {6, 3}, targets), Set.of(), null, null, new byte[0]);
    }

    /** Every number of the session (weights, then each buffer), as bits, in order. */
    private static long[] bits(Session session) {
        return arrays(session).stream().flatMapToLong(array -> java.util.Arrays.stream(bits(array))).toArray();
    }

    private static long[] bits(double[] array) {
        long[] bits = new long[array.length];
        for (int i = 0; i < array.length; i++) {
            bits[i] = Double.doubleToRawLongBits(array[i]);
        }
        return bits;
    }

    private static List<double[]> arrays(Session session) {
        List<double[]> arrays = new ArrayList<>();
        List<Weights> all = new ArrayList<>(List.of(session.weights()));
        all.addAll(session.optimizerState().buffers().values());
        all.forEach(weights -> weights.layers().values().forEach(layer -> layer.values().forEach(t -> arrays.add(t.data()))));
        return arrays;
    }

    private static Map<double[], long[]> copies(Session session) {
        Map<double[], long[]> copies = new IdentityHashMap<>();
        arrays(session).forEach(array -> copies.put(array, bits(array)));
        return copies;
    }

    private static boolean sharesArrays(Session a, Session b) {
        Map<double[], Boolean> ofB = new IdentityHashMap<>();
        arrays(b).forEach(array -> ofB.put(array, true));
        return arrays(a).stream().anyMatch(ofB::containsKey);
    }
}
