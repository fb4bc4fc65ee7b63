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

    /**
     * No arena: every array is allocated on its own ("spilled", external) and all are freed when the workspace
     * closes. An arena that grows as a computation asks for more (REALLOCATE) made LeNet in float64 twice as slow;
     * one kept per thread would hold the largest computation that thread ever ran, in every request thread.
     */
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.NONE)
            .policyAllocation(AllocationPolicy.STRICT)
            .policySpill(SpillPolicy.EXTERNAL)
            .build();

    private Workspaces() {}

    public static <T> T run(Supplier<T> computation) {
        MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, ID);
        try (workspace) {
            return computation.get();
        } finally {
            Nd4j.getWorkspaceManager().destroyWorkspace(workspace);
        }
    }
}
