package dev.gradserve.api;

import dev.gradserve.compute.GradientNorms;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** How large one layer's gradients are. */
@Schema(description = "How large a layer's gradients are, to see them vanish or explode.")
record GradientNormsView(
        @Schema(description = "The L2 norm of all the layer's parameter gradients together.", example = "0.1157")
        double norm,
        @Schema(description = "The L2 norm of each parameter's gradient.", example = "{\"W\": 0.1157, \"b\": 0.1436}")
        Map<String, Double> parameters,
        @Schema(description = "Recurrent layers: ‖dL/dh_t‖ over the batch for every time step t, first to last.",
                example = "[0.0012, 0.0094, 0.071]") double[] timeSteps) {

    static GradientNormsView of(GradientNorms norms) {
        return new GradientNormsView(norms.norm(), norms.parameters(), norms.timeSteps());
    }
}
