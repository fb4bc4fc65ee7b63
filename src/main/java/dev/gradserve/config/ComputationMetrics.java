package dev.gradserve.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Meters computations where requests enter, since the engine and the session service are final classes
 * that cannot be wrapped:
 * <ul>
 * <li>{@code gradserve.computations.in.flight}: requests to a computing call (every POST under /v1 except
 * creating a session: gradients, forward passes, gradient checks, steps) being served now, from the
 * moment the call is chosen until the answer is written. There is no queue in front of the engine; each
 * request computes on its own server thread, so work in flight beyond the number of cores is work
 * waiting for a core. Requests still waiting for a server thread are not counted.</li>
 * <li>{@code gradserve.session.steps}: optimizer steps applied, that is steps answered 200 that are not the
 * replay of an earlier answer ({@code Idempotent-Replayed: false}); its rate is the steps per second.</li>
 * </ul>
 */
final class ComputationMetrics implements HandlerInterceptor {

    private static final String STEPS_PATTERN = "/v1/sessions/{id}/steps";
    private static final String CREATE_SESSION_PATTERN = "/v1/sessions";
    private static final String COUNTED = ComputationMetrics.class.getName() + ".counted";

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter steps;

    ComputationMetrics(MeterRegistry registry) {
        Gauge.builder("gradserve.computations.in.flight", inFlight, AtomicInteger::get)
                .description("Requests to computing calls (gradients, forward, gradient checks, steps) being served")
                .register(registry);
        this.steps = Counter.builder("gradserve.session.steps")
                .description("Optimizer steps applied to sessions (replays of an idempotent step excluded)")
                .register(registry);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (computes(request)) {
            inFlight.incrementAndGet();
            request.setAttribute(COUNTED, Boolean.TRUE);
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception exception) {
        if (request.getAttribute(COUNTED) == null) {
            return;
        }
        inFlight.decrementAndGet();
        if (STEPS_PATTERN.equals(pattern(request)) && response.getStatus() == HttpServletResponse.SC_OK
                && "false".equals(response.getHeader("Idempotent-Replayed"))) {
            steps.increment();
        }
    }

    private static boolean computes(HttpServletRequest request) {
        String pattern = pattern(request);
        return "POST".equals(request.getMethod()) && pattern != null && pattern.startsWith("/v1/")
                && !pattern.equals(CREATE_SESSION_PATTERN);
    }

    private static String pattern(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern ? pattern : null;
    }
}
