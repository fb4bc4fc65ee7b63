package dev.gradserve.model;

import java.util.List;

/** What a layer turns its input shape into: its output shape (without the batch) and its parameters. */
public record LayerGeometry(int[] outputShape, List<ParameterShape> parameters) {}
