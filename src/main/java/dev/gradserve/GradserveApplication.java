package dev.gradserve;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GradserveApplication {

    /**
     * JavaCPP reads the process's resident memory at every native allocation when this is above 0 (its default: twice
     * the heap), 1.6 µs a time and about 4% of an MLP pass; {@link dev.gradserve.api.ComputationLimitFilter} reads
     * it before a computation starts instead, at most once a millisecond. Off unless set on the command line
     * ({@code -D}, either spelling).
     */
    static final String JAVACPP_MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    public static void main(String[] args) {
        if (System.getProperty(JAVACPP_MAX_PHYSICAL_BYTES) == null
                && System.getProperty(JAVACPP_MAX_PHYSICAL_BYTES.toLowerCase(java.util.Locale.ROOT)) == null) {
            System.setProperty(JAVACPP_MAX_PHYSICAL_BYTES, "0");
        }
        SpringApplication.run(GradserveApplication.class, args);
    }
}
