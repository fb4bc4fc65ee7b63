package dev.gradserve.api;

import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Request bodies are checked by Bean Validation, skipped where it would find nothing ({@link QuickValidator}). */
@Configuration(proxyBeanMethods = false)
class ValidationSettings {

    @Bean
    WebMvcConfigurer quickBodyValidation(Validator validator) {
        SmartValidator full = validator instanceof SmartValidator smart ? smart : new SpringValidatorAdapter(validator);
        QuickValidator quick = new QuickValidator(full, validator);
        return new WebMvcConfigurer() {
            @Override
            public org.springframework.validation.Validator getValidator() {
                return quick;
            }
        };
    }
}
