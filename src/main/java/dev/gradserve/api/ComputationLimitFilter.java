package dev.gradserve.api;

import dev.gradserve.config.GradserveProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the computations running at once ({@code gradserve.limits.max-concurrent-computations}).
 * A request that cannot start within {@code computation-queue-timeout} gets a fast 503 with
 * Retry-After instead of joining a queue that grows without bound. Every POST and PUT under /v1
 * computes (or draws weights). The body is read in full (bounded by {@link BodySizeLimitFilter})
 * before a permit is taken, so a client uploading slowly holds only its own connection, never a
 * permit that others need.
 *
 * <p>Nor does a computation start while the process's resident memory is over
 * {@code gradserve.limits.max-resident-memory} (twice the heap's limit unless set): it is answered 503 as well, so
 * that a server near its container's memory limit refuses work rather than being killed. This replaces JavaCPP's own
 * check ({@code org.bytedeco.javacpp.maxPhysicalBytes}), which read the resident memory at every native allocation
 * — 1.6 µs each, about 4% of an MLP pass — and which {@link dev.gradserve.GradserveApplication} turns off: read here
 * before a request's computation, at most once a millisecond.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class ComputationLimitFilter extends OncePerRequestFilter {

    /** Reading the resident memory takes 1.6 µs here (a file read); at thousands of requests a second, once a ms. */
    private static final long READ_INTERVAL_NANOS = 1_000_000;

    private final Semaphore permits;
    private final int capacity;
    private final long timeoutNanos;
    private final long residentMemoryCeiling;
    /** The last reading of the resident memory and when it was taken: read at most once a millisecond. */
    private volatile long resident;
    private volatile long residentReadAt = System.nanoTime() - READ_INTERVAL_NANOS;
    private final ProblemWriter problems;

    ComputationLimitFilter(GradserveProperties properties, ProblemWriter problems) {
        this.capacity = properties.limits().concurrentComputations();
        this.permits = new Semaphore(capacity, true);
        this.timeoutNanos = properties.limits().computationQueueTimeout().toNanos();
        this.residentMemoryCeiling = properties.limits().residentMemoryCeiling();
        this.problems = problems;
    }

    /** Computations running now. */
    public int running() {
        return capacity - permits.availablePermits();
    }

    /** Requests waiting for a permit now: the computation queue. */
    public int waiting() {
        return permits.getQueueLength();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request)
                || !(HttpMethod.POST.matches(request.getMethod()) || HttpMethod.PUT.matches(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest received;
        try {
            received = new ReceivedRequest(request,
                    BufferedJsonConverter.readBody(request.getInputStream(), request.getContentLengthLong()));
        } catch (PayloadTooLargeException tooLarge) {
            problems.write(request, response, ProblemHandler.payloadTooLarge(tooLarge));
            return;
        }
        long resident = resident();
        if (resident > residentMemoryCeiling) {
            response.setHeader("Retry-After", "1");
            problems.write(request, response, ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemHandler.OVERLOADED, "Overloaded", "the server's memory is nearly full (" + megabytes(resident)
                            + " MB resident, at most " + megabytes(residentMemoryCeiling)
                            + " MB to start a computation); retry shortly", List.of()));
            return;
        }
        boolean acquired;
        try {
            acquired = permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            response.setHeader("Retry-After", "1");
            problems.write(request, response, ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemHandler.OVERLOADED, "Overloaded", "the server is computing as much as it may (" + capacity
                            + " at once); retry shortly", List.of()));
            return;
        }
        try {
            chain.doFilter(received, response);
        } finally {
            permits.release();
        }
    }

    private long resident() {
        long now = System.nanoTime();
        if (now - residentReadAt >= READ_INTERVAL_NANOS) {
            resident = Pointer.physicalBytes();
            residentReadAt = now;
        }
        return resident;
    }

    private static long megabytes(long bytes) {
        return bytes >> 20;
    }

    /** A request whose body has arrived in full. */
    private static final class ReceivedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReceivedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has already been read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
