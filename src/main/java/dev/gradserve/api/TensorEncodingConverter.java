package dev.gradserve.api;

import dev.gradserve.model.TensorEncoding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Reads {@code ?tensorEncoding=base64} by the API's names, as the JSON field is read. */
@Component
class TensorEncodingConverter implements Converter<String, TensorEncoding> {

    @Override
    public TensorEncoding convert(String name) {
        for (TensorEncoding encoding : TensorEncoding.values()) {
            if (encoding.name().equalsIgnoreCase(name)) {
                return encoding;
            }
        }
        throw new IllegalArgumentException("unknown tensorEncoding '" + name + "'; allowed: nested, flat, base64");
    }
}
