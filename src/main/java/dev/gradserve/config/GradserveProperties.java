package dev.gradserve.config;

import dev.gradserve.model.Limits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of gradserve, under {@code gradserve.*}, with defaults that work out of the box.
 *
 * @param limits bounds that protect the server
 */
@ConfigurationProperties("gradserve")
public record GradserveProperties(@DefaultValue LimitsProperties limits) {

    /**
     * @param maxBodySize                largest request body; larger ones get 413
     * @param maxLayers                  layers in one network
     * @param maxParameters              weights and biases in one network
     * @param maxBatchSize               examples in one batch
     * @param maxActivationElements      batch size × the summed output sizes of all layers
     * @param maxGradientCheckParameters parameters one gradient check may perturb
     */
    public record LimitsProperties(
            @DefaultValue("32MB") DataSize maxBodySize,
            @DefaultValue("100") int maxLayers,
            @DefaultValue("10000000") long maxParameters,
            @DefaultValue("10000") int maxBatchSize,
            @DefaultValue("50000000") long maxActivationElements,
            @DefaultValue("20000") long maxGradientCheckParameters) {

        public Limits toLimits() {
            return new Limits(maxLayers, maxParameters, maxBatchSize, maxActivationElements, maxGradientCheckParameters);
        }
    }
}
