package dev.gradserve.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The elementwise activations, each held to {@link ActivationContractTest} with an independent reference. */
class ElementwiseActivationTests {

    @Nested
    class IdentityTest extends ActivationContractTest {
        Activation activation() {
            return new Identity();
        }

        double reference(double z) {
            return z;
        }
    }

    @Nested
    class SigmoidTest extends ActivationContractTest {
        Activation activation() {
            return new Sigmoid();
        }

        double reference(double z) {
            return 1 / (1 + Math.exp(-z));
        }
    }

    @Nested
    class TanhTest extends ActivationContractTest {
        Activation activation() {
            return new Tanh();
        }

        double reference(double z) {
            return Math.tanh(z);
        }
    }

    @Nested
    class ReluTest extends ActivationContractTest {
        Activation activation() {
            return new Relu();
        }

        double reference(double z) {
            return Math.max(0, z);
        }

        @Test
        void derivativeAtZeroIsZeroAsInPyTorch() {
            double[] dLdZ = values(activation().backward(row(new double[] {0}), row(new double[] {0}), row(new double[] {1})));
            assertThat(dLdZ[0]).isZero();
        }
    }

    @Nested
    class LeakyReluTest extends ActivationContractTest {
        Activation activation() {
            return new LeakyRelu(0.2);
        }

        double reference(double z) {
            return z > 0 ? z : 0.2 * z;
        }

        @Test
        void derivativeAtZeroIsAlphaAsInPyTorch() {
            double[] dLdZ = values(activation().backward(row(new double[] {0}), row(new double[] {0}), row(new double[] {1})));
            assertThat(dLdZ[0]).isEqualTo(0.2);
        }
    }

    @Nested
    class EluTest extends ActivationContractTest {
        Activation activation() {
            return new Elu(0.7);
        }

        double reference(double z) {
            return z > 0 ? z : 0.7 * Math.expm1(z);
        }
    }

    @Nested
    class SoftplusTest extends ActivationContractTest {
        Activation activation() {
            return new Softplus();
        }

        double reference(double z) {
            return Math.log1p(Math.exp(z));
        }

        @Test
        void staysExactForLargeAndVeryNegativeInputs() {
            double[] a = values(activation().forward(row(new double[] {800, -40, -800})));
            assertThat(a[0]).isEqualTo(800.0);
            assertThat(a[1]).isCloseTo(Math.exp(-40), org.assertj.core.api.Assertions.within(1e-30));
            assertThat(a[2]).isZero();
        }
    }

    @Nested
    class GeluTest extends ActivationContractTest {
        Activation activation() {
            return new Gelu();
        }

        /** z·Φ(z), with Φ from W. J. Cody's erfc (independent of ND4J's erf, which the ND4J form uses). */
        double reference(double z) {
            return z * 0.5 * ErrorFunction.erfc(-z / Math.sqrt(2));
        }
    }

    @Nested
    class SiluTest extends ActivationContractTest {
        Activation activation() {
            return new Silu();
        }

        double reference(double z) {
            return z / (1 + Math.exp(-z));
        }
    }
}
