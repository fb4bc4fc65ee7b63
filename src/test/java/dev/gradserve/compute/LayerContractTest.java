package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What every layer must do, in float64: with L = Σ c ⊙ a for random c, backward gives dL/d parameter
 * and dL/d input that agree with central finite differences (relative error ≤ 1e-6 with the floor of
 * {@link ActivationContractTest#relativeError}), keeps its arguments unmodified, and keeps the data
 * type it is given. Each layer's test extends this with its shapes.
 */
abstract class LayerContractTest {

    private static final double EPSILON = 1e-6;

    abstract Layer layer();

    /** [batch, …] of one input. */
    abstract long[] inputShape();

    /** Parameter shapes by name; empty for layers without parameters. */
    abstract Map<String, long[]> parameterShapes();

    /** Input values; random in (−1, 1) unless a layer needs values away from its kinks (e.g. distinct maxima). */
    INDArray input(Random random) {
        return random(random, inputShape());
    }

    static INDArray random(Random random, long... shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        return Nd4j.create(random.doubles(size, -1, 1).toArray(), shape, DataType.DOUBLE);
    }

    private Map<String, INDArray> parameters(Random random) {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        parameterShapes().forEach((name, shape) -> parameters.put(name, random(random, shape)));
        return parameters;
    }

    @Test
    void parameterAndInputGradientsAgreeWithCentralFiniteDifferences() {
        Random random = new Random(17);
        INDArray x = input(random);
        Map<String, INDArray> parameters = parameters(random);
        LayerTrace trace = layer().forward(x, parameters);
        INDArray c = random(random, trace.a().shape());
        INDArray dLdZ = layer().activation().backward(trace.z(), trace.a(), c);
        LayerGradients gradients = trace.backward(dLdZ, true);

        for (Map.Entry<String, INDArray> parameter : parameters.entrySet()) {
            assertAgrees(parameter.getKey(), parameter.getValue(), gradients.parameters().get(parameter.getKey()),
                    () -> loss(x, parameters, c));
        }
        assertThat(gradients.parameters().keySet()).isEqualTo(parameters.keySet());
        assertAgrees("input", x, gradients.dLdInput(), () -> loss(x, parameters, c));
    }

    @Test
    void doesNotModifyItsArgumentsAndKeepsTheDataType() {
        Random random = new Random(5);
        INDArray x = input(random).castTo(DataType.FLOAT);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        parameters(random).forEach((name, value) -> parameters.put(name, value.castTo(DataType.FLOAT)));
        INDArray xCopy = x.dup();
        Map<String, INDArray> copies = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copies.put(name, value.dup()));

        LayerTrace trace = layer().forward(x, parameters);
        INDArray dLdA = Nd4j.onesLike(trace.a());
        LayerGradients gradients = trace.backward(layer().activation().backward(trace.z(), trace.a(), dLdA), true);

        assertThat(x).isEqualTo(xCopy);
        assertThat(parameters).isEqualTo(copies);
        assertThat(trace.a().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(gradients.dLdInput().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(gradients.dLdInput().shape()).isEqualTo(x.shape());
        gradients.parameters().forEach((name, g) -> assertThat(g.shape()).as(name).isEqualTo(parameters.get(name).shape()));
    }

    /**
     * The float32 path (which may move data through float arrays of its own) gives the float64 path's values to
     * float32 precision: the same inputs, rounded to float first, within 1e-5 of the largest magnitude.
     */
    @Test
    void float32AgreesWithFloat64() {
        Random random = new Random(23);
        INDArray x = input(random).castTo(DataType.FLOAT).castTo(DataType.DOUBLE);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        parameters(random).forEach((name, value) -> parameters.put(name, value.castTo(DataType.FLOAT).castTo(DataType.DOUBLE)));
        Map<String, INDArray> floats = new LinkedHashMap<>();
        parameters.forEach((name, value) -> floats.put(name, value.castTo(DataType.FLOAT)));

        LayerTrace exact = layer().forward(x, parameters);
        LayerTrace single = layer().forward(x.castTo(DataType.FLOAT), floats);
        INDArray c = random(random, exact.a().shape());
        LayerGradients exactGradients = exact.backward(layer().activation().backward(exact.z(), exact.a(), c), true);
        LayerGradients singleGradients = single.backward(
                layer().activation().backward(single.z(), single.a(), c.castTo(DataType.FLOAT)), true);

        assertCloseInFloat32("a", exact.a(), single.a());
        assertCloseInFloat32("input", exactGradients.dLdInput(), singleGradients.dLdInput());
        exactGradients.parameters().forEach((name, g) -> assertCloseInFloat32(name, g, singleGradients.parameters().get(name)));
    }

    private static void assertCloseInFloat32(String name, INDArray exact, INDArray single) {
        double[] expected = NdArrays.doubles(exact);
        double[] actual = NdArrays.doubles(single);
        assertThat(single.shape()).as(name).isEqualTo(exact.shape());
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: %s vs %s", name, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(1e-5 * scale);
        }
    }

    private double loss(INDArray x, Map<String, INDArray> parameters, INDArray c) {
        return layer().forward(x, parameters).a().mul(c).sumNumber().doubleValue();
    }

    /** Perturbs {@code values} in place element by element (restoring each) and compares with {@code analytic}. */
    private static void assertAgrees(String name, INDArray values, INDArray analytic, java.util.function.DoubleSupplier loss) {
        INDArray flat = values.reshape(values.length());
        double[] exact = NdArrays.doubles(analytic);
        assertThat(exact).as(name).hasSize((int) values.length());
        for (int i = 0; i < flat.length(); i++) {
            double original = flat.getDouble(i);
            flat.putScalar(i, original + EPSILON);
            double plus = loss.getAsDouble();
            flat.putScalar(i, original - EPSILON);
            double minus = loss.getAsDouble();
            flat.putScalar(i, original);
            double numeric = (plus - minus) / (2 * EPSILON);
            assertThat(ActivationContractTest.relativeError(exact[i], numeric)).as("%s[%d]: %s vs %s", name, i, exact[i], numeric)
                    .isLessThan(1e-6);
        }
    }
}
