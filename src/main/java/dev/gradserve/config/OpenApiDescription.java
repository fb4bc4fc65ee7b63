package dev.gradserve.config;

/** The conventions of the API and the decisions API.md leaves open, as the OpenAPI info description. */
final class OpenApiDescription {

    static final String TEXT = """
            Backpropagation as a service: the loss, the outputs and the exact gradients of a neural network \
            that travels with each request. This document is contract v1 (API.md) plus the decisions API.md leaves open.

            **Try it:** every call's request example is the worked example of API.md, a 2-2-2 sigmoid network \
            with loss ½·Σ(t − y)² (Mazur, "A Step by Step Backpropagation Example"). POST it to /v1/gradients: \
            loss 0.298371109, outputs [[0.75136507, 0.772928465]], dE/dw5 = gradients.output.W[0][0] = 0.082167041.

            **Train it:** POST the same network and weights with `"optimizer": {"type": "sgd", "learningRate": 0.5}` \
            to /v1/sessions, then its inputs and targets to /v1/sessions/{id}/steps: output W becomes \
            [[0.35891648, 0.408666186], [0.511301270, 0.561370121]], hidden W [[0.149780716, 0.19956143], \
            [0.24975114, 0.29950229]].

            ## Tensors
            Wherever a tensor is accepted, three encodings are (schema `Tensor`), mixed freely in one request:
            - nested JSON arrays, batch first, as PyTorch: `[[0.05, 0.1]]`; a bare number is a scalar;
            - `{"shape": [1, 2], "data": [0.05, 0.1]}`, row-major;
            - `{"shape": [1, 2], "dtype": "float64", "base64": "mpmZmZmZqT+amZmZmZm5Pw=="}`: IEEE 754 bytes, \
            little-endian, row-major, standard Base64 with padding; dtype float64 when omitted.

            Answers write tensors as `tensorEncoding` asks: `nested` (default), `flat` ({shape, data}) or `base64` \
            ({shape, dtype, base64}, in the compute dtype). After a float32 computation numbers are written as the \
            shortest decimal that reads back as the same float32.

            ## Defaults
            dtype float64 · tensorEncoding nested · layer names layer1, layer2, … (1-based) · dense activation \
            identity, useBias true · leaky_relu alpha 0.01 · elu alpha 1 · loss reduction mean, scale 1 · \
            multiclass_hinge margin 1 · init seed 0, biases zero · gradient check epsilon 1e-6, tolerance 1e-6, \
            absoluteTolerance 1e-8.

            ## Losses
            `cross_entropy` after a softmax layer uses that layer's probabilities, and after an identity (linear) \
            layer treats the outputs as logits, as PyTorch's CrossEntropyLoss. After any other activation (tanh, \
            relu, …) its outputs are likewise treated as logits: softmax is applied inside the loss and the gradient \
            flows back through the activation. `binary_cross_entropy` after a sigmoid is computed from the logits \
            (as BCEWithLogitsLoss); after any other activation the outputs must lie in [0, 1], else 422. \
            `multiclass_hinge` sums over the classes j ≠ target and, unlike PyTorch's MultiMarginLoss, does not \
            divide by the number of classes.

            ## Sessions
            A session stores a network (with a loss), its weights, an optimizer and the optimizer's state between \
            requests. Optimizers follow torch.optim update for update: sgd (momentum, dampening, nesterov, \
            weightDecay), adam (beta1, beta2, epsilon, weightDecay, amsgrad), rmsprop (alpha, epsilon, momentum, \
            centered, weightDecay), adagrad (learningRateDecay, initialAccumulatorValue, epsilon, weightDecay); any may \
            clip the gradients first, clipValue per element, then clipNorm over all of them. A step's loss and \
            gradients are those of the weights before its update.
            - **Versions:** a session is at version 0 when created or restored and goes up by one with every step and \
            every replacement of its weights. Answers carry it as the `ETag` ("3"); sending it back as `If-Match` makes \
            a step or a replacement happen only at that version, else 412 with `currentVersion`. Concurrent changes \
            of one session are serialised: none is lost.
            - **Exactly once:** a step with an `Idempotency-Key` is applied once; a retry with the same key and body \
            gets the first answer back with `Idempotent-Replayed: true`, and the same key with another body is 422. \
            Keys are remembered for a session's latest gradserve.sessions.steps-remembered (default 1000) keyed steps.
            - **Lifetime:** a session not used for gradserve.sessions.idle-timeout (default 1h) expires; every call on \
            it counts as use. The in-memory store (the default) holds at most gradserve.sessions.max-sessions (default \
            10000) sessions; gradserve.sessions.store=redis shares them between instances and keeps them over restarts.
            - **Checkpoints:** GET /v1/sessions/{id}/checkpoint has everything needed to resume exactly; POST it as \
            `{"checkpoint": ...}` to /v1/sessions for a new session (new id, version 0) that takes the same next step.
            - **Defaults:** dtype float64 · sgd momentum 0, dampening 0, nesterov false, weightDecay 0 (learningRate \
            required) · adam learningRate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-8 · rmsprop learningRate 0.01, \
            alpha 0.99, epsilon 1e-8 · adagrad learningRate 0.01, epsilon 1e-10 · others 0 or false · no clipping.

            ## Errors
            Every error is `application/problem+json` (RFC 9457, schema `Problem`) with type, title, status, detail, \
            instance and `errors`: a JSON Pointer into the request body and a message for each problem.
            - **400** `urn:gradserve:problem:malformed-request`: the body cannot be read as this call's JSON: not \
            JSON, a wrong JSON type ("2" or 2.5 where an integer belongs), an unknown field, a duplicate key, an \
            unknown enum value, activation or layer type, or a malformed tensor (ragged arrays, shape and data that \
            disagree, bad base64).
            - **413** `urn:gradserve:problem:payload-too-large`: the body is over gradserve.limits.max-body-size \
            (default 32MB), with or without Content-Length.
            - **422** `urn:gradserve:problem:invalid-request`: the body was read but cannot be computed: a required \
            field missing, a number out of range, both or neither of weights and init, shapes that do not fit the \
            network, a number that is not finite or does not fit the dtype, a loss that cannot take the outputs, \
            or a configured limit passed (layers, parameters, batch size, activation values, gradient-check parameters).
            - **422** `urn:gradserve:problem:non-finite-result`: a result would be NaN or ±Infinity, which JSON \
            cannot carry; the pointer names the first layer (/network/layers/i) or the loss (/network/loss) that \
            went non-finite.
            - **500** `urn:gradserve:problem:internal-error`: a fault of the server; `errors` is empty.
            - **503** `urn:gradserve:problem:overloaded` (Retry-After: 1): every POST and PUT: the server is computing \
            as much as it may (gradserve.limits.max-concurrent-computations), its memory is over \
            gradserve.limits.max-resident-memory, or it is shutting down and did not take the request \
            (it could not finish reading it; Connection: close). Nothing was computed or changed; retry.

            Sessions add:
            - **400** `urn:gradserve:problem:bad-request`: a query parameter that cannot be read (tensorEncoding).
            - **404** `urn:gradserve:problem:session-not-found`: no such session (never created, deleted or expired).
            - **412** `urn:gradserve:problem:version-mismatch`: If-Match names another version; `currentVersion` and \
            the ETag header give the current one.
            - **422** `urn:gradserve:problem:idempotency-key-reused`: an Idempotency-Key sent again with a different body.
            - **503** `urn:gradserve:problem:session-limit` (Retry-After: 60): the in-memory store is full; \
            `urn:gradserve:problem:store-unavailable` (Retry-After: 5): the redis store does not answer. Nothing changes.

            Requests that miss every call (404 unknown path, 405 method, 406 Accept, 415 Content-Type) are answered \
            with problem+json too.
            """;

    private OpenApiDescription() {}
}
