package dev.gradserve.model;

import java.util.Arrays;

/** Checks a batch of inputs and its targets against an architecture and the limits. */
public final class BatchValidator {

    private BatchValidator() {}

    /** @return the batch size, or -1 after adding the problems to {@code violations} */
    public static int checkInputs(Architecture architecture, Tensor inputs, DType dtype, Limits limits, String pointer,
            Violations violations) {
        int[] expected = architecture.inputShape();
        int[] shape = inputs.shape();
        if (shape.length != expected.length + 1
                || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), expected)) {
            String hint = Arrays.equals(shape, expected) ? "; wrap a single example in an outer array" : "";
            violations.add(pointer, "expected shape " + Tensor.batchShapeString(expected) + ", got "
                    + Tensor.shapeString(shape) + hint);
            return -1;
        }
        int batch = shape[0];
        if (batch < 1) {
            violations.add(pointer, "the batch is empty; at least one example is needed");
            return -1;
        }
        if (batch > limits.maxBatchSize()) {
            violations.add(pointer, "batch size " + batch + " is over the limit of " + limits.maxBatchSize());
            return -1;
        }
        long perExample = architecture.activationSizePerExample();
        long activations = perExample > Long.MAX_VALUE / batch ? Long.MAX_VALUE : batch * perExample;
        if (activations > limits.maxActivationElements()) {
            violations.add(pointer, "batch size " + batch + " would need " + activations
                    + " activation values; the limit is " + limits.maxActivationElements() + ", so send at most "
                    + limits.maxActivationElements() / perExample + " examples");
            return -1;
        }
        return Numbers.checkRepresentable(inputs, dtype, pointer, violations) ? batch : -1;
    }

    /**
     * Checks targets for the architecture's loss and returns them shaped like the outputs: class
     * indices become one-hot rows, which is exactly how PyTorch's losses read them.
     *
     * @return dense targets, or null after adding the problems to {@code violations}
     */
    public static Tensor checkTargets(Architecture architecture, int batch, Tensor targets, DType dtype, String pointer,
            Violations violations) {
        LossType loss = architecture.loss().type();
        int[] output = architecture.outputShape();
        int[] dense = new int[output.length + 1];
        dense[0] = batch;
        System.arraycopy(output, 0, dense, 1, output.length);
        int[] shape = targets.shape();
        if (loss.takesClassIndices() && shape.length == 1) {
            return shape[0] == batch ? oneHot(targets, output[0], pointer, violations)
                    : wrongShape(pointer, "[" + batch + "] (class indices) or " + Tensor.shapeString(dense), shape, violations);
        }
        if (loss == LossType.MULTICLASS_HINGE) {
            return wrongShape(pointer, "[" + batch + "] (class indices)", shape, violations);
        }
        if (!Arrays.equals(shape, dense)) {
            String expected = Tensor.shapeString(dense) + (loss.takesClassIndices() ? " (probabilities) or [" + batch
                    + "] (class indices)" : " (the shape of the outputs)");
            return wrongShape(pointer, expected, shape, violations);
        }
        return Numbers.checkRepresentable(targets, dtype, pointer, violations) ? targets : null;
    }

    /** dL/d outputs: shaped like the outputs, finite. */
    public static Tensor checkOutputGradients(Architecture architecture, int batch, Tensor gradients, DType dtype,
            String pointer, Violations violations) {
        int[] output = architecture.outputShape();
        int[] expected = new int[output.length + 1];
        expected[0] = batch;
        System.arraycopy(output, 0, expected, 1, output.length);
        if (!Arrays.equals(gradients.shape(), expected)) {
            return wrongShape(pointer, Tensor.shapeString(expected) + " (the shape of the outputs)", gradients.shape(),
                    violations);
        }
        return Numbers.checkRepresentable(gradients, dtype, pointer, violations) ? gradients : null;
    }

    private static Tensor oneHot(Tensor indices, int classes, String pointer, Violations violations) {
        double[] rows = new double[indices.size() * classes];
        for (int i = 0; i < indices.size(); i++) {
            double index = indices.data()[i];
            if (index != Math.rint(index) || index < 0 || index >= classes) {
                violations.add(Violations.pointer(pointer, i), "class index must be an integer from 0 to " + (classes - 1)
                        + ", got " + index);
                return null;
            }
            rows[i * classes + (int) index] = 1;
        }
        return new Tensor(new int[] {indices.size(), classes}, rows);
    }

    private static Tensor wrongShape(String pointer, String expected, int[] actual, Violations violations) {
        violations.add(pointer, "expected shape " + expected + ", got " + Tensor.shapeString(actual));
        return null;
    }
}
