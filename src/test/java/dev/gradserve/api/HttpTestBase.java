package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP tests' common ground: one Spring context (the same annotations on every subclass, so the
 * context cache serves them all), MockMvc, and assertions for answers and problems.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class HttpTestBase {

    static final String GRADIENTS = "/v1/gradients";
    static final String FORWARD = "/v1/forward";
    static final String GRADIENT_CHECKS = "/v1/gradient-checks";

    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper mapper;

    ResultActions send(String path, Body body) throws Exception {
        return send(path, body.json());
    }

    ResultActions send(String path, String json) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    /** Posts the body, expects 200 with JSON, and returns the answer as a tree. */
    JsonNode answer(String path, Body body) throws Exception {
        String text = send(path, body)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString();
        return mapper.readTree(text);
    }

    /**
     * An RFC 9457 problem as the contract describes it: the status, problem+json, a gradserve problem
     * type, title and detail, and a first error at {@code pointer} whose message holds every fragment.
     */
    static ResultMatcher problem(int status, String pointer, String... messageFragments) {
        List<ResultMatcher> matchers = new ArrayList<>(List.of(
                problemOf(status),
                jsonPath("$.errors[0].pointer").value(pointer)));
        for (String fragment : messageFragments) {
            matchers.add(jsonPath("$.errors[0].message").value(containsString(fragment)));
        }
        return all(matchers.toArray(ResultMatcher[]::new));
    }

    /** A problem without a pointer into the body (wrong path, method or media type). */
    static ResultMatcher problemOf(int status) {
        return all(
                status().is(status),
                content().contentTypeCompatibleWith(PROBLEM),
                jsonPath("$.type").value(startsWith("urn:gradserve:problem:")),
                jsonPath("$.title").isString(),
                jsonPath("$.detail").isString(),
                jsonPath("$.status").value(status),
                jsonPath("$.errors").isArray());
    }

    /**
     * Every matcher, each one checked even when an earlier one fails, so that a failure lists all
     * differences together with the answer that was actually sent.
     */
    static ResultMatcher all(ResultMatcher... matchers) {
        return result -> {
            List<String> failures = new ArrayList<>();
            for (ResultMatcher matcher : matchers) {
                try {
                    matcher.match(result);
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new AssertionError(String.join("\n", failures) + "\nanswer: " + result.getResponse().getStatus() + " "
                        + result.getResponse().getContentType() + " " + result.getResponse().getContentAsString());
            }
        };
    }

    static void assertClose(double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }
}
