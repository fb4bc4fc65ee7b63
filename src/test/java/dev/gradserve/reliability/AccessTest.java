package dev.gradserve.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may do what: with API keys configured every /v1 call needs one, a session is visible only to the
 * key that made it (to any other it does not exist), CORS lets only the configured origins in, and the
 * actuator shows health, info and metrics to anyone and nothing else.
 */
class AccessTest {

    private static Instance server;

    @BeforeAll
    static void start() {
        server = Instance.guarded();
    }

    @Test
    void keyBCannotReadStepReplaceWeightsCheckpointOrDeleteKeyAsSessionWhichStaysUnchanged() throws Exception {
        String id = LimitsTest.create(server, Instance.KEY_A);
        try {
            String session = "/v1/sessions/" + id;
            List<Instance.Call> asB = List.of(
                    server.get(session), server.get(session + "/weights"), server.get(session + "/checkpoint"),
                    server.post(session + "/steps", Bodies.STEP).header("Idempotency-Key", "b-1"),
                    server.post(session + "/gradients", Bodies.STEP), server.post(session + "/forward", Bodies.STEP),
                    server.call("PUT", session + "/weights").json(Bodies.WEIGHTS), server.call("DELETE", session));
            Reply unknown = server.get("/v1/sessions/00000000-0000-0000-0000-000000000000").key(Instance.KEY_B).send();
            for (Instance.Call call : asB) {
                Reply reply = call.key(Instance.KEY_B).send();
                LimitsTest.assertProblem(reply, 404, null, "no session '" + id + "'");
                assertThat(reply.json().get("detail").asString().replace(id, "ID"))
                        .as("the same 404 as for a session that does not exist")
                        .isEqualTo(unknown.json().get("detail").asString().replace("00000000-0000-0000-0000-000000000000", "ID"));
            }
            Reply asA = server.get(session).key(Instance.KEY_A).send();
            assertThat(asA.status()).isEqualTo(200);
            assertThat(asA.json().get("version").longValue()).as("nothing B sent changed it").isZero();
            assertThat(server.post(session + "/steps", Bodies.STEP).key(Instance.KEY_A).send().status()).isEqualTo(200);
        } finally {
            assertThat(server.call("DELETE", "/v1/sessions/" + id).key(Instance.KEY_A).send().status()).isEqualTo(204);
        }
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer wrong-key", "Basic YWxwaGE6YmV0YQ==", "Bearer ALPHA-7F3C1E9B2D4A6F80",
        "Bearer alpha-7f3c1e9b2d4a6f8", "Token alpha-7f3c1e9b2d4a6f80"})
    void withoutAValidKeyEveryV1CallIs401WithWwwAuthenticateAndNothingHappens(String authorization) throws Exception {
        for (Instance.Call call : List.of(server.post("/v1/gradients", Bodies.GRADIENTS), server.post("/v1/sessions", Bodies.SESSION),
                server.get("/v1/sessions/any"), server.call("DELETE", "/v1/sessions/any"))) {
            Reply reply = (authorization.isEmpty() ? call : call.header("Authorization", authorization)).send();
            LimitsTest.assertProblem(reply, 401, null, "API key");
            assertThat(reply.json().get("type").stringValue()).isEqualTo("urn:gradserve:problem:unauthorized");
            assertThat(reply.header("WWW-Authenticate")).hasValue("Bearer realm=\"gradserve\"");
            assertThat(reply.body()).doesNotContain(Instance.KEY_A);
        }
    }

    /** The same call under another spelling of its path is still a /v1 call and still needs a key. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v1;x=1/gradients", "/v1;/gradients", "/%761/gradients", "/v1/gradients;x", "/v1;x/sessions"})
    void pathSpellingsOfV1CallsStillNeedAKey(String path) throws Exception {
        Reply reply = server.post(path, path.endsWith("sessions") ? Bodies.SESSION : Bodies.GRADIENTS).send();
        if (reply.status() == 201) {
            server.call("DELETE", "/v1/sessions/" + reply.json().get("id").stringValue()).key(Instance.KEY_A).send();
        }
        assertThat(reply.status()).as("%s %s", path, reply).isIn(401, 404);
        assertThat(reply.problemFailures(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info",
        "/actuator/metrics", "/actuator/metrics/http.server.requests", "/actuator/prometheus"})
    void healthInfoAndMetricsNeedNoKey(String path) throws Exception {
        Reply reply = server.get(path).send();
        assertThat(reply.status()).as("%s %s", path, reply).isEqualTo(200);
        if (path.startsWith("/actuator/health")) {
            assertThat(reply.json().get("status").stringValue()).isEqualTo("UP");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/env", "/actuator/env/gradserve.security.api-keys", "/actuator/beans",
        "/actuator/configprops", "/actuator/heapdump", "/actuator/threaddump", "/actuator/loggers", "/actuator/mappings",
        "/actuator/conditions", "/actuator/scheduledtasks", "/actuator/caches", "/actuator/sbom", "/actuator/logfile"})
    void noOtherActuatorEndpointIsExposedWithOrWithoutAKey(String path) throws Exception {
        assertThat(server.get(path).send().status()).as(path).isEqualTo(404);
        assertThat(server.get(path).key(Instance.KEY_A).send().status()).as(path).isEqualTo(404);
    }

    @Test
    void theActuatorListsOnlyHealthInfoAndMetricsAndCannotBeShutDown() throws Exception {
        assertThat(server.post("/actuator/shutdown", "{}").send().status()).isIn(404, 405);
        assertThat(server.get("/actuator").send().json().get("_links").propertyNames())
                .allMatch(name -> name.equals("self") || name.startsWith("health") || name.equals("info")
                        || name.startsWith("metrics") || name.equals("prometheus"));
    }

    @Test
    void preflightFromTheAllowedOriginIsAnsweredWithEveryHeaderAPageNeeds() throws Exception {
        Reply preflight = server.call("OPTIONS", "/v1/sessions/any/steps").header("Origin", Instance.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, authorization, if-match, idempotency-key, x-request-id")
                .send();
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue(Instance.ALLOWED_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Methods").orElse("")).contains("POST", "PUT", "DELETE", "GET");
        assertThat(preflight.header("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("content-type", "authorization", "if-match", "idempotency-key", "x-request-id");
        assertThat(preflight.header("Access-Control-Expose-Headers").orElse(""))
                .contains("ETag", "Location", "X-Request-Id", "Retry-After");

        Reply created = server.post("/v1/sessions", Bodies.SESSION).key(Instance.KEY_A).header("Origin", Instance.ALLOWED_ORIGIN)
                .send();
        server.call("DELETE", "/v1/sessions/" + created.json().get("id").stringValue()).key(Instance.KEY_A).send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Access-Control-Allow-Origin")).hasValue(Instance.ALLOWED_ORIGIN);
        assertThat(created.header("Access-Control-Expose-Headers").orElse("")).contains("ETag", "Location", "X-Request-Id");
    }

    @Test
    void anOriginNotAllowedGetsNoAccessControlHeaders() throws Exception {
        Reply preflight = server.call("OPTIONS", "/v1/gradients").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").send();
        Reply actual = server.post("/v1/gradients", Bodies.GRADIENTS).key(Instance.KEY_A).header("Origin", "https://evil.example")
                .send();
        for (Reply reply : List.of(preflight, actual)) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(403);
            assertThat(reply.header("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    /** A page on an allowed origin can read why it was refused only if the refusal carries CORS headers too. */
    @Test
    void refusalsFromTheAllowedOriginCarryCorsHeadersSoThePageCanReadThem() throws Exception {
        Reply unauthorized = server.post("/v1/gradients", Bodies.GRADIENTS).header("Origin", Instance.ALLOWED_ORIGIN).send();
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Access-Control-Allow-Origin")).as("%s", unauthorized).hasValue(Instance.ALLOWED_ORIGIN);
    }

    @Test
    void refusalOfAnOriginIsAProblemToo() throws Exception {
        Reply refused = server.post("/v1/gradients", Bodies.GRADIENTS).key(Instance.KEY_A).header("Origin", "https://evil.example")
                .send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemFailures(null)).as("%s", refused).isEmpty();
    }
}
