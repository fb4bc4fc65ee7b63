package dev.gradserve.api;

import dev.gradserve.model.Include;
import dev.gradserve.model.InvalidRequestException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The {@code include} list of a request. */
final class Includes {

    private Includes() {}

    static Set<Include> of(List<Include> include) {
        return include == null || include.isEmpty() ? EnumSet.noneOf(Include.class) : EnumSet.copyOf(include);
    }

    /** A forward pass has no gradients, deltas or input gradients; asking for them is a mistake worth telling. */
    static void refuseBackward(List<Include> include) {
        for (int i = 0; include != null && i < include.size(); i++) {
            Include part = include.get(i);
            if (part == Include.DELTAS || part == Include.INPUT_GRADIENTS || part == Include.GRADIENTS
                    || part == Include.GRADIENT_NORMS || part == Include.PER_EXAMPLE_GRADIENTS) {
                throw new InvalidRequestException("/include/" + i, "a forward pass computes no gradients; "
                        + "forward can include outputs, activations and weights, gradients everything");
            }
        }
    }
}
