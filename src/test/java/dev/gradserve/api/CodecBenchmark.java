package dev.gradserve.api;

import dev.gradserve.bench.Mlp;
import dev.gradserve.compute.GradientEngine;
import dev.gradserve.compute.GradientResult;
import dev.gradserve.model.Computation;
import dev.gradserve.model.Limits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A big request's JSON against its compute (issue 5, goal 3): {@code POST /v1/gradients} for the MLP 784-256-128-10,
 * batch 128, float32, every tensor of the request and of the answer in one encoding. {@code parse} reads the body's
 * bytes into a {@link GradientRequest} as the server does ({@link JsonBody}, the server's JSON settings and tensor codec); {@code compute} is what the
 * controller does with it (checks, forward, backward); {@code write} writes the answer (loss, outputs, every
 * gradient). Goal: parse + write ≤ 10% of compute with base64, ≤ 100% with nested arrays. {@code nested17} is the
 * nested request with each float32 value written as the double it widens to, 16 or 17 significant digits, as Python's
 * {@code json.dumps} writes a numpy array's {@code tolist()} (a client's likeliest body); its answer is the nested one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class CodecBenchmark {

    private static final int BATCH = Mlp.BATCH;
    private static final int[] WIDTHS = Mlp.WIDTHS;
    private static final Limits LIMITS = Mlp.LIMITS;

    @Param({"base64", "nested", "nested17"})
    public String encoding;

    private final GradientEngine engine = new GradientEngine();
    private JsonMapper mapper;
    private byte[] body;
    private GradientRequest request;
    private GradientResponse answer;

    @Setup
    public void setUp() {
        JsonMapper.Builder builder = JsonMapper.builder().addModule(JsonSettings.module());
        new JsonSettings().strictJson().customize(builder);
        mapper = builder.build();
        body = mapper.writeValueAsBytes(requestTree());
        request = parse();
        answer = GradientResponse.of(compute(), encoder());
        System.out.printf("%n%s request %,d bytes, answer %,d bytes%n", encoding, body.length, write().length);
    }

    @Benchmark
    public GradientRequest parse() {
        return JsonBody.read(mapper.readerFor(GradientRequest.class), body);
    }

    @Benchmark
    public GradientResult compute() {
        Computation computation = Computation.check(request.network(), request.weights(), request.weightLayout(),
                request.init(), request.inputs(), request.targets(), request.outputGradients(), request.dtype(), LIMITS);
        return engine.gradients(computation.architecture(), computation.weights(), computation.inputs(),
                computation.targets(), computation.dtype(), Set.of());
    }

    @Benchmark
    public byte[] write() {
        return mapper.writeValueAsBytes(answer);
    }

    private AnswerEncoder encoder() {
        return new AnswerEncoder(request.tensorEncoding(), request.dtype());
    }

    /** The request as a client would send it: random float32 inputs and weights, one-hot targets. */
    private ObjectNode requestTree() {
        Random random = new Random(1);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode network = root.putObject("network");
        network.putArray("inputShape").add(WIDTHS[0]);
        ArrayNode layers = network.putArray("layers");
        for (int l = 1; l < WIDTHS.length; l++) {
            layers.addObject().put("name", "layer" + l).put("type", "dense").put("units", WIDTHS[l])
                    .put("activation", l < WIDTHS.length - 1 ? "relu" : "identity");
        }
        network.putObject("loss").put("type", "cross_entropy");
        root.put("dtype", "float32");
        root.set("inputs", tensor(new int[] {BATCH, WIDTHS[0]}, random, 1));
        float[] oneHot = new float[BATCH * WIDTHS[3]];
        for (int i = 0; i < BATCH; i++) {
            oneHot[i * WIDTHS[3] + random.nextInt(WIDTHS[3])] = 1;
        }
        root.set("targets", tensor(new int[] {BATCH, WIDTHS[3]}, oneHot));
        ObjectNode weights = root.putObject("weights");
        for (int l = 1; l < WIDTHS.length; l++) {
            double scale = Math.sqrt(2.0 / WIDTHS[l - 1]);
            ObjectNode layer = weights.putObject("layer" + l);
            layer.set("W", tensor(new int[] {WIDTHS[l], WIDTHS[l - 1]}, random, scale));
            layer.set("b", tensor(new int[] {WIDTHS[l]}, random, scale));
        }
        root.put("tensorEncoding", "base64".equals(encoding) ? "base64" : "nested");
        return root;
    }

    private tools.jackson.databind.JsonNode tensor(int[] shape, Random random, double scale) {
        float[] values = new float[java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (scale * random.nextGaussian());
        }
        return tensor(shape, values);
    }

    private tools.jackson.databind.JsonNode tensor(int[] shape, float[] values) {
        if ("base64".equals(encoding)) {
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            ObjectNode node = mapper.createObjectNode();
            ArrayNode dims = node.putArray("shape");
            for (int d : shape) {
                dims.add(d);
            }
            return node.put("dtype", "float32").put("base64", Base64.getEncoder().encodeToString(bytes.array()));
        }
        ArrayNode rows = mapper.createArrayNode();
        int columns = shape.length == 1 ? values.length : shape[1];
        if (shape.length == 1) {
            for (float v : values) {
                add(rows, v);
            }
            return rows;
        }
        for (int r = 0; r < shape[0]; r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < columns; c++) {
                add(row, values[r * columns + c]);
            }
        }
        return rows;
    }

    private void add(ArrayNode array, float value) {
        if ("nested17".equals(encoding)) {
            array.add((double) value);
        } else {
            array.add(value);
        }
    }
}
