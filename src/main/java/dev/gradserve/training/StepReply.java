package dev.gradserve.training;

/**
 * @param answer   the answer's bytes, exactly as for the first request with this idempotency key
 * @param version  the session version the step produced
 * @param replayed whether this repeats an earlier answer (nothing was applied)
 */
public record StepReply(byte[] answer, long version, boolean replayed) {}
