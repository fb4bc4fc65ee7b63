package dev.gradserve.compute;

import dev.gradserve.model.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * rnn, lstm and gru, each held to {@link LayerContractTest} (float64 finite differences of every parameter and
 * of the input, arguments unmodified, data type kept) on odd sizes: batch 2, time 7, features 3, units 5.
 * Truncated backpropagation through time is checked in {@link TruncatedBpttTest}, against a loss in which no
 * gradient crosses a chunk boundary.
 */
class RecurrentLayerTests {

    static final long[] ODD_INPUT = {2, 7, 3};

    /** In a fixed order, so that every run draws the same values. */
    static Map<String, long[]> parameters(int gates, int units, int features, boolean twoBiases) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("W_xh", new long[] {gates * units, features});
        shapes.put("W_hh", new long[] {gates * units, units});
        if (twoBiases) {
            shapes.put("b_xh", new long[] {gates * units});
            shapes.put("b_hh", new long[] {gates * units});
        } else {
            shapes.put("b", new long[] {gates * units});
        }
        return shapes;
    }

    @Nested
    class TanhRnnReturningTheLastStateTest extends LayerContractTest {
        Layer layer() {
            return new RnnLayer("rnn", new Tanh(), null, new Unrolling(false, 0));
        }

        long[] inputShape() {
            return ODD_INPUT;
        }

        Map<String, long[]> parameterShapes() {
            return parameters(1, 5, 3, false);
        }
    }

    @Nested
    class TanhRnnReturningSequencesTest extends TanhRnnReturningTheLastStateTest {
        @Override
        Layer layer() {
            return new RnnLayer("rnn", new Tanh(), null, new Unrolling(true, 0));
        }
    }

    /** relu, with h_0 given: the initial state enters z_0 through W_hh. */
    @Nested
    class ReluRnnWithAnInitialStateReturningSequencesTest extends TanhRnnReturningTheLastStateTest {
        @Override
        Layer layer() {
            return new RnnLayer("rnn", new Relu(), Tensor.vector(0.5, -0.3, 0.8, 0.1, -0.9), new Unrolling(true, 0));
        }
    }

    @Nested
    class ReluRnnWithAnInitialStateReturningTheLastStateTest extends TanhRnnReturningTheLastStateTest {
        @Override
        Layer layer() {
            return new RnnLayer("rnn", new Relu(), Tensor.vector(0.5, -0.3, 0.8, 0.1, -0.9), new Unrolling(false, 0));
        }
    }

    @Nested
    class LstmReturningTheLastStateTest extends LayerContractTest {
        Layer layer() {
            return new LstmLayer("lstm", new Unrolling(false, 0));
        }

        long[] inputShape() {
            return ODD_INPUT;
        }

        Map<String, long[]> parameterShapes() {
            return parameters(4, 5, 3, false);
        }
    }

    @Nested
    class LstmReturningSequencesTest extends LstmReturningTheLastStateTest {
        @Override
        Layer layer() {
            return new LstmLayer("lstm", new Unrolling(true, 0));
        }
    }

    /** One example, one step, one unit: no axis of size 1 may be lost on the way. */
    @Nested
    class LstmOfOneStepOneUnitOneExampleTest extends LayerContractTest {
        Layer layer() {
            return new LstmLayer("lstm", new Unrolling(true, 0));
        }

        long[] inputShape() {
            return new long[] {1, 1, 2};
        }

        Map<String, long[]> parameterShapes() {
            return parameters(4, 1, 2, false);
        }
    }

    @Nested
    class GruReturningTheLastStateTest extends LayerContractTest {
        Layer layer() {
            return new GruLayer("gru", new Unrolling(false, 0));
        }

        long[] inputShape() {
            return ODD_INPUT;
        }

        Map<String, long[]> parameterShapes() {
            return parameters(3, 5, 3, true);
        }
    }

    @Nested
    class GruReturningSequencesTest extends GruReturningTheLastStateTest {
        @Override
        Layer layer() {
            return new GruLayer("gru", new Unrolling(true, 0));
        }
    }

    @Nested
    class GruOfOneExampleOneUnitTest extends LayerContractTest {
        Layer layer() {
            return new GruLayer("gru", new Unrolling(false, 0));
        }

        long[] inputShape() {
            return new long[] {1, 4, 1};
        }

        Map<String, long[]> parameterShapes() {
            return parameters(3, 1, 1, true);
        }
    }
}
