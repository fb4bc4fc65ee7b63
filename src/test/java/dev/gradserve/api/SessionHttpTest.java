package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/** The sessions API of API.md on the in-memory store: create, step, read, replace, checkpoint, delete. */
class SessionHttpTest extends HttpTestBase {

    static final String STEP = "{\"inputs\": [[0.05, 0.10]], \"targets\": [[0.01, 0.99]]}";

    /** The worked example's network and weights with sgd at learning rate 0.5. */
    static Body workedExampleSession() {
        return Body.workedExample().remove("/inputs").remove("/targets")
                .set("/optimizer", "{\"type\": \"sgd\", \"learningRate\": 0.5}");
    }

    String create(Body body) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                        .content(body.json()))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"0\""))
                .andReturn().getResponse();
        JsonNode session = mapper.readTree(response.getContentAsString());
        assertThat(response.getHeader("Location")).isEqualTo("/v1/sessions/" + session.get("id").stringValue());
        assertThat(session.get("step").longValue()).isZero();
        assertThat(session.get("version").longValue()).isZero();
        return session.get("id").stringValue();
    }

    MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    MockHttpServletResponse step(String id, String body, String... headers) throws Exception {
        MockHttpServletRequestBuilder request = post("/v1/sessions/" + id + "/steps").contentType(MediaType.APPLICATION_JSON)
                .content(body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return call(request);
    }

    JsonNode json(MockHttpServletResponse response) throws Exception {
        return mapper.readTree(response.getContentAsString());
    }

    @Test
    void oneSgdStepOfTheWorkedExampleGivesThePublishedWeights() throws Exception {
        String id = create(workedExampleSession());
        MockHttpServletResponse response = step(id, Body.parse(STEP).set("/include", "[\"weights\", \"gradients\"]").json());
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("ETag")).isEqualTo("\"1\"");
        JsonNode answer = json(response);
        assertThat(answer.get("step").longValue()).isEqualTo(1);
        assertThat(answer.get("version").longValue()).isEqualTo(1);
        assertThat(answer.get("loss").doubleValue()).isCloseTo(0.298371109, within(1e-8));
        assertThat(answer.at("/gradients/output/W/0/0").doubleValue()).isCloseTo(0.082167041, within(1e-8));
        assertClose(Tensors.data(answer.at("/weights/output/W")),
                new double[] {0.35891648, 0.408666186, 0.511301270, 0.561370121}, 1e-8);
        assertClose(Tensors.data(answer.at("/weights/hidden/W")),
                new double[] {0.149780716, 0.19956143, 0.24975114, 0.29950229}, 1e-8);

        JsonNode session = json(call(get("/v1/sessions/" + id)));
        assertThat(session.get("step").longValue()).isEqualTo(1);
        assertThat(session.get("lastLoss").doubleValue()).isCloseTo(0.298371109, within(1e-8));
        assertThat(session.at("/optimizer/momentum").doubleValue()).isZero();
    }

    @Test
    void aStepAnswersOnlyStepVersionAndLossUnlessAsked() throws Exception {
        String id = create(workedExampleSession());
        JsonNode answer = json(step(id, STEP));
        assertThat(answer.propertyNames()).containsExactlyInAnyOrder("step", "version", "loss");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndAppliesNothing() throws Exception {
        String id = create(workedExampleSession());
        MockHttpServletResponse first = step(id, STEP, "Idempotency-Key", "key-1");
        MockHttpServletResponse retry = step(id, STEP, "Idempotency-Key", "key-1");
        assertThat(retry.getStatus()).isEqualTo(200);
        assertThat(retry.getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(json(call(get("/v1/sessions/" + id))).get("version").longValue()).isEqualTo(1);

        assertThat(json(step(id, STEP, "Idempotency-Key", "key-2")).get("version").longValue()).isEqualTo(2);
    }

    @Test
    void anIdempotencyKeyReusedForADifferentStepIsRefused() throws Exception {
        String id = create(workedExampleSession());
        step(id, STEP, "Idempotency-Key", "key-1");
        MockHttpServletResponse reused = step(id, Body.parse(STEP).set("/targets", "[[0.5, 0.5]]").json(),
                "Idempotency-Key", "key-1");
        assertThat(reused.getStatus()).isEqualTo(422);
        assertThat(reused.getContentType()).isEqualTo("application/problem+json");
        assertThat(json(call(get("/v1/sessions/" + id))).get("version").longValue()).isEqualTo(1);
    }

    @Test
    void stepWithStaleIfMatchIsRefusedAndChangesNothing() throws Exception {
        String id = create(workedExampleSession());
        assertThat(step(id, STEP, "If-Match", "\"0\"").getStatus()).isEqualTo(200);
        MockHttpServletResponse stale = step(id, STEP, "If-Match", "\"0\"");
        assertThat(stale.getStatus()).isEqualTo(412);
        assertThat(stale.getContentType()).isEqualTo("application/problem+json");
        assertThat(json(stale).get("currentVersion").longValue()).isEqualTo(1);
        assertThat(json(call(get("/v1/sessions/" + id))).get("version").longValue()).isEqualTo(1);
        assertThat(step(id, STEP, "If-Match", "\"1\"").getStatus()).isEqualTo(200);
    }

    @Test
    void aStepThatWouldMakeWeightsNonFiniteIsRefusedAndChangesNothing() throws Exception {
        String id = create(Body.workedExample().remove("/inputs").remove("/targets").set("/network/loss/scale", "100")
                .set("/optimizer", "{\"type\": \"sgd\", \"learningRate\": 1e308}"));
        String before = call(get("/v1/sessions/" + id + "/weights")).getContentAsString();
        MockHttpServletResponse refused = step(id, STEP);
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(json(refused).get("type").stringValue()).isEqualTo("urn:gradserve:problem:non-finite-result");
        assertThat(call(get("/v1/sessions/" + id + "/weights")).getContentAsString()).isEqualTo(before);
        assertThat(json(call(get("/v1/sessions/" + id))).get("version").longValue()).isZero();
    }

    @Test
    void weightsCanBeReadAndReplacedWithIfMatch() throws Exception {
        String id = create(workedExampleSession());
        MockHttpServletResponse weights = call(get("/v1/sessions/" + id + "/weights"));
        assertThat(weights.getHeader("ETag")).isEqualTo("\"0\"");
        assertThat(json(weights).at("/output/W/0/0").doubleValue()).isEqualTo(0.40);

        String replacement = Body.workedExample().set("/weights/output/W", "[[1, 2], [3, 4]]").copy().json();
        String weightsOnly = mapper.readTree(replacement).get("weights").toString();
        MockHttpServletResponse replaced = call(put("/v1/sessions/" + id + "/weights").contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"0\"").content(weightsOnly));
        assertThat(replaced.getStatus()).isEqualTo(200);
        assertThat(replaced.getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(json(call(get("/v1/sessions/" + id + "/weights"))).at("/output/W/1/1").doubleValue()).isEqualTo(4.0);

        MockHttpServletResponse stale = call(put("/v1/sessions/" + id + "/weights").contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"0\"").content(weightsOnly));
        assertThat(stale.getStatus()).isEqualTo(412);
        MockHttpServletResponse misshapen = call(put("/v1/sessions/" + id + "/weights").contentType(MediaType.APPLICATION_JSON)
                .content("{\"hidden\": {\"W\": [[1]], \"b\": [0, 0]}, \"output\": {\"W\": [[1, 2], [3, 4]], \"b\": [0, 0]}}"));
        assertThat(misshapen.getStatus()).isEqualTo(422);
        assertThat(json(misshapen).at("/errors/0/pointer").stringValue()).isEqualTo("/hidden/W");
        assertThat(json(call(get("/v1/sessions/" + id))).get("version").longValue()).isEqualTo(1);
    }

    @Test
    void gradientsAndForwardUseTheSessionsWeightsAndChangeNothing() throws Exception {
        String id = create(workedExampleSession());
        JsonNode gradients = json(call(post("/v1/sessions/" + id + "/gradients").contentType(MediaType.APPLICATION_JSON)
                .content(STEP)));
        assertThat(gradients.at("/gradients/output/W/0/0").doubleValue()).isCloseTo(0.082167041, within(1e-8));
        JsonNode forward = json(call(post("/v1/sessions/" + id + "/forward").contentType(MediaType.APPLICATION_JSON)
                .content("{\"inputs\": [[0.05, 0.10]]}")));
        assertThat(forward.at("/outputs/0/0").doubleValue()).isCloseTo(0.75136507, within(1e-8));
        assertThat(json(call(get("/v1/sessions/" + id))).get("version").longValue()).isZero();
    }

    @Test
    void aCheckpointRestoredIntoANewSessionContinuesExactlyLikeTheOriginal() throws Exception {
        String original = create(Body.workedExample().remove("/inputs").remove("/targets")
                .set("/optimizer", "{\"type\": \"adam\", \"learningRate\": 0.05, \"amsgrad\": true}"));
        for (int i = 0; i < 3; i++) {
            step(original, STEP);
        }
        String checkpoint = call(get("/v1/sessions/" + original + "/checkpoint?tensorEncoding=base64")).getContentAsString();
        assertThat(mapper.readTree(checkpoint).get("step").longValue()).isEqualTo(3);
        assertThat(mapper.readTree(checkpoint).at("/optimizerState/expAvg/output/W/base64").isString()).isTrue();

        MockHttpServletResponse restored = call(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"checkpoint\": " + checkpoint + "}"));
        assertThat(restored.getStatus()).isEqualTo(201);
        String copy = json(restored).get("id").stringValue();
        assertThat(json(restored).get("step").longValue()).isEqualTo(3);

        String withWeights = Body.parse(STEP).set("/include", "[\"weights\"]").json();
        for (int i = 0; i < 3; i++) {
            JsonNode a = json(step(original, withWeights));
            JsonNode b = json(step(copy, withWeights));
            assertThat(b.get("loss")).isEqualTo(a.get("loss"));
            assertThat(b.get("weights")).isEqualTo(a.get("weights"));
            assertThat(b.get("step")).isEqualTo(a.get("step"));
        }
    }

    @Test
    void aDeletedOrUnknownSessionIs404OnEveryCall() throws Exception {
        String id = create(workedExampleSession());
        assertThat(call(delete("/v1/sessions/" + id)).getStatus()).isEqualTo(204);
        for (MockHttpServletRequestBuilder request : new MockHttpServletRequestBuilder[] {
            get("/v1/sessions/" + id), get("/v1/sessions/" + id + "/weights"), get("/v1/sessions/" + id + "/checkpoint"),
            delete("/v1/sessions/" + id),
            post("/v1/sessions/" + id + "/steps").contentType(MediaType.APPLICATION_JSON).content(STEP),
            post("/v1/sessions/" + id + "/gradients").contentType(MediaType.APPLICATION_JSON).content(STEP),
            post("/v1/sessions/unknown/forward").contentType(MediaType.APPLICATION_JSON).content(STEP)}) {
            MockHttpServletResponse response = call(request);
            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            assertThat(json(response).get("type").stringValue()).isEqualTo("urn:gradserve:problem:session-not-found");
        }
    }

    @Test
    void creationChecksTheNetworkWeightsAndOptimizerTogether() throws Exception {
        MockHttpServletResponse response = call(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON).content(
                workedExampleSession().remove("/network/loss").set("/weights/hidden/b", "[1]")
                        .set("/optimizer", "{\"type\": \"adam\", \"beta1\": 1.5}").json()));
        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString()).contains("/network/loss", "/weights/hidden/b", "/optimizer/beta1");
        MockHttpServletResponse unknownOptimizer = call(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content(workedExampleSession().set("/optimizer", "{\"type\": \"adamw\"}").json()));
        assertThat(unknownOptimizer.getStatus()).isEqualTo(400);
        assertThat(json(unknownOptimizer).at("/errors/0/pointer").stringValue()).isEqualTo("/optimizer/type");
    }
}
