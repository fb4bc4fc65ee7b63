package dev.gradserve.training;

import dev.gradserve.model.Include;
import dev.gradserve.model.Tensor;
import java.util.Set;

/**
 * A request for one training step.
 *
 * @param inputs         the batch
 * @param targets        its targets
 * @param include        what the answer should hold besides the loss
 * @param ifMatch        apply only at this version (If-Match), or null
 * @param idempotencyKey the client's key (Idempotency-Key), or null
 * @param fingerprint    a digest of the request, compared on retries with the same key
 */
public record StepCommand(Tensor inputs, Tensor targets, Set<Include> include, Long ifMatch, String idempotencyKey,
        byte[] fingerprint) {}
