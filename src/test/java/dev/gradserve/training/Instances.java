package dev.gradserve.training;

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
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Running application instances on random ports, and an HTTP client for them, for tests across instances. */
final class Instances {

    static final String WORKED_EXAMPLE_SESSION = """
            {"network": {"inputShape": [2], "layers": [
                {"name": "hidden", "type": "dense", "units": 2, "activation": "sigmoid"},
                {"name": "output", "type": "dense", "units": 2, "activation": "sigmoid"}],
              "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}},
             "weights": {"hidden": {"W": [[0.15, 0.20], [0.25, 0.30]], "b": [0.35, 0.35]},
                         "output": {"W": [[0.40, 0.45], [0.50, 0.55]], "b": [0.60, 0.60]}},
             "optimizer": {"type": "sgd", "learningRate": 0.5}}""";
    static final String STEP = "{\"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]]}";

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Instances() {}

    /** An instance with these properties (as command-line arguments, so they win over application.yaml) on a free port. */
    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(GradserveApplication.class).run(arguments.toArray(String[]::new));
    }

    static URI base(ConfigurableApplicationContext instance) {
        return URI.create("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port"));
    }

    /** An answer: status, ETag, body. */
    record Answer(int status, String etag, JsonNode body) {}

    static Answer call(URI base, String method, String path, String body, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("ETag").orElse(null), json);
    }

    static String createSession(URI base) throws Exception {
        Answer created = call(base, "POST", "/v1/sessions", WORKED_EXAMPLE_SESSION);
        if (created.status() != 201) {
            throw new AssertionError("create: " + created);
        }
        return created.body().get("id").stringValue();
    }

    /**
     * Clients that each take {@code steps} steps on one session concurrently, client c sending its
     * j-th step to instance (c + j) mod n. Without If-Match every step must succeed; with it, a 412
     * makes the client read the version again and retry. Returns the versions of the steps taken.
     */
    static List<Long> concurrentSteps(List<URI> instances, String id, int clients, int steps, boolean ifMatch)
            throws Exception {
        List<Long> versions = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try {
                    for (int j = 0; j < steps; j++) {
                        URI base = instances.get((client + j) % instances.size());
                        String key = UUID.randomUUID().toString();
                        while (true) {
                            Answer answer;
                            if (ifMatch) {
                                String etag = call(base, "GET", "/v1/sessions/" + id, null).etag();
                                answer = call(base, "POST", "/v1/sessions/" + id + "/steps", STEP, "Idempotency-Key", key,
                                        "If-Match", etag);
                            } else {
                                answer = call(base, "POST", "/v1/sessions/" + id + "/steps", STEP, "Idempotency-Key", key);
                            }
                            if (answer.status() == 200) {
                                versions.add(answer.body().get("version").longValue());
                                break;
                            }
                            if (!(ifMatch && answer.status() == 412)) {
                                throw new AssertionError("unexpected answer " + answer);
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("clients failed: " + failures, failures.get(0));
        }
        return versions;
    }
}
