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
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
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

    @Operation(operationId = "gradients", summary = "Loss, outputs and the gradient of every parameter",
            description = "One forward and one backward pass. `gradients` mirrors `weights` key for key and shape for shape; "
                    + "`include` adds activations, deltas, inputGradients or the weights used.")
    @PostMapping("/gradients")
    GradientResponse gradients(@Valid @RequestBody GradientRequest request) {
        if (request.targets() == null && request.outputGradients() == null) {
            throw new InvalidRequestException("/targets", "required: targets for the network's loss, or outputGradients "
                    + "(dL/d outputs of a loss of your own)");
        }
        Computation computation = Computation.check(request.network(), request.weights(), request.weightLayout(),
                request.init(), request.inputs(), request.targets(), request.outputGradients(), request.dtype(), limits);
        Set<Include> include = Includes.of(request.include());
        if (include.contains(Include.PER_EXAMPLE_GRADIENTS)) {
            requirePerExampleFits(computation);
        }
        GradientResult result = computation.targets() != null
                ? engine.gradients(computation.architecture(), computation.weights(), computation.inputs(),
                        computation.targets(), computation.dtype(), include)
                : engine.vectorJacobianProduct(computation.architecture(), computation.weights(), computation.inputs(),
                        computation.outputGradients(), computation.dtype(), include);
        return GradientResponse.of(result, new AnswerEncoder(request.tensorEncoding(), computation.dtype(),
                computation.layout()));
    }

    /** Per-example gradients hold batch × parameters numbers: bounded like a network's parameters. */
    private void requirePerExampleFits(Computation computation) {
        long numbers = (long) computation.inputs().shape()[0] * computation.architecture().parameterCount();
        if (numbers > limits.maxParameters()) {
            throw new InvalidRequestException("/include", "perExampleGradients for this batch would be " + numbers
                    + " numbers (batch × parameters); at most " + limits.maxParameters() + " are allowed");
        }
    }

    @Operation(operationId = "forward", summary = "Outputs, and the loss when targets are given",
            description = "One forward pass; no gradients.")
    @PostMapping("/forward")
    ForwardResponse forward(@Valid @RequestBody ForwardRequest request) {
        Includes.refuseBackward(request.include());
        Computation computation = Computation.check(request.network(), request.weights(), request.weightLayout(),
                request.init(), request.inputs(), request.targets(), null, request.dtype(), limits);
        ForwardResult result = engine.forward(computation.architecture(), computation.weights(), computation.inputs(),
                computation.targets(), computation.dtype(), Includes.of(request.include()));
        return ForwardResponse.of(result, new AnswerEncoder(request.tensorEncoding(), computation.dtype(),
                computation.layout()));
    }

    @Operation(operationId = "gradientChecks", summary = "Backpropagation checked against finite differences",
            description = "Computes the analytic gradients and, for every parameter element, the central difference "
                    + "(L(w + ε) − L(w − ε)) / 2ε, always in float64. An element whose absolute error is within "
                    + "absoluteTolerance counts as exact (relative error 0); otherwise its relative error is "
                    + "|analytic − numeric| / max(|analytic|, |numeric|). `passed` when every relative error is at most "
                    + "tolerance. Each parameter reports its worst element. Networks with more parameters than "
                    + "gradserve.limits.max-gradient-check-parameters (default 20000) are refused with 422.")
    @PostMapping("/gradient-checks")
    GradientCheckResponse gradientChecks(@Valid @RequestBody GradientCheckRequest request) {
        Computation computation = Computation.check(request.network(), request.weights(), request.weightLayout(),
                request.init(), request.inputs(), request.targets(), null, DType.FLOAT64, limits);
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

    private static double orDefault(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
