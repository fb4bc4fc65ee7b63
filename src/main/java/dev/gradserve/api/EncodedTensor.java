package dev.gradserve.api;

import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;

/**
 * A tensor on its way into an answer, with the encoding the client asked for and the precision it
 * was computed in (float32 values are written as the shortest decimal that reads back as that float).
 */
record EncodedTensor(Tensor tensor, TensorEncoding encoding, DType dtype) {}
