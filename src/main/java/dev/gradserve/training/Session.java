package dev.gradserve.training;

import dev.gradserve.model.DType;
import dev.gradserve.model.NetworkSpec;
import dev.gradserve.model.OptimizerSpec;
import dev.gradserve.model.Weights;
import java.time.Instant;

/**
 * A model being trained: everything needed to take the next step or to resume exactly. Immutable;
 * every change makes a new one with a higher version.
 *
 * @param id             unguessable (a random UUID: 122 random bits)
 * @param owner          who may see it (an API key's fingerprint), or null when keys are off
 * @param network        the definition, with a loss
 * @param dtype          the precision it computes and stores in
 * @param optimizer      its settings, defaults filled in
 * @param weights        the current parameters
 * @param optimizerState the optimizer's buffers
 * @param step           optimizer updates applied so far
 * @param version        changes made so far (steps and weight replacements): the ETag
 * @param lastLoss       the loss of the latest step, or null before the first
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 */
public record Session(String id, String owner, NetworkSpec network, DType dtype, OptimizerSpec optimizer,
        Weights weights, OptimizerState optimizerState, long step, long version, Double lastLoss, Instant createdAt,
        Instant updatedAt) {

    /** After one optimizer update. */
    Session stepped(Weights newWeights, OptimizerState newState, Double loss, Instant now) {
        return new Session(id, owner, network, dtype, optimizer, newWeights, newState, step + 1, version + 1, loss,
                createdAt, now);
    }

    /** With weights replaced by the client (optimizer state and step count kept, as in PyTorch). */
    Session withWeights(Weights newWeights, Instant now) {
        return new Session(id, owner, network, dtype, optimizer, newWeights, optimizerState, step, version + 1, lastLoss,
                createdAt, now);
    }
}
