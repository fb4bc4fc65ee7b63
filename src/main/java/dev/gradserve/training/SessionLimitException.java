package dev.gradserve.training;

/** The store holds as many sessions as it may. */
public class SessionLimitException extends RuntimeException {

    public SessionLimitException(String message) {
        super(message);
    }
}
