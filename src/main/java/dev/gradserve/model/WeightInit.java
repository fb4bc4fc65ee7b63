package dev.gradserve.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Draws initial weights. {@link Random}'s algorithm (a 48-bit LCG, and the polar method for
 * Gaussians) is fixed by the Java specification, so a seed means the same weights everywhere.
 * Parameters are drawn in layer order, then in each layer's parameter order, in row-major order.
 */
public final class WeightInit {

    private WeightInit() {}

    public static Weights initialize(Architecture architecture, InitSpec init) {
        Random random = new Random(init.seedOrDefault());
        Map<String, Map<String, Tensor>> layers = new LinkedHashMap<>();
        for (ResolvedLayer layer : architecture.layers()) {
            if (layer.parameters().isEmpty()) {
                continue;
            }
            Map<String, Tensor> parameters = new LinkedHashMap<>();
            for (ParameterShape parameter : layer.parameters()) {
                double[] values = new double[(int) parameter.size()];
                if (!parameter.bias()) {
                    fill(values, init.scheme(), parameter.fanIn(), parameter.fanOut(), random);
                }
                parameters.put(parameter.name(), new Tensor(parameter.shape(), values));
            }
            layers.put(layer.name(), parameters);
        }
        return new Weights(layers);
    }

    private static void fill(double[] values, InitScheme scheme, int fanIn, int fanOut, Random random) {
        switch (scheme) {
            case XAVIER_UNIFORM -> uniform(values, Math.sqrt(6.0 / (fanIn + fanOut)), random);
            case XAVIER_NORMAL -> normal(values, Math.sqrt(2.0 / (fanIn + fanOut)), random);
            case HE_UNIFORM -> uniform(values, Math.sqrt(6.0 / fanIn), random);
            case HE_NORMAL -> normal(values, Math.sqrt(2.0 / fanIn), random);
        }
    }

    private static void uniform(double[] values, double bound, Random random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * bound;
        }
    }

    private static void normal(double[] values, double std, Random random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * std;
        }
    }
}
