package dev.gradserve.api;

import dev.gradserve.config.GradserveProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Lets pages on the configured origins ({@code gradserve.security.cors-allowed-origins}) call the API
 * from a browser, with the headers the API reads and the ones a client needs to see. As a filter
 * ahead of the others, so that their answers (401, 413, 503) carry the CORS headers too and a page
 * can read them; a refused origin gets a 403 problem.
 */
@Configuration(proxyBeanMethods = false)
class CorsSettings {

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(GradserveProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.security().corsAllowedOrigins();
        if (!origins.isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(origins);
            configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            configuration.setAllowedHeaders(List.of("Content-Type", "Authorization", "If-Match", "Idempotency-Key",
                    RequestIdFilter.HEADER));
            configuration.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "Idempotent-Replayed",
                    "WWW-Authenticate", RequestIdFilter.HEADER));
            configuration.setMaxAge(3600L);
            source.registerCorsConfiguration("/v1/**", configuration);
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor());
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** A refused cross-origin request is answered as a problem, like every error. */
    private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(org.springframework.http.HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            String detail = "this origin may not call the API from a browser; the server lists the origins that may";
            response.getBody().write(("{\"type\":\"urn:gradserve:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"" + detail + "\",\"errors\":[{\"pointer\":\"\",\"message\":\"" + detail + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8));
            response.flush();
        }
    }
}
