package dev.gradserve.config;

import dev.gradserve.compute.GradientEngine;
import dev.gradserve.model.Limits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The compute core and the limits it is held to, as beans. */
@Configuration(proxyBeanMethods = false)
class ComputeConfig {

    @Bean
    GradientEngine gradientEngine() {
        return new GradientEngine();
    }

    @Bean
    Limits limits(GradserveProperties properties) {
        return properties.limits().toLimits();
    }
}
