package dev.gradserve.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The yardstick of scripts/load.sh: the cheapest JSON call this server can answer (read a body
 * into a tree, answer a few bytes), so that a gradient call's throughput can be stated as a
 * fraction of it. Only with the {@code loadtest} profile; never in a normal run.
 */
@Hidden
@RestController
@Profile("loadtest")
class LoadTestController {

    @PostMapping(path = "/loadtest/echo", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode echo(@RequestBody JsonNode body) {
        return body.path("network").path("loss");
    }
}
