package dev.gradserve.compute;

import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one computation with its ND4J arrays in a workspace of its own, so that their native memory is
 * given back the moment the computation ends. Without it, that memory waits for the garbage collector to
 * find the arrays' small Java objects: measured on the MLP of docs/PERFORMANCE.md, forward and backward
 * passes then slowed from ~5 ms to 20–25 ms for seconds before every collection, as native memory piled up.
 * Everything a computation returns must have left ND4J (plain arrays, tensors) before it ends.
 */
public final class Workspaces {

    private static final String ID = "gradserve-computation";

    /** Learns nothing across computations (it is destroyed after each), so every array is allocated and freed once. */
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Workspaces() {}

    public static <T> T run(Supplier<T> computation) {
        MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, ID);
        try (workspace) {
            return computation.get();
        } finally {
            // kept, it would hold the largest computation this thread ever ran, in every request thread
            Nd4j.getWorkspaceManager().destroyWorkspace(workspace);
        }
    }
}
