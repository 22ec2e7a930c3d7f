package faust.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainCodecTest {
    @Test
    void dumps_left_to_right_and_loads_right_to_left() {
        var chain = new ChainCodec(List.of(new RawCodec(), new BinaryCodec(), new BinaryCodec()));
        byte[] bytes = chain.dumps("hi");
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("YUdrPQ==");
        assertThat(chain.loads(bytes, String.class)).isEqualTo("hi");
    }
}
