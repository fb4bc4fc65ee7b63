package dev.gradserve.api;

import com.fasterxml.jackson.annotation.JsonView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's JSON converter, except that a UTF-8 request body is read whole (the body size limit bounds it) and parsed
 * from its bytes through {@link JsonBody}, so that base64 tensors are decoded straight from the body. Errors are
 * Spring's own. A body in another declared charset, or read with a JSON view, goes through Spring's stream reader.
 */
final class BufferedJsonConverter extends JacksonJsonHttpMessageConverter {

    /**
     * A body whose declared length is at most this is read into an array of that length (no 8 KB buffer and final
     * copy, as {@code readAllBytes} makes: an eighth of what a small request allocated); a longer one is read as it
     * arrives, so a declared length alone never makes the server allocate much. {@link ComputationLimitFilter} reads
     * a computing request's body the same way before this converter reads it again from that array.
     */
    static final int EXACT_READ_LIMIT = 64 * 1024;

    BufferedJsonConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage message, Map<String, Object> hints) throws IOException {
        MediaType contentType = message.getHeaders().getContentType();
        Charset charset = contentType == null ? null : contentType.getCharset();
        if ((charset != null && !charset.equals(StandardCharsets.UTF_8)) || (hints != null && hints.containsKey(JsonView.class.getName()))) {
            return super.read(type, message, hints);
        }
        Class<?> contextClass = type.getSource() instanceof MethodParameter parameter ? parameter.getContainingClass() : null;
        JavaType javaType = getJavaType(type.getType(), contextClass);
        byte[] body = readBody(message.getBody(), message.getHeaders().getContentLength());
        try {
            return JsonBody.read(defaultMapper.readerFor(javaType), body);
        } catch (InvalidDefinitionException e) {
            throw new HttpMessageConversionException("Type definition error: " + e.getType(), e);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e, message);
        }
    }

    /** The body: {@code declaredLength} bytes (fewer if it ends sooner), or all of it when undeclared (-1) or long. */
    static byte[] readBody(InputStream in, long declaredLength) throws IOException {
        if (declaredLength < 0 || declaredLength > EXACT_READ_LIMIT) {
            return in.readAllBytes();
        }
        byte[] body = new byte[(int) declaredLength];
        int read = in.readNBytes(body, 0, body.length);
        return read == body.length ? body : Arrays.copyOf(body, read);
    }
}
