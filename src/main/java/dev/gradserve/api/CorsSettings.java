package dev.gradserve.api;

import dev.gradserve.config.GradserveProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets pages on the configured origins ({@code gradserve.security.cors-allowed-origins}) call the API
 * from a browser, with the headers the API reads and the ones a client needs to see.
 */
@Configuration(proxyBeanMethods = false)
class CorsSettings implements WebMvcConfigurer {

    private final GradserveProperties properties;

    CorsSettings(GradserveProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (properties.security().corsAllowedOrigins().isEmpty()) {
            return;
        }
        registry.addMapping("/v1/**")
                .allowedOrigins(properties.security().corsAllowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "POST", "PUT", "DELETE")
                .allowedHeaders("Content-Type", "Authorization", "If-Match", "Idempotency-Key", RequestIdFilter.HEADER)
                .exposedHeaders("ETag", "Location", "Retry-After", "Idempotent-Replayed", RequestIdFilter.HEADER)
                .maxAge(3600);
    }
}
