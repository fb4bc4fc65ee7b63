package dev.gradserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradserve.model.Tensor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TensorJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().addModule(JsonSettings.module()).build();

    @Test
    void readsNestedArrays() {
        Tensor t = mapper.readValue("[[1, 2], [3, 4.5]]", Tensor.class);
        assertThat(t.shape()).containsExactly(2, 2);
    }
}
