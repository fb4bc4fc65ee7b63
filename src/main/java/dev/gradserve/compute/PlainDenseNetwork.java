package dev.gradserve.compute;

import dev.gradserve.model.Architecture;
import dev.gradserve.model.DType;
import dev.gradserve.model.DenseSpec;
import dev.gradserve.model.Include;
import dev.gradserve.model.ResolvedLayer;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.Weights;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Small float64 dense networks computed on plain Java arrays. ND4J spends 5–50 µs on every operation
 * whatever its size (allocation, native calls), so the worked example took ~500 µs through it for
 * ~30 multiply-adds; here it takes a few. The arithmetic is the same as the ND4J path's, through the
 * same activation and loss classes (their plain-array forms), and tests hold the two paths together.
 * Larger networks, float32, and other layer types use {@link Network}.
 */
final class PlainDenseNetwork {

    /** Multiply-adds of one forward pass up to which plain arrays are faster than ND4J (see docs/PERFORMANCE.md). */
    static final long MAX_MULTIPLY_ADDS = 65_536;

    private final String[] names;
    private final int[] widths;
    private final Activation[] activations;
    private final Loss loss;

    private PlainDenseNetwork(Architecture architecture) {
        int count = architecture.layers().size();
        names = new String[count];
        widths = new int[count + 1];
        activations = new Activation[count];
        widths[0] = architecture.inputShape()[0];
        for (int l = 0; l < count; l++) {
            ResolvedLayer layer = architecture.layers().get(l);
            names[l] = layer.name();
            widths[l + 1] = layer.outputShape()[0];
            activations[l] = Activations.of(((DenseSpec) layer.spec()).activationOrDefault());
        }
        loss = architecture.loss() == null ? null : Losses.of(architecture.loss());
    }

    /** This path for dense-only float64 networks on flat inputs whose forward pass is small; null otherwise. */
    static PlainDenseNetwork forSmall(Architecture architecture, int batch, DType dtype, long maxMultiplyAdds) {
        if (dtype != DType.FLOAT64 || architecture.inputShape().length != 1) {
            return null;
        }
        long work = 0;
        for (ResolvedLayer layer : architecture.layers()) {
            if (!(layer.spec() instanceof DenseSpec)) {
                return null;
            }
            work += (long) batch * layer.inputShape()[0] * layer.outputShape()[0];
        }
        return work <= maxMultiplyAdds ? new PlainDenseNetwork(architecture) : null;
    }

    /** What the forward pass keeps per layer: its input, z and a, row-major [batch × width]. */
    private record Pass(int batch, double[][] inputs, double[][] z, double[][] a) {}

    private Pass forward(Weights weights, double[] x, int batch) {
        int count = names.length;
        Pass pass = new Pass(batch, new double[count][], new double[count][], new double[count][]);
        double[] in = x;
        for (int l = 0; l < count; l++) {
            int inWidth = widths[l];
            int outWidth = widths[l + 1];
            double[] W = weights.get(names[l], "W").data();
            Tensor bias = weights.get(names[l], "b");
            double[] z = new double[batch * outWidth];
            for (int r = 0; r < batch; r++) {
                for (int u = 0; u < outWidth; u++) {
                    double sum = bias == null ? 0 : bias.data()[u];
                    for (int i = 0; i < inWidth; i++) {
                        sum += in[r * inWidth + i] * W[u * inWidth + i];
                    }
                    z[r * outWidth + u] = sum;
                }
            }
            double[] a = new double[z.length];
            activations[l].forward(z, a, outWidth);
            pass.inputs[l] = in;
            pass.z[l] = z;
            pass.a[l] = a;
            in = a;
        }
        return pass;
    }

    ForwardResult forward(Weights weights, Tensor inputs, Tensor targets, Set<Include> include) {
        int batch = inputs.shape()[0];
        Pass pass = forward(weights, inputs.data(), batch);
        int last = names.length - 1;
        Double value = targets == null ? null
                : loss.evaluate(pass.z[last], pass.a[last], widths[last + 1], activations[last], targets.data()).value();
        Tensor outputs = tensor(batch, last + 1, pass.a[last]);
        Map<String, LayerValues> reported = include.contains(Include.ACTIVATIONS) ? activations(pass) : null;
        if (outputs.firstNonFinite() >= 0 || (value != null && !Double.isFinite(value)) || nonFinite(reported)) {
            throw locate(pass, value, null);
        }
        return new ForwardResult(outputs, value, reported, include.contains(Include.WEIGHTS) ? weights : null);
    }

    /**
     * @param targets         for the loss; or null when {@code outputGradients} are given instead
     * @param outputGradients dL/d outputs to backpropagate (a vector–Jacobian product, no loss); or null
     */
    GradientResult gradients(Weights weights, Tensor inputs, Tensor targets, Tensor outputGradients, Set<Include> include) {
        int batch = inputs.shape()[0];
        int count = names.length;
        Pass pass = forward(weights, inputs.data(), batch);
        Loss.PlainLoss result;
        if (targets != null) {
            result = loss.evaluate(pass.z[count - 1], pass.a[count - 1], widths[count], activations[count - 1], targets.data());
        } else {
            double[] dLdZ = new double[pass.a[count - 1].length];
            activations[count - 1].backward(pass.z[count - 1], pass.a[count - 1], outputGradients.data(), dLdZ, widths[count]);
            result = new Loss.PlainLoss(Double.NaN, dLdZ);
        }
        Double value = targets != null ? result.value() : null;
        double[][] deltas = new double[count][];
        Map<String, Map<String, Tensor>> gradients = new LinkedHashMap<>();
        double[] dLdZ = result.dLdZ();
        double[] inputGradients = null;
        for (int l = count - 1; l >= 0; l--) {
            deltas[l] = dLdZ;
            gradients.put(names[l], parameterGradients(l, dLdZ, pass.inputs[l], batch, weights));
            if (l > 0 || include.contains(Include.INPUT_GRADIENTS)) {
                double[] dLdX = inputGradient(l, dLdZ, batch, weights);
                if (l == 0) {
                    inputGradients = dLdX;
                } else {
                    dLdZ = new double[dLdX.length];
                    activations[l - 1].backward(pass.z[l - 1], pass.a[l - 1], dLdX, dLdZ, widths[l]);
                }
            }
        }
        Map<String, Map<String, Tensor>> ordered = new LinkedHashMap<>();
        for (String name : names) {
            ordered.put(name, gradients.get(name));
        }
        Weights gradientWeights = new Weights(ordered);
        Tensor outputs = tensor(batch, count, pass.a[count - 1]);
        Map<String, LayerValues> reported = include.contains(Include.ACTIVATIONS) ? activations(pass) : null;
        Map<String, Tensor> reportedDeltas = null;
        if (include.contains(Include.DELTAS)) {
            reportedDeltas = new LinkedHashMap<>();
            for (int l = 0; l < count; l++) {
                reportedDeltas.put(names[l], tensor(batch, l + 1, deltas[l]));
            }
        }
        Tensor inputGradientTensor = inputGradients == null ? null : tensor(batch, 0, inputGradients);
        boolean finite = (value == null || Double.isFinite(value)) && outputs.firstNonFinite() < 0 && !nonFinite(reported)
                && gradientWeights.layers().values().stream().flatMap(p -> p.values().stream()).allMatch(t -> t.firstNonFinite() < 0)
                && (reportedDeltas == null || reportedDeltas.values().stream().allMatch(t -> t.firstNonFinite() < 0))
                && (inputGradientTensor == null || inputGradientTensor.firstNonFinite() < 0);
        if (!finite) {
            throw locate(pass, value, deltas);
        }
        Map<String, GradientNorms> norms = include.contains(Include.GRADIENT_NORMS) ? norms(gradientWeights) : null;
        return new GradientResult(value, outputs, gradientWeights, reported, reportedDeltas, inputGradientTensor,
                include.contains(Include.WEIGHTS) ? weights : null, norms, null);
    }

    /** dL/dW = δᵀ·x, dL/db = Σ_batch δ. */
    private Map<String, Tensor> parameterGradients(int l, double[] delta, double[] x, int batch, Weights weights) {
        int inWidth = widths[l];
        int outWidth = widths[l + 1];
        double[] dW = new double[outWidth * inWidth];
        double[] db = new double[outWidth];
        for (int r = 0; r < batch; r++) {
            for (int u = 0; u < outWidth; u++) {
                double d = delta[r * outWidth + u];
                db[u] += d;
                for (int i = 0; i < inWidth; i++) {
                    dW[u * inWidth + i] += d * x[r * inWidth + i];
                }
            }
        }
        Map<String, Tensor> gradients = new LinkedHashMap<>();
        gradients.put("W", new Tensor(new int[] {outWidth, inWidth}, dW));
        if (weights.get(names[l], "b") != null) {
            gradients.put("b", new Tensor(new int[] {outWidth}, db));
        }
        return gradients;
    }

    /** dL/dx = δ·W. */
    private double[] inputGradient(int l, double[] delta, int batch, Weights weights) {
        int inWidth = widths[l];
        int outWidth = widths[l + 1];
        double[] W = weights.get(names[l], "W").data();
        double[] dX = new double[batch * inWidth];
        for (int r = 0; r < batch; r++) {
            for (int u = 0; u < outWidth; u++) {
                double d = delta[r * outWidth + u];
                for (int i = 0; i < inWidth; i++) {
                    dX[r * inWidth + i] += d * W[u * inWidth + i];
                }
            }
        }
        return dX;
    }

    private Map<String, LayerValues> activations(Pass pass) {
        Map<String, LayerValues> reported = new LinkedHashMap<>();
        for (int l = 0; l < names.length; l++) {
            reported.put(names[l], new LayerValues(tensor(pass.batch, l + 1, pass.z[l]), tensor(pass.batch, l + 1, pass.a[l]),
                    null));
        }
        return reported;
    }

    private Map<String, GradientNorms> norms(Weights gradients) {
        Map<String, GradientNorms> norms = new LinkedHashMap<>();
        gradients.layers().forEach((layer, parameters) -> {
            Map<String, Double> perParameter = new LinkedHashMap<>();
            double total = 0;
            for (Map.Entry<String, Tensor> parameter : parameters.entrySet()) {
                double norm = Norms.l2(parameter.getValue().data());
                perParameter.put(parameter.getKey(), norm);
                total = Math.hypot(total, norm);
            }
            norms.put(layer, new GradientNorms(total, perParameter, null));
        });
        return norms;
    }

    /** The values of width index {@code w} (0 = the inputs) as [batch, width]. */
    private Tensor tensor(int batch, int w, double[] values) {
        return new Tensor(new int[] {batch, widths[w]}, values);
    }

    private static boolean nonFinite(Map<String, LayerValues> reported) {
        return reported != null && reported.values().stream()
                .anyMatch(v -> v.z().firstNonFinite() >= 0 || v.a().firstNonFinite() >= 0);
    }

    /** The first non-finite quantity in computation order, as {@link NonFiniteLocator} names it. */
    private NonFiniteResultException locate(Pass pass, Double value, double[][] deltas) {
        for (int l = 0; l < names.length; l++) {
            NonFiniteResultException found = check(l, "pre-activation z", pass.batch, pass.z[l]);
            found = found != null ? found : check(l, "activation a", pass.batch, pass.a[l]);
            if (found != null) {
                return found;
            }
        }
        if (value != null && !Double.isFinite(value)) {
            return new NonFiniteResultException(-1, "the loss is " + value);
        }
        for (int l = names.length - 1; deltas != null && l >= 0; l--) {
            NonFiniteResultException found = check(l, "error signal dL/dz", pass.batch, deltas[l]);
            if (found != null) {
                return found;
            }
        }
        return new NonFiniteResultException(names.length - 1, "a gradient of layer '" + names[names.length - 1]
                + "' is not finite; smaller weights, inputs or learning rates keep it in range");
    }

    private NonFiniteResultException check(int l, String quantity, int batch, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                int width = values.length / batch;
                return new NonFiniteResultException(l, "the " + quantity + " of layer '" + names[l] + "' is not finite: "
                        + values[i] + " at " + Arrays.toString(new int[] {i / width, i % width})
                        + "; smaller weights, inputs or learning rates keep it in range");
            }
        }
        return null;
    }
}
