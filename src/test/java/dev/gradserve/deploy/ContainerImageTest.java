package dev.gradserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.dockerjava.api.DockerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image as it is deployed: built from docker/Dockerfile, two containers of it sharing one Redis, as
 * replicas behind a load balancer. Checks what an operator relies on: health, the worked example, one session
 * stepped through both replicas in turn, metrics, a non-root user, memory taken from the container's limit,
 * and a graceful stop.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageTest {

    private static final String IMAGE = "localhost/gradserve-container-test:latest";
    private static final String BASE_IMAGE = "eclipse-temurin:17-jre";
    /** Fixed so that the image's dependency layer stays cached from one run to the next (see LocalMavenRepository). */
    private static final int MAVEN_MIRROR_PORT = 58081;
    private static final long MEMORY_LIMIT = 1536L * 1024 * 1024;

    private static final String WORKED_EXAMPLE = """
            "network": {"inputShape": [2], "layers": [
                {"name": "hidden", "type": "dense", "units": 2, "activation": "sigmoid"},
                {"name": "output", "type": "dense", "units": 2, "activation": "sigmoid"}],
              "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}},
             "weights": {"hidden": {"W": [[0.15, 0.20], [0.25, 0.30]], "b": [0.35, 0.35]},
                         "output": {"W": [[0.40, 0.45], [0.50, 0.55]], "b": [0.60, 0.60]}}""";
    private static final String BATCH = "\"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]]";
    private static final String STEP = "{" + BATCH + "}";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static long imageSize;
    private static long baseImageSize;
    private static Network network;
    private static GenericContainer<?> redis;
    private static GenericContainer<?> first;
    private static GenericContainer<?> second;

    @BeforeAll
    static void buildTheImageAndStartTwoReplicasOnOneRedis() throws Exception {
        long started = System.nanoTime();
        // Testcontainers logs the build's output (Maven's, when it fails) at debug level, under this name.
        ((Logger) LoggerFactory.getLogger("tc." + IMAGE)).setLevel(Level.DEBUG);
        Path root = Path.of(System.getProperty("user.dir"));
        try (LocalMavenRepository maven = LocalMavenRepository.serving(SpringApplication.class, "org.springframework.boot",
                "spring-boot", MAVEN_MIRROR_PORT)) {
            new ImageFromDockerfile(IMAGE, false)
                    .withFileFromPath("docker", root.resolve("docker"))
                    .withFileFromPath("pom.xml", root.resolve("pom.xml"))
                    .withFileFromPath("mvnw", root.resolve("mvnw"))
                    .withFileFromPath(".mvn/maven.config", root.resolve(".mvn/maven.config"))
                    .withFileFromPath(".mvn/wrapper/maven-wrapper.properties", root.resolve(".mvn/wrapper/maven-wrapper.properties"))
                    .withFileFromPath("src/main", root.resolve("src/main"))
                    .withDockerfilePath("docker/Dockerfile")
                    .withBuildArg("MAVEN_MIRROR_URL", maven.url())
                    .withBuildImageCmdModifier(build -> build.withNetworkMode("host"))
                    .get();
            report("built %s in %d s; the build's Maven got %s", IMAGE, seconds(started), maven.served());
        }
        DockerClient docker = DockerClientFactory.instance().client();
        imageSize = docker.inspectImageCmd(IMAGE).exec().getSize();
        baseImageSize = docker.inspectImageCmd(BASE_IMAGE).exec().getSize();
        report("image %d MB, %s %d MB: %d MB added", mb(imageSize), BASE_IMAGE, mb(baseImageSize),
                mb(imageSize - baseImageSize));

        long starting = System.nanoTime();
        network = Network.newNetwork();
        redis = new GenericContainer<>("redis:7-alpine").withNetwork(network).withNetworkAliases("redis")
                .withExposedPorts(6379);
        first = replica();
        second = replica();
        Startables.deepStart(redis, first, second).join();
        report("Redis and two replicas ready in %d s", seconds(starting));
    }

    private static GenericContainer<?> replica() {
        return new GenericContainer<>(IMAGE)
                .withNetwork(network)
                .withEnv("GRADSERVE_SESSIONS_STORE", "redis")
                .withEnv("SPRING_DATA_REDIS_HOST", "redis")
                .withExposedPorts(8080)
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withMemory(MEMORY_LIMIT))
                .waitingFor(Wait.forHttp("/actuator/health/readiness").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }

    @AfterAll
    static void stopAll() {
        for (GenericContainer<?> container : Arrays.asList(second, first, redis)) {
            if (container != null) {
                container.stop();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(0)
    void theImageIsTheBaseImagePlusTheApplication() {
        assertThat(imageSize - baseImageSize)
                .as("bytes over the base image: the jar is ~180 MB, its native libraries unpacked ~400 MB more")
                .isLessThan(250_000_000L);
    }

    @Test
    @Order(1)
    void bothReplicasAreHealthyByTheImagesOwnHealthCheck() throws Exception {
        for (GenericContainer<?> replica : List.of(first, second)) {
            // The engine here (podman without systemd) does not run health checks by itself: run the image's.
            String[] healthCheck = replica.getContainerInfo().getConfig().getHealthcheck().getTest().toArray(String[]::new);
            assertThat(healthCheck[0]).isEqualTo("CMD");
            ExecResult check = replica.execInContainer(Arrays.copyOfRange(healthCheck, 1, healthCheck.length));
            assertThat(check.getExitCode()).as(check.getStdout() + check.getStderr()).isZero();
            assertThat(get(replica, "/actuator/health").get("status").stringValue()).isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void runsAsAnUnprivilegedUserWithOpenMpSettledAndTheHeapSizedByTheMemoryLimit() throws Exception {
        assertThat(first.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
        String environment = first.execInContainer("sh", "-c", "tr '\\0' '\\n' < /proc/1/environ").getStdout();
        assertThat(environment).contains("OMP_NUM_THREADS=1", "OMP_WAIT_POLICY=PASSIVE", "MALLOC_MMAP_THRESHOLD_=67108864",
                "MALLOC_TRIM_THRESHOLD_=134217728");
        assertThat(first.getLogs()).as("GradserveApplication.main turns it off")
                .contains("JavaCPP's memory check at every native allocation off");
        assertThat(first.getLogs()).as("the image's java command adds the Vector API's module")
                .contains("Vector API (jdk.incubator.vector) in use");
        ExecResult nativeCache = first.execInContainer("sh", "-c", "find /var/cache/gradserve/javacpp -name '*.so*' | wc -l");
        assertThat(Integer.parseInt(nativeCache.getStdout().strip())).as("native libraries unpacked in the cache").isPositive();

        double heap = get(first, "/actuator/metrics/jvm.memory.max?tag=area:heap").get("measurements").get(0)
                .get("value").doubleValue();
        assertThat(heap / MEMORY_LIMIT).as("heap / memory limit").isBetween(0.35, 0.41);
    }

    @Test
    @Order(3)
    void answersTheWorkedExample() throws Exception {
        JsonNode answer = post(first, "/v1/gradients", "{" + WORKED_EXAMPLE + ", " + BATCH + "}", 200).body();
        assertThat(answer.get("loss").doubleValue()).isCloseTo(0.298371109, within(1e-9));
        assertThat(answer.at("/gradients/output/W/0/0").doubleValue()).isCloseTo(0.082167041, within(1e-9));
    }

    @Test
    @Order(4)
    void aSessionSteppedAlternatelyThroughBothReplicasAdvancesOneVersionAtATime() throws Exception {
        String created = "{" + WORKED_EXAMPLE + ", \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.5}}";
        String id = post(first, "/v1/sessions", created, 201).body().get("id").stringValue();
        for (int version = 1; version <= 6; version++) {
            GenericContainer<?> replica = version % 2 == 1 ? first : second;
            Answer step = post(replica, "/v1/sessions/" + id + "/steps", STEP, 200);
            assertThat(step.etag()).isEqualTo("\"" + version + "\"");
            assertThat(step.body().get("version").longValue()).isEqualTo(version);
            assertThat(step.body().get("step").longValue()).isEqualTo(version);
            if (version == 1) {
                assertThat(step.body().get("loss").doubleValue()).isCloseTo(0.298371109, within(1e-9));
            }
        }
        for (GenericContainer<?> replica : List.of(first, second)) {
            assertThat(get(replica, "/v1/sessions/" + id).get("version").longValue()).isEqualTo(6);
        }
    }

    @Test
    @Order(5)
    void exposesPrometheusMetrics() throws Exception {
        double stepsBefore = sample(prometheus(second), "gradserve_session_steps_total");
        String id = post(second, "/v1/sessions", "{" + WORKED_EXAMPLE + ", \"optimizer\": {\"type\": \"adam\"}}", 201)
                .body().get("id").stringValue();
        post(second, "/v1/sessions/" + id + "/steps", STEP, 200);
        post(second, "/v1/sessions/" + id + "/steps", STEP, 200);

        String metrics = prometheus(second);
        assertThat(sample(metrics, "gradserve_session_steps_total")).isEqualTo(stepsBefore + 2);
        assertThat(sample(metrics, "gradserve_sessions_active")).as("sessions in Redis").isGreaterThanOrEqualTo(1);
        assertThat(sample(metrics, "gradserve_computations_queued")).isZero();
        assertThat(sample(metrics, "gradserve_computations_running")).isZero();
        assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/v1/sessions/\\{id}/steps\"");
    }

    @Test
    @Order(6)
    void stopsGracefullyOnSigterm() {
        long stopping = System.nanoTime();
        DockerClientFactory.instance().client().stopContainerCmd(second.getContainerId()).withTimeout(30).exec();
        report("second replica stopped in %d s", seconds(stopping));
        assertThat(second.getLogs()).contains("Graceful shutdown complete");
    }

    private record Answer(String etag, JsonNode body) {}

    private static Answer post(GenericContainer<?> replica, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(replica, path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedStatus);
        return new Answer(response.headers().firstValue("ETag").orElse(null), JSON.readTree(response.body()));
    }

    private static JsonNode get(GenericContainer<?> replica, String path) throws Exception {
        return JSON.readTree(text(replica, path));
    }

    private static String prometheus(GenericContainer<?> replica) throws Exception {
        return text(replica, "/actuator/prometheus");
    }

    private static String text(GenericContainer<?> replica, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(replica, path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** The value of an untagged sample in Prometheus's text format. */
    private static double sample(String metrics, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
        assertThat(line.find()).as(name + " in\n" + metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static URI uri(GenericContainer<?> replica, String path) {
        return URI.create("http://" + replica.getHost() + ":" + replica.getMappedPort(8080) + path);
    }

    private static void report(String format, Object... arguments) {
        System.out.println("ContainerImageTest: " + String.format(format, arguments));
    }

    private static long seconds(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds();
    }

    private static long mb(long bytes) {
        return bytes / 1_000_000;
    }
}
