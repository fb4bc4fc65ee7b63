package dev.gradserve.model.keras;

import dev.gradserve.model.LayerSpec;
import java.util.List;

/**
 * A Keras layer in gradserve's terms.
 *
 * @param spec       the gradserve layer
 * @param parameters how its parameters come from the Keras layer's variables; empty without weights
 */
record Converted(LayerSpec spec, List<ParameterMapping> parameters) {}
