import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

/**
 * The image's HEALTHCHECK: exits 0 when the readiness probe answers 200, else 1. A few kilobytes of Java in
 * place of curl or wget, which the JRE image does not have. The port is the one the service listens on:
 * MANAGEMENT_SERVER_PORT or SERVER_PORT when set, else 8080.
 */
public final class HealthCheck {

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String port = env.getOrDefault("MANAGEMENT_SERVER_PORT", env.getOrDefault("SERVER_PORT", "8080"));
        String path = args.length > 0 ? args[0] : "/actuator/health/readiness";
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(3000);
            int status = connection.getResponseCode();
            System.out.println(path + ": " + status);
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.out.println(path + ": " + e);
            System.exit(1);
        }
    }
}
