package dev.gradserve.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This machine's local Maven repository served over HTTP on the loopback interface, as the mirror for the
 * image's build stage. Builds in containers here cannot download from Maven Central themselves (its TLS
 * certificate is re-signed on the way by a proxy that only the host trusts), and almost everything the build
 * needs is on this machine already, resolved by the build running this test; checksums Maven did not keep
 * are computed. What is not here (the wrapper's Maven distribution, plugins the enclosing build only uses
 * after the tests) is fetched from Central by this JVM and passed through without being stored.
 */
final class LocalMavenRepository implements AutoCloseable {

    private static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");

    private final Path root;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient central = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger local = new AtomicInteger();
    private final AtomicInteger fromCentral = new AtomicInteger();

    private LocalMavenRepository(Path root, HttpServer server) {
        this.root = root;
        this.server = server;
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /**
     * Serves the repository that holds the jar of {@code fromRepository}, which is the artifact
     * {@code groupId:artifactId}, on {@code preferredPort} if it is free: the port is part of the URL the image
     * is built with, and a URL that stays the same keeps the build's dependency layer cached between runs.
     */
    static LocalMavenRepository serving(Class<?> fromRepository, String groupId, String artifactId, int preferredPort)
            throws IOException {
        Path jar = Path.of(URI.create(fromRepository.getProtectionDomain().getCodeSource().getLocation().toString()));
        Path artifact = jar.getParent().getParent();
        if (!artifact.endsWith(Path.of(groupId.replace('.', '/'), artifactId))) {
            throw new IllegalStateException(jar + " is not " + groupId + ":" + artifactId + " in a Maven repository");
        }
        Path root = artifact;
        for (int level = groupId.split("\\.").length + 1; level > 0; level--) {
            root = root.getParent();
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(loopback, preferredPort), 64);
        } catch (BindException taken) {
            server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        }
        return new LocalMavenRepository(root, server);
    }

    /** The repository's URL, reachable from builds that use the host's network. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Files served from this machine's repository, and passed through from Central. */
    String served() {
        return local.get() + " files from " + root + ", " + fromCentral.get() + " from Maven Central";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            if ((!head && !"GET".equals(exchange.getRequestMethod())) || path.contains("..")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Path file = root.resolve(path);
            if (Files.isRegularFile(file)) {
                local.incrementAndGet();
                exchange.sendResponseHeaders(200, head ? -1 : Files.size(file));
                if (!head) {
                    try (OutputStream body = exchange.getResponseBody()) {
                        Files.copy(file, body);
                    }
                }
                return;
            }
            Path checksummed = root.resolve(path.replaceFirst("\\.sha1$", ""));
            if (path.endsWith(".sha1") && Files.isRegularFile(checksummed)) {
                // Maven keeps few checksum files locally; it verified what it downloaded, so compute them here.
                local.incrementAndGet();
                byte[] sha1 = sha1(checksummed).getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, head ? -1 : sha1.length);
                if (!head) {
                    try (OutputStream body = exchange.getResponseBody()) {
                        body.write(sha1);
                    }
                }
                return;
            }
            passThrough(exchange, path, head);
        }
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    private void passThrough(HttpExchange exchange, String path, boolean head) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(CENTRAL.resolve(path)).timeout(Duration.ofMinutes(2))
                .method(head ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<InputStream> answer;
        try {
            answer = central.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
            return;
        } catch (IOException unreachable) {
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200) {
                exchange.sendResponseHeaders(answer.statusCode() == 404 ? 404 : 502, -1);
                return;
            }
            fromCentral.incrementAndGet();
            long length = answer.headers().firstValueAsLong("Content-Length").orElse(0);
            exchange.sendResponseHeaders(200, head ? -1 : length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    body.transferTo(out);
                }
            }
        }
    }
}
