package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.Include;
import dev.gradserve.model.InitScheme;
import dev.gradserve.model.InitSpec;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.WeightInit;
import dev.gradserve.model.Weights;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One engine serving many requests at once, float32 and float64 interleaved, gives each of them
 * exactly (bit for bit) what it gives it alone: no request's data or data type leaks into another's.
 */
class ConcurrentRequestsTest {

    private final GradientEngine engine = new GradientEngine();

    private record Job(Weights weights, Tensor inputs, DType dtype) {}

    @Test
    void concurrentRequestsOfBothPrecisionsGetExactlyTheirSequentialAnswers() throws Exception {
        Architecture architecture = WorkedExample.architecture();
        List<Job> jobs = new ArrayList<>();
        Random random = new Random(4);
        for (int i = 0; i < 64; i++) {
            Weights weights = WeightInit.initialize(architecture, new InitSpec(InitScheme.XAVIER_NORMAL, (long) i));
            Tensor inputs = new Tensor(new int[] {3, 2}, random.doubles(6, -1, 1).toArray());
            jobs.add(new Job(weights, inputs, i % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64));
        }
        List<GradientResult> sequential = new ArrayList<>();
        for (Job job : jobs) {
            sequential.add(run(architecture, job));
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<GradientResult>> concurrent = new ArrayList<>();
                for (Job job : jobs) {
                    concurrent.add(pool.submit(() -> run(architecture, job)));
                }
                for (int i = 0; i < jobs.size(); i++) {
                    GradientResult expected = sequential.get(i);
                    GradientResult actual = concurrent.get(i).get();
                    assertThat(actual.loss()).as("job %d", i).isEqualTo(expected.loss());
                    assertThat(actual.gradients()).as("job %d", i).isEqualTo(expected.gradients());
                    assertThat(actual.deltas()).as("job %d", i).isEqualTo(expected.deltas());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private GradientResult run(Architecture architecture, Job job) {
        Tensor targets = new Tensor(new int[] {3, 2}, new double[] {0.1, 0.9, 0.5, 0.5, 0.9, 0.1});
        return engine.gradients(architecture, job.weights(), job.inputs(), targets, job.dtype(), EnumSet.of(Include.DELTAS));
    }
}
