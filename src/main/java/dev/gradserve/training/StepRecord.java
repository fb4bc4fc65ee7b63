package dev.gradserve.training;

/**
 * A step taken with an {@code Idempotency-Key}: what a retry with the same key gets back.
 *
 * @param idempotencyKey the client's key
 * @param fingerprint    a digest of the request, to tell a retry from a different request reusing the key
 * @param version        the session version the step produced
 * @param answer         the answer exactly as first sent
 */
public record StepRecord(String idempotencyKey, byte[] fingerprint, long version, byte[] answer) {}
