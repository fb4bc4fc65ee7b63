package dev.gradserve.model;

/**
 * Bounds that protect the server from requests too big to compute. Checked before anything of
 * that size is allocated.
 *
 * @param maxLayers                  layers in one network
 * @param maxParameters              weights and biases in one network
 * @param maxBatchSize               examples in one batch
 * @param maxActivationElements      batch size times the summed output sizes of all layers
 * @param maxGradientCheckParameters parameters a gradient check perturbs (two forward passes each)
 * @param maxSequenceLength          time steps of a recurrent network's input
 */
public record Limits(int maxLayers, long maxParameters, int maxBatchSize, long maxActivationElements,
        long maxGradientCheckParameters, int maxSequenceLength) {}
