package dev.gradserve.compute;

import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks backpropagation against central finite differences, parameter by parameter, in float64:
 * numeric = (L(w + ε) − L(w − ε)) / 2ε. As in DL4J's GradientCheckUtil, an element whose absolute
 * error is within {@code absoluteTolerance} counts as exact (relative error 0), because for tiny
 * gradients the relative error measures only rounding; otherwise relative error =
 * |analytic − numeric| / max(|analytic|, |numeric|).
 */
public final class GradientCheck {

    /**
     * @param epsilon           the step ε
     * @param tolerance         largest relative error that passes
     * @param absoluteTolerance absolute errors up to this count as exact
     */
    public record Settings(double epsilon, double tolerance, double absoluteTolerance) {

        public static final double DEFAULT_EPSILON = 1e-6;
        public static final double DEFAULT_TOLERANCE = 1e-6;
        public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-8;
    }

    private final Network network;
    private final Settings settings;

    GradientCheck(Network network, Settings settings) {
        this.network = network;
        this.settings = settings;
    }

    GradientCheckResult run(Weights weights, Tensor inputs, Tensor targets) {
        Network.Parameters parameters = NdArrays.toParameters(weights, DType.FLOAT64);
        INDArray x = NdArrays.toArray(inputs, DType.FLOAT64);
        INDArray t = NdArrays.toArray(targets, DType.FLOAT64);
        ForwardPass forward = network.forward(x, parameters);
        BackwardPass backward = network.backward(forward, t, false);

        Map<String, Map<String, GradientCheckResult.ParameterCheck>> checks = new LinkedHashMap<>();
        double maxRelative = 0;
        double maxAbsolute = 0;
        for (int i = 0; i < network.layers().size(); i++) {
            String layer = network.layers().get(i).name();
            Map<String, INDArray> analytic = backward.gradients().get(i).parameters();
            if (analytic.isEmpty()) {
                continue;
            }
            Map<String, GradientCheckResult.ParameterCheck> layerChecks = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> gradient : analytic.entrySet()) {
                INDArray parameter = parameters.of(layer).get(gradient.getKey());
                Tensor exact = NdArrays.toTensor(gradient.getValue());
                if (exact.firstNonFinite() >= 0) {
                    throw NonFiniteLocator.locate(network.layers(), forward, backward.loss(), backward);
                }
                GradientCheckResult.ParameterCheck check = compare(parameter, exact, x, t, parameters,
                        layer + "." + gradient.getKey());
                layerChecks.put(gradient.getKey(), check);
                maxRelative = Math.max(maxRelative, check.maxRelativeError());
                maxAbsolute = Math.max(maxAbsolute, check.maxAbsoluteError());
            }
            checks.put(layer, layerChecks);
        }
        return new GradientCheckResult(maxRelative <= settings.tolerance(), maxRelative, maxAbsolute, checks);
    }

    /** Perturbs each element of {@code parameter} in place, restoring it afterwards. */
    private GradientCheckResult.ParameterCheck compare(INDArray parameter, Tensor analytic, INDArray x, INDArray t,
            Network.Parameters parameters, String name) {
        INDArray flat = parameter.reshape(parameter.length());
        double epsilon = settings.epsilon();
        double maxRelative = 0;
        double maxAbsolute = 0;
        int worst = 0;
        double worstNumeric = Double.NaN;
        for (int i = 0; i < analytic.size(); i++) {
            double original = flat.getDouble(i);
            flat.putScalar(i, original + epsilon);
            double plus = lossAt(x, t, parameters);
            flat.putScalar(i, original - epsilon);
            double minus = lossAt(x, t, parameters);
            flat.putScalar(i, original);
            double numeric = (plus - minus) / (2 * epsilon);
            if (!Double.isFinite(numeric)) {
                throw new NonFiniteResultException(-1, "the loss is not finite when " + name
                        + java.util.Arrays.toString(analytic.indexOf(i)) + " moves by ±" + epsilon + "; use a smaller epsilon");
            }
            double absolute = Math.abs(analytic.data()[i] - numeric);
            double relative = absolute <= settings.absoluteTolerance() ? 0
                    : absolute / Math.max(Math.abs(analytic.data()[i]), Math.abs(numeric));
            if (i == 0 || relative > maxRelative || (relative == maxRelative && absolute > maxAbsolute)) {
                worst = i;
                worstNumeric = numeric;
            }
            maxRelative = Math.max(maxRelative, relative);
            maxAbsolute = Math.max(maxAbsolute, absolute);
        }
        return new GradientCheckResult.ParameterCheck(maxRelative, maxAbsolute, analytic.indexOf(worst),
                analytic.data()[worst], worstNumeric);
    }

    /** In a workspace of its own: up to 40,000 passes, whose arrays would otherwise wait for the garbage collector. */
    private double lossAt(INDArray x, INDArray t, Network.Parameters parameters) {
        return Workspaces.run(() -> network.loss(network.forward(x, parameters), t).value());
    }
}
