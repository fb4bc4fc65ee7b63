package dev.gradserve.training;

/** If-Match named a version the session is no longer (or not yet) at. */
public class VersionMismatchException extends RuntimeException {

    private final long current;

    public VersionMismatchException(long expected, long current) {
        super("the session is at version " + current + ", not " + expected + "; read it again and retry");
        this.current = current;
    }

    public long current() {
        return current;
    }
}
