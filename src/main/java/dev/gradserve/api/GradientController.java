package dev.gradserve.api;

import dev.gradserve.compute.ForwardResult;
import dev.gradserve.compute.GradientCheck;
import dev.gradserve.compute.GradientCheckResult;
import dev.gradserve.compute.GradientEngine;
import dev.gradserve.compute.GradientResult;
import dev.gradserve.model.Computation;
import dev.gradserve.model.DType;
import dev.gradserve.model.Include;
import dev.gradserve.model.InvalidRequestException;
import dev.gradserve.model.Limits;
import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stateless computation: gradients, forward passes and gradient checks of a network sent with the request. */
@RestController
@RequestMapping(path = "/v1", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
class GradientController {

    private final GradientEngine engine;
    private final Limits limits;

    GradientController(GradientEngine engine, Limits limits) {
        this.engine = engine;
        this.limits = limits;
    }

    @PostMapping("/gradients")
    GradientResponse gradients(@Valid @RequestBody GradientRequest request) {
        Computation computation = Computation.check(request.network(), request.weights(), request.init(), request.inputs(),
                request.targets(), request.dtype(), limits);
        GradientResult result = engine.gradients(computation.architecture(), computation.weights(), computation.inputs(),
                computation.targets(), computation.dtype(), includes(request.include()));
        AnswerEncoder encoder = new AnswerEncoder(request.tensorEncoding(), computation.dtype());
        return new GradientResponse(encoder.scalar(result.loss()), encoder.tensor(result.outputs()),
                encoder.weights(result.gradients()), encoder.activations(result.activations()),
                encoder.perLayer(result.deltas()), encoder.tensor(result.inputGradients()), encoder.weights(result.weights()));
    }

    @PostMapping("/forward")
    ForwardResponse forward(@Valid @RequestBody ForwardRequest request) {
        refuseBackwardIncludes(request.include());
        Computation computation = Computation.check(request.network(), request.weights(), request.init(), request.inputs(),
                request.targets(), request.dtype(), limits);
        ForwardResult result = engine.forward(computation.architecture(), computation.weights(), computation.inputs(),
                computation.targets(), computation.dtype(), includes(request.include()));
        AnswerEncoder encoder = new AnswerEncoder(request.tensorEncoding(), computation.dtype());
        return new ForwardResponse(encoder.tensor(result.outputs()), encoder.scalar(result.loss()),
                encoder.activations(result.activations()), encoder.weights(result.weights()));
    }

    @PostMapping("/gradient-checks")
    GradientCheckResponse gradientChecks(@Valid @RequestBody GradientCheckRequest request) {
        Computation computation = Computation.check(request.network(), request.weights(), request.init(), request.inputs(),
                request.targets(), DType.FLOAT64, limits);
        long parameters = computation.architecture().parameterCount();
        if (parameters > limits.maxGradientCheckParameters()) {
            throw new InvalidRequestException("/network/layers", "a gradient check runs two forward passes per parameter; "
                    + "this network has " + parameters + " parameters, at most " + limits.maxGradientCheckParameters()
                    + " are allowed");
        }
        GradientCheck.Settings settings = new GradientCheck.Settings(
                orDefault(request.epsilon(), GradientCheck.Settings.DEFAULT_EPSILON),
                orDefault(request.tolerance(), GradientCheck.Settings.DEFAULT_TOLERANCE),
                orDefault(request.absoluteTolerance(), GradientCheck.Settings.DEFAULT_ABSOLUTE_TOLERANCE));
        GradientCheckResult result = engine.checkGradients(computation.architecture(), computation.weights(),
                computation.inputs(), computation.targets(), settings);
        Map<String, Map<String, GradientCheckResponse.ParameterCheck>> layers = new LinkedHashMap<>();
        result.parameters().forEach((layer, checks) -> {
            Map<String, GradientCheckResponse.ParameterCheck> parametersOfLayer = new LinkedHashMap<>();
            checks.forEach((name, c) -> parametersOfLayer.put(name, new GradientCheckResponse.ParameterCheck(
                    c.maxRelativeError(), c.maxAbsoluteError(), c.worstIndex(), c.analytic(), c.numeric())));
            layers.put(layer, parametersOfLayer);
        });
        return new GradientCheckResponse(result.passed(), result.maxRelativeError(), result.maxAbsoluteError(),
                settings.epsilon(), settings.tolerance(), settings.absoluteTolerance(), layers);
    }

    /** A forward pass has no deltas or input gradients; asking for them is a mistake worth telling. */
    private static void refuseBackwardIncludes(List<Include> include) {
        for (int i = 0; include != null && i < include.size(); i++) {
            if (include.get(i) == Include.DELTAS || include.get(i) == Include.INPUT_GRADIENTS) {
                throw new InvalidRequestException("/include/" + i, "a forward pass computes no gradients; "
                        + "/v1/forward can include outputs, activations and weights, /v1/gradients everything");
            }
        }
    }

    private static Set<Include> includes(List<Include> include) {
        return include == null || include.isEmpty() ? EnumSet.noneOf(Include.class) : EnumSet.copyOf(include);
    }

    private static double orDefault(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
