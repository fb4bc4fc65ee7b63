package dev.gradserve.compute;

/**
 * Whether this JVM runs JDK 17's incubating Vector API: it was started with {@code --add-modules jdk.incubator.vector}
 * (as the build, the container image, {@code ./mvnw spring-boot:run}, the benchmarks and the scripts start it) on a
 * processor whose vectors hold four doubles or more (AVX2 and wider). The classes that use the API
 * ({@code VectorConversions}, {@code training.VectorAdam}, {@code api.VectorBase64}) load only when it is: without
 * the module they cannot. Where it is not, plain loops give the same values.
 */
public final class VectorApi {

    public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorConversions.wideEnough();

    private VectorApi() {}
}
