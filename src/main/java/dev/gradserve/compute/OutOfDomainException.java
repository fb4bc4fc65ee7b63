package dev.gradserve.compute;

/** A computation met a value outside the domain of a function, e.g. a probability loss on outputs outside [0, 1]. */
public class OutOfDomainException extends RuntimeException {

    public OutOfDomainException(String message) {
        super(message);
    }
}
