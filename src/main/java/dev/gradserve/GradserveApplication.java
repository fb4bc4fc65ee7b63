package dev.gradserve;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GradserveApplication {

    public static void main(String[] args) {
        SpringApplication.run(GradserveApplication.class, args);
    }
}
