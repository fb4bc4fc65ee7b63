package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.model.DType;
import dev.gradserve.model.Tensor;
import dev.gradserve.model.TensorEncoding;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Numbers written in bulk (JsonNumberArrays) must be the bytes Jackson writes one number at a time. */
class EncodedTensorSerializerTest {

    private static final JsonFactory JACKSON = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private final JsonMapper mapper = JsonMapper.builder().addModule(JsonSettings.module())
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    @ParameterizedTest
    @EnumSource(DType.class)
    void rowsLongerThanTheBufferAreWrittenAsJacksonWritesThem(DType dtype) {
        Tensor tensor = random(new int[] {3, 2000}, 1);
        EncodedTensor nested = new EncodedTensor(tensor, TensorEncoding.NESTED, dtype);
        EncodedTensor flat = new EncodedTensor(tensor, TensorEncoding.FLAT, dtype);
        assertThat(mapper.writeValueAsString(nested)).isEqualTo(oneByOne(tensor, dtype, false));
        assertThat(mapper.writeValueAsString(flat)).isEqualTo(oneByOne(tensor, dtype, true));
        assertThat(new String(mapper.writeValueAsBytes(nested), StandardCharsets.UTF_8)).isEqualTo(oneByOne(tensor, dtype, false));
        assertThat(new String(mapper.writeValueAsBytes(flat), StandardCharsets.UTF_8)).isEqualTo(oneByOne(tensor, dtype, true));
    }

    @Test
    void shortRowsAreWrittenAsJacksonWritesThem() {
        for (int[] shape : new int[][] {{1, 1}, {4, 1}, {2, 3}, {3, 700}, {2, 656}}) {
            Tensor tensor = random(shape, shape[0] * 1000L + shape[1]);
            for (DType dtype : DType.values()) {
                EncodedTensor nested = new EncodedTensor(tensor, TensorEncoding.NESTED, dtype);
                assertThat(new String(mapper.writeValueAsBytes(nested), StandardCharsets.UTF_8)).isEqualTo(oneByOne(tensor, dtype, false));
            }
        }
    }

    @Test
    void theServersSettingsTakeTheBulkPath() {
        try (JsonGenerator generator = mapper.createGenerator(new ByteArrayOutputStream())) {
            assertThat(JsonNumberArrays.forGenerator(generator, true)).isNotNull();
        }
    }

    @Test
    void aRowWithValuesThatAreNotFiniteIsWrittenByJackson() {
        Tensor tensor = new Tensor(new int[] {3, 2}, new double[] {1, Double.NaN, 0.5, 1e39, -0.0, Double.NEGATIVE_INFINITY});
        for (DType dtype : DType.values()) {
            String nested = mapper.writeValueAsString(new EncodedTensor(tensor, TensorEncoding.NESTED, dtype));
            assertThat(nested).isEqualTo(oneByOne(tensor, dtype, false));
            assertThat(mapper.writeValueAsString(new EncodedTensor(tensor, TensorEncoding.FLAT, dtype)))
                    .isEqualTo(oneByOne(tensor, dtype, true));
        }
        assertThat(mapper.writeValueAsString(new EncodedTensor(tensor, TensorEncoding.NESTED, DType.FLOAT32)))
                .isEqualTo("[[1.0,\"NaN\"],[0.5,\"Infinity\"],[-0.0,\"-Infinity\"]]");
    }

    @Test
    void scalarsAndEmptyTensorsKeepTheirShape() {
        assertThat(mapper.writeValueAsString(new EncodedTensor(new Tensor(new int[0], new double[] {0.25}), TensorEncoding.NESTED,
                DType.FLOAT64))).isEqualTo("0.25");
        assertThat(mapper.writeValueAsString(new EncodedTensor(new Tensor(new int[] {2, 0}, new double[0]), TensorEncoding.NESTED,
                DType.FLOAT64))).isEqualTo("[[],[]]");
    }

    @Test
    void aPrettyPrintingMapperGetsJacksonsOwnLayout() {
        JsonMapper pretty = mapper.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
        Tensor tensor = new Tensor(new int[] {1, 2}, new double[] {1.5, 2});
        assertThat(pretty.writeValueAsString(new EncodedTensor(tensor, TensorEncoding.NESTED, DType.FLOAT64)))
                .isEqualTo("[ [ 1.5, 2.0 ] ]");
    }

    private static Tensor random(int[] shape, long seed) {
        Random random = new Random(seed);
        double[] data = new double[(int) Tensor.elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6);
        }
        return new Tensor(shape, data);
    }

    /** A rank-2 tensor as Jackson writes it with one writeNumber per element. */
    private static String oneByOne(Tensor tensor, DType dtype, boolean flat) {
        StringWriter out = new StringWriter();
        int rows = tensor.shape()[0];
        int columns = tensor.shape()[1];
        try (JsonGenerator generator = JACKSON.createGenerator(ObjectWriteContext.empty(), out)) {
            if (flat) {
                generator.writeStartObject();
                generator.writeName("shape");
                generator.writeArray(tensor.shape(), 0, 2);
                generator.writeName("data");
                generator.writeStartArray();
            } else {
                generator.writeStartArray();
            }
            for (int r = 0; r < rows; r++) {
                if (!flat) {
                    generator.writeStartArray();
                }
                for (int c = 0; c < columns; c++) {
                    double value = tensor.data()[r * columns + c];
                    if (dtype == DType.FLOAT32) {
                        generator.writeNumber((float) value);
                    } else {
                        generator.writeNumber(value);
                    }
                }
                if (!flat) {
                    generator.writeEndArray();
                }
            }
            generator.writeEndArray();
            if (flat) {
                generator.writeEndObject();
            }
        }
        return out.toString();
    }
}
