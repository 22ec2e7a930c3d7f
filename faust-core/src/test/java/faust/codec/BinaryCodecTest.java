package faust.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinaryCodecTest {
    private final Codecs codecs = Codecs.defaults();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void binary_is_base64_of_the_bytes() {
        Codec binary = codecs.get("binary");
        assertThat(new String(binary.dumps("hello"), StandardCharsets.US_ASCII)).isEqualTo("aGVsbG8=");
        assertThat(binary.loads(utf8("aGVsbG8="), String.class)).isEqualTo("hello");
    }

    @Test
    void binary_binary_chain_encodes_twice() {
        byte[] twice = codecs.get("binary|binary").dumps("hi");
        assertThat(new String(twice, StandardCharsets.US_ASCII)).isEqualTo("YUdrPQ==");
        assertThat(codecs.get("binary|binary").loads(twice, String.class)).isEqualTo("hi");
    }

    @Test
    void binary_rejects_text_that_is_not_base64() {
        assertThatThrownBy(() -> codecs.get("binary").loads(utf8("not base64!"), String.class))
                .hasMessageContaining("the binary codec expected base64 text");
    }
}
