package dev.gradserve.training;

/** The store holds as many sessions as it may: in all (the server is full), or for this client. */
public class SessionLimitException extends RuntimeException {

    private final boolean perClient;

    public SessionLimitException(String message, boolean perClient) {
        super(message);
        this.perClient = perClient;
    }

    /** Whether the client's own limit was reached (as opposed to the server's). */
    public boolean perClient() {
        return perClient;
    }
}
