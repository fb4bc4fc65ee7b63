package dev.gradserve.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/** One layer of a network definition, told apart by {@code "type"}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = DenseSpec.class, name = "dense"),
    @JsonSubTypes.Type(value = Conv2dSpec.class, name = "conv2d"),
    @JsonSubTypes.Type(value = Pool2dSpec.class, names = {"maxpool2d", "avgpool2d"}),
    @JsonSubTypes.Type(value = FlattenSpec.class, name = "flatten"),
    @JsonSubTypes.Type(value = RnnSpec.class, name = "rnn"),
    @JsonSubTypes.Type(value = LstmSpec.class, name = "lstm"),
    @JsonSubTypes.Type(value = GruSpec.class, name = "gru")})
@Schema(description = "A layer, told apart by its type.", discriminatorProperty = "type",
        oneOf = {DenseSpec.class, Conv2dSpec.class, Pool2dSpec.class, FlattenSpec.class, RnnSpec.class, LstmSpec.class,
            GruSpec.class},
        discriminatorMapping = {
            @DiscriminatorMapping(value = "dense", schema = DenseSpec.class),
            @DiscriminatorMapping(value = "conv2d", schema = Conv2dSpec.class),
            @DiscriminatorMapping(value = "maxpool2d", schema = Pool2dSpec.class),
            @DiscriminatorMapping(value = "avgpool2d", schema = Pool2dSpec.class),
            @DiscriminatorMapping(value = "flatten", schema = FlattenSpec.class),
            @DiscriminatorMapping(value = "rnn", schema = RnnSpec.class),
            @DiscriminatorMapping(value = "lstm", schema = LstmSpec.class),
            @DiscriminatorMapping(value = "gru", schema = GruSpec.class)})
public sealed interface LayerSpec permits DenseSpec, Conv2dSpec, Pool2dSpec, FlattenSpec, RecurrentSpec {

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
