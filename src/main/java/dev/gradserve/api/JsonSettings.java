package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradserve.model.Tensor;
import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON: a misspelt field, a duplicated key, 2.5 where an integer belongs, "2" where a
 * number belongs or 5 where a string belongs is refused rather than guessed at; absent values are
 * left out of answers rather than written as null; and tensors have their own codec.
 */
@Configuration(proxyBeanMethods = false)
class JsonSettings {

    @Bean
    JacksonModule tensorModule() {
        return module();
    }

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * Spring's JSON converter swapped, in its place in the list, for one on the same mapper that reads bodies from their
     * bytes ({@link BufferedJsonConverter}). In place, because the converters before it (byte[], String) must stay
     * first: a second JSON converter bean would go to the front.
     */
    @Bean
    WebMvcConfigurer bufferedJsonBodies() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.replaceAll(converter -> converter.getClass() == JacksonJsonHttpMessageConverter.class
                        ? new BufferedJsonConverter(((JacksonJsonHttpMessageConverter) converter).getMapper()) : converter);
            }
        };
    }

    /** The tensor codec, also for tests that build their own mapper. */
    static JacksonModule module() {
        return new SimpleModule("gradserve-tensors")
                .addDeserializer(Tensor.class, new TensorDeserializer())
                .addSerializer(EncodedTensor.class, new EncodedTensorSerializer());
    }
}
