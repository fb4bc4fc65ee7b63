package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Convolutional networks through HTTP: shape inference and its problems, what include shows, and training. */
class ConvolutionHttpTest extends HttpTestBase {

    private static final String LENET_LIKE = """
            {"inputShape": [1, 8, 8], "layers": [
              {"name": "conv1", "type": "conv2d", "filters": 4, "kernelSize": 3, "padding": "same", "activation": "relu"},
              {"name": "pool1", "type": "maxpool2d", "poolSize": 2},
              {"name": "conv2", "type": "conv2d", "filters": 6, "kernelSize": 3, "activation": "relu"},
              {"name": "pool2", "type": "avgpool2d", "poolSize": 2},
              {"name": "flat", "type": "flatten"},
              {"name": "out", "type": "dense", "units": 2}],
             "loss": {"type": "cross_entropy"}}""";

    private static Body lenet() {
        return Body.parse("{}").set("/network", LENET_LIKE).set("/init", "{\"scheme\": \"he_uniform\", \"seed\": 3}")
                .set("/inputs", images(4)).set("/targets", "[0, 1, 0, 1]");
    }

    /** Examples of two classes: a bright upper half, or a bright lower half, with noise. */
    private static String images(int count) {
        Random random = new Random(8);
        StringBuilder json = new StringBuilder("[");
        for (int n = 0; n < count; n++) {
            json.append(n == 0 ? "" : ",").append("[[");
            for (int i = 0; i < 8; i++) {
                json.append(i == 0 ? "" : ",").append("[");
                for (int j = 0; j < 8; j++) {
                    boolean bright = (n % 2 == 0) == (i < 4);
                    json.append(j == 0 ? "" : ",").append((bright ? 1.0 : 0.0) + random.nextGaussian() * 0.1);
                }
                json.append("]");
            }
            json.append("]]");
        }
        return json.append("]").toString();
    }

    @Test
    void shapesAreInferredThroughConvolutionPoolingAndFlatten() throws Exception {
        JsonNode answer = answer(GRADIENTS, lenet().set("/include", "[\"activations\", \"deltas\", \"weights\"]"));
        assertThat(Tensors.shape(answer.at("/activations/conv1/a"))).containsExactly(4, 4, 8, 8);
        assertThat(Tensors.shape(answer.at("/activations/pool1/a"))).containsExactly(4, 4, 4, 4);
        assertThat(Tensors.shape(answer.at("/activations/conv2/z"))).containsExactly(4, 6, 2, 2);
        assertThat(Tensors.shape(answer.at("/activations/pool2/a"))).containsExactly(4, 6, 1, 1);
        assertThat(Tensors.shape(answer.at("/activations/flat/a"))).containsExactly(4, 6);
        assertThat(Tensors.shape(answer.at("/deltas/conv1"))).containsExactly(4, 4, 8, 8);
        assertThat(Tensors.shape(answer.at("/gradients/conv2/W"))).containsExactly(6, 4, 3, 3);
        assertThat(Tensors.shape(answer.at("/weights/out/W"))).containsExactly(2, 6);
        assertThat(answer.at("/gradients").propertyNames()).containsExactly("conv1", "conv2", "out");
    }

    @Test
    void aKernelThatDoesNotFitIsRefusedAtItsLayer() throws Exception {
        send(GRADIENTS, lenet().set("/network/layers/2/kernelSize", "[5, 3]"))
                .andExpect(problem(422, "/network/layers/2", "kernel 5×3 does not fit the input 4×4"));
    }

    @Test
    void samePaddingWithAStrideIsRefusedAsInPyTorch() throws Exception {
        send(GRADIENTS, lenet().set("/network/layers/0/stride", "2"))
                .andExpect(problem(422, "/network/layers/0/padding", "needs stride 1"));
    }

    @Test
    void aConvolutionNeedsChannelsHeightAndWidth() throws Exception {
        send(GRADIENTS, lenet().set("/network/inputShape", "[64]").set("/inputs", "[[" + "0.5,".repeat(63) + "0.5]]")
                .set("/targets", "[0]")).andExpect(problem(422, "/network/layers/0", "[channels, height, width]", "[64]"));
    }

    @Test
    void aMalformedKernelSizeIsRefusedWithTheFormsAllowed() throws Exception {
        send(GRADIENTS, lenet().set("/network/layers/0/kernelSize", "[3, 3, 3]"))
                .andExpect(problem(400, "/network/layers/0/kernelSize", "[height, width]"));
        send(GRADIENTS, lenet().set("/network/layers/0/padding", "\"full\""))
                .andExpect(problem(400, "/network/layers/0/padding", "\"same\" or \"valid\""));
    }

    @Test
    void aSessionTrainsAConvNetAndItsLossFalls() throws Exception {
        Body create = Body.parse("{}").set("/network", LENET_LIKE).set("/init", "{\"scheme\": \"he_uniform\", \"seed\": 3}")
                .set("/optimizer", "{\"type\": \"adam\", \"learningRate\": 0.01}");
        JsonNode session = mapper.readTree(mvc.perform(post("/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .content(create.json())).andReturn().getResponse().getContentAsString());
        String step = "{\"inputs\": " + images(8) + ", \"targets\": [0, 1, 0, 1, 0, 1, 0, 1]}";
        double first = Double.NaN;
        double last = Double.NaN;
        for (int i = 0; i < 20; i++) {
            JsonNode answer = mapper.readTree(mvc.perform(post("/v1/sessions/" + session.get("id").stringValue() + "/steps")
                    .contentType(MediaType.APPLICATION_JSON).content(step)).andReturn().getResponse().getContentAsString());
            last = answer.get("loss").doubleValue();
            first = i == 0 ? last : first;
        }
        assertThat(last).isLessThan(first / 2);
    }
}
