package dev.gradserve.training;

/** An Idempotency-Key came back with a request different from the one first sent with it. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was first used with a different request; use a new key for a new step");
    }
}
