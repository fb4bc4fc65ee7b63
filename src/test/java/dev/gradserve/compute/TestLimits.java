package dev.gradserve.compute;

import dev.gradserve.model.Limits;

/** Limits for tests of the compute core, far above anything the tests send. */
public final class TestLimits {

    public static final Limits GENEROUS = new Limits(1_000, 100_000_000, 100_000, 1_000_000_000, 1_000_000, 100_000);

    private TestLimits() {}
}
