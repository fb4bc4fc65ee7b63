package dev.gradserve.training;

/** No session with this id: it never existed, was deleted, expired, or belongs to another client. */
public class SessionNotFoundException extends RuntimeException {

    public SessionNotFoundException(String id) {
        super("no session '" + id + "'; it may have expired after a period without use, or been deleted");
    }
}
