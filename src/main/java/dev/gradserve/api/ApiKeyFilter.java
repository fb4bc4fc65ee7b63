package dev.gradserve.api;

import dev.gradserve.config.GradserveProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Optional API keys. When {@code gradserve.security.api-keys} is set, every /v1 call needs
 * {@code Authorization: Bearer <key>}, else 401 with {@code WWW-Authenticate}. Keys are compared as
 * SHA-256 digests with {@link MessageDigest#isEqual} (constant time) and never logged; the caller is
 * known onwards only by its key's fingerprint, which owns its sessions ({@link Owners}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class ApiKeyFilter extends OncePerRequestFilter {

    private final List<byte[]> digests;
    private final ProblemWriter problems;

    ApiKeyFilter(GradserveProperties properties, ProblemWriter problems) {
        this.digests = properties.security().apiKeys().stream().filter(key -> !key.isBlank()).map(ApiKeyFilter::digest)
                .toList();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return digests.isEmpty() || !ApiPaths.isApi(request)
                || HttpMethod.OPTIONS.matches(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? digest(header.substring(7).trim()) : null;
        if (given == null || !known(given)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"gradserve\"");
            String message = header == null ? "this server needs an API key: Authorization: Bearer <key>"
                    : "the API key is not valid";
            problems.write(request, response, ProblemHandler.problem(HttpStatus.UNAUTHORIZED, ProblemHandler.UNAUTHORIZED,
                    "Unauthorized", message, List.of()));
            return;
        }
        request.setAttribute(Owners.ATTRIBUTE, HexFormat.of().formatHex(given, 0, 16));
        chain.doFilter(request, response);
    }

    /** Checks every configured key, so that the time taken does not tell which one nearly matched. */
    private boolean known(byte[] given) {
        boolean found = false;
        for (byte[] digest : digests) {
            found |= MessageDigest.isEqual(digest, given);
        }
        return found;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
