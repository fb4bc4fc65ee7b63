package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/** One layer of a network definition, told apart by {@code "type"}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({@JsonSubTypes.Type(value = DenseSpec.class, name = "dense")})
@Schema(description = "A layer, told apart by its type.", oneOf = {DenseSpec.class}, discriminatorProperty = "type",
        discriminatorMapping = {@DiscriminatorMapping(value = "dense", schema = DenseSpec.class)})
public sealed interface LayerSpec permits DenseSpec {

    /** The layer's name as given, or null for the default {@code layerN}. */
    String name();

    /** The type name as written in the API, e.g. {@code dense}. */
    String type();

    /**
     * Checks the layer's own settings against the shape of what flows into it (without the batch).
     *
     * @return the output shape and parameters, or null after adding to {@code violations}
     */
    LayerGeometry resolve(int[] inputShape, String pointer, Violations violations);
}
