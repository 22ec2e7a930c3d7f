package faust.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawCodecTest {
    private final Codecs codecs = Codecs.defaults();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void raw_passes_bytes_and_encodes_strings_as_utf8() {
        Codec raw = codecs.get("raw");
        byte[] bytes = {1, 2, (byte) 0xff};
        assertThat(raw.dumps(bytes)).isSameAs(bytes);
        assertThat(raw.dumps("héllo")).isEqualTo(utf8("héllo"));
        assertThat(raw.loads(utf8("héllo"), String.class)).isEqualTo("héllo");
        assertThat(raw.loads(bytes, byte[].class)).isEqualTo(bytes);
        assertThat(raw.loads(bytes, Object.class)).isEqualTo(bytes);
    }

    @Test
    void raw_rejects_other_types_clearly() {
        assertThatThrownBy(() -> codecs.get("raw").dumps(42))
                .hasMessageContaining("raw codec serializes only byte[] and String, got java.lang.Integer");
        assertThatThrownBy(() -> codecs.get("raw").loads(utf8("1"), Integer.class))
                .hasMessageContaining("decodes only into byte[], String or Object, not java.lang.Integer");
    }
}
