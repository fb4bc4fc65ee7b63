package dev.gradserve.reliability;

import dev.gradserve.GradserveApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running instance of the application on a free port, reached over real HTTP, so that every
 * servlet filter, Tomcat itself and the graceful shutdown take part as they do in production.
 */
final class Instance implements AutoCloseable {

    /** API keys of the shared guarded instance: two clients, and one each for the hostile-request and load tests. */
    static final String KEY_A = "alpha-7f3c1e9b2d4a6f80";
    static final String KEY_B = "beta-0a9e8d7c6b5a4f3e";
    static final String KEY_FUZZ = "fuzz-5e4d3c2b1a0f9e8d";
    static final String ALLOWED_ORIGIN = "https://allowed.example";
    static final int SESSIONS_PER_CLIENT = 3;
    static final int MAX_SEQUENCE_LENGTH = 16;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static Instance guarded;

    private final ConfigurableApplicationContext context;
    final URI base;

    private Instance(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /** An instance with these properties (as command-line arguments, so they win over application.yaml). */
    static Instance start(Map<String, ?> properties) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new Instance(new SpringApplicationBuilder(GradserveApplication.class).run(arguments.toArray(String[]::new)));
    }

    /**
     * The instance that the access, limit and hostile-request tests share: API keys on, one allowed CORS
     * origin, a small session limit per key and a short sequence limit. Started once per test JVM; Spring's
     * shutdown hook stops it when the JVM ends.
     */
    static synchronized Instance guarded() {
        if (guarded == null) {
            guarded = start(Map.of(
                    "gradserve.security.api-keys", String.join(",", KEY_A, KEY_B, KEY_FUZZ),
                    "gradserve.security.cors-allowed-origins", ALLOWED_ORIGIN,
                    "gradserve.limits.max-sessions-per-client", SESSIONS_PER_CLIENT,
                    "gradserve.limits.max-sequence-length", MAX_SEQUENCE_LENGTH));
        }
        return guarded;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    Call call(String method, String path) {
        return new Call(base, method, path);
    }

    Call get(String path) {
        return call("GET", path);
    }

    Call post(String path, String json) {
        return call("POST", path).json(json);
    }

    /** One request being put together; {@link #send()} sends it. */
    static final class Call {

        private final HttpRequest.Builder request;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Call(URI base, String method, String path) {
            this.request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
            this.method = method;
        }

        Call json(String json) {
            body = HttpRequest.BodyPublishers.ofString(json);
            return header("Content-Type", "application/json");
        }

        Call body(byte[] bytes) {
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        Call header(String name, String value) {
            request.header(name, value);
            return this;
        }

        Call key(String key) {
            return header("Authorization", "Bearer " + key);
        }

        Call timeout(Duration timeout) {
            request.timeout(timeout);
            return this;
        }

        Reply send() throws IOException, InterruptedException {
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request.method(method, body).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response, System.nanoTime() - start);
        }
    }
}
