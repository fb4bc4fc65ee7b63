package dev.gradserve.api;

/** The request body is bigger than {@code gradserve.limits.max-body-size}. */
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
    }
}
