package dev.gradserve.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * {@code gradserve.session.steps}: optimizer steps applied, whose rate is the steps per second. A step is
 * applied when POST /v1/sessions/{id}/steps answers 200 and is not the replay of an earlier answer
 * ({@code Idempotent-Replayed: false}). Counted where requests leave, since the session service is a
 * final class that cannot be wrapped.
 */
final class StepCounter implements HandlerInterceptor {

    private static final String STEPS = "/v1/sessions/{id}/steps";

    private final Counter steps;

    StepCounter(MeterRegistry registry) {
        this.steps = Counter.builder("gradserve.session.steps")
                .description("Optimizer steps applied to sessions (replays of an idempotent step excluded)")
                .register(registry);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception exception) {
        if (STEPS.equals(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
                && "POST".equals(request.getMethod()) && response.getStatus() == HttpServletResponse.SC_OK
                && "false".equals(response.getHeader("Idempotent-Replayed"))) {
            steps.increment();
        }
    }
}
