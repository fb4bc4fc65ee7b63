package dev.gradserve.compute;

/**
 * A result went NaN or infinite. JSON cannot carry such numbers, and a client needs to know where
 * the computation broke down, so this names the first quantity (in computation order) that did.
 *
 * @see NonFiniteLocator
 */
public class NonFiniteResultException extends RuntimeException {

    private final int layerIndex;

    /**
     * @param layerIndex the layer (0-based) where it happened, or -1 for the loss
     * @param message    which quantity, and the first bad value with its index
     */
    public NonFiniteResultException(int layerIndex, String message) {
        super(message);
        this.layerIndex = layerIndex;
    }

    /** The layer (0-based) where it happened, or -1 for the loss. */
    public int layerIndex() {
        return layerIndex;
    }
}
