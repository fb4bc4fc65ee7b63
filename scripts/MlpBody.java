import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Random;

/**
 * Writes a POST /v1/gradients body for the MLP 784-256-128-10, batch 128, float32, every tensor base64 (and base64
 * answers) to standard output: the big request of issue 5. JDK only: java scripts/MlpBody.java > body.json
 */
public class MlpBody {
    static final int BATCH = 128;
    static final int[] WIDTHS = {784, 256, 128, 10};
    static final Random RANDOM = new Random(1);

    public static void main(String[] args) {
        StringBuilder json = new StringBuilder("{\"network\": {\"inputShape\": [784], \"layers\": [");
        for (int l = 1; l < WIDTHS.length; l++) {
            json.append(l > 1 ? ", " : "").append("{\"name\": \"layer").append(l).append("\", \"type\": \"dense\", \"units\": ")
                    .append(WIDTHS[l]).append(", \"activation\": \"").append(l < WIDTHS.length - 1 ? "relu" : "identity")
                    .append("\"}");
        }
        json.append("], \"loss\": {\"type\": \"cross_entropy\"}}, \"dtype\": \"float32\", \"tensorEncoding\": \"base64\", ");
        json.append("\"inputs\": ").append(tensor(new int[] {BATCH, WIDTHS[0]}, 1)).append(", \"targets\": [");
        for (int i = 0; i < BATCH; i++) {
            json.append(i > 0 ? ", " : "").append(RANDOM.nextInt(WIDTHS[3]));
        }
        json.append("], \"weights\": {");
        for (int l = 1; l < WIDTHS.length; l++) {
            double scale = Math.sqrt(2.0 / WIDTHS[l - 1]);
            json.append(l > 1 ? ", " : "").append("\"layer").append(l).append("\": {\"W\": ")
                    .append(tensor(new int[] {WIDTHS[l], WIDTHS[l - 1]}, scale)).append(", \"b\": ")
                    .append(tensor(new int[] {WIDTHS[l]}, scale)).append("}");
        }
        System.out.println(json.append("}}"));
    }

    static String tensor(int[] shape, double scale) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        ByteBuffer bytes = ByteBuffer.allocate(size * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < size; i++) {
            bytes.putFloat((float) (scale * RANDOM.nextGaussian()));
        }
        String dims = java.util.Arrays.toString(shape);
        return "{\"shape\": " + dims + ", \"dtype\": \"float32\", \"base64\": \""
                + Base64.getEncoder().encodeToString(bytes.array()) + "\"}";
    }
}
