package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An optimizer and its settings, told apart by {@code "type"}; each follows {@code torch.optim}
 * update for update. Every optimizer may clip the gradients first: {@code clipValue} clamps each
 * element to [−v, v], then {@code clipNorm} scales all of them together so that their global L2 norm
 * is at most the bound (as {@code torch.nn.utils.clip_grad_norm_}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = SgdSpec.class, name = "sgd"),
    @JsonSubTypes.Type(value = AdamSpec.class, name = "adam"),
    @JsonSubTypes.Type(value = RmspropSpec.class, name = "rmsprop"),
    @JsonSubTypes.Type(value = AdagradSpec.class, name = "adagrad")})
@Schema(description = "An optimizer, told apart by its type; each follows torch.optim update for update. Any of them may "
        + "clip the gradients first: clipValue clamps each element, then clipNorm scales them all to a global L2 norm.",
        oneOf = {SgdSpec.class, AdamSpec.class, RmspropSpec.class, AdagradSpec.class}, discriminatorProperty = "type",
        discriminatorMapping = {
            @DiscriminatorMapping(value = "sgd", schema = SgdSpec.class),
            @DiscriminatorMapping(value = "adam", schema = AdamSpec.class),
            @DiscriminatorMapping(value = "rmsprop", schema = RmspropSpec.class),
            @DiscriminatorMapping(value = "adagrad", schema = AdagradSpec.class)})
public sealed interface OptimizerSpec permits SgdSpec, AdamSpec, RmspropSpec, AdagradSpec {

    String type();

    Double learningRate();

    Double clipNorm();

    Double clipValue();

    /** The same settings with every default filled in, as a session shows and stores them. */
    OptimizerSpec withDefaults();

    /** Checks ranges (as torch.optim does), adding problems under {@code pointer}. */
    void check(String pointer, Violations violations);

    /** Checks the settings every optimizer shares. */
    static void checkCommon(OptimizerSpec spec, String pointer, Violations violations) {
        atLeast(spec.learningRate(), 0, pointer + "/learningRate", violations);
        positive(spec.clipNorm(), pointer + "/clipNorm", violations);
        positive(spec.clipValue(), pointer + "/clipValue", violations);
    }

    static void atLeast(Double value, double minimum, String pointer, Violations violations) {
        if (value != null && !(Double.isFinite(value) && value >= minimum)) {
            violations.add(pointer, "must be a finite number ≥ " + minimum + ", got " + value);
        }
    }

    static void positive(Double value, String pointer, Violations violations) {
        if (value != null && !(Double.isFinite(value) && value > 0)) {
            violations.add(pointer, "must be a finite number > 0, got " + value);
        }
    }

    static void below(Double value, double bound, String pointer, Violations violations) {
        if (value != null && !(Double.isFinite(value) && value >= 0 && value < bound)) {
            violations.add(pointer, "must be in [0, " + bound + "), got " + value);
        }
    }

    static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
