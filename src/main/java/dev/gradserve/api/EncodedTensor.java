package dev.gradserve.api;

import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A tensor on its way into an answer, with the encoding the client asked for and the precision it
 * was computed in (float32 values are written as the shortest decimal that reads back as that float).
 */
@Schema(implementation = Tensor.class) // EncodedTensorSerializer writes it as a tensor, in one of the Tensor encodings
record EncodedTensor(Tensor tensor, TensorEncoding encoding, DType dtype) {}
