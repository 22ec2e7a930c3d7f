package faust.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadTest {
    @Test
    void input_has_the_requested_size_and_differs_per_index() {
        assertThat(Payload.input(7, 100)).hasSize(100);
        assertThat(Payload.input(7, 100)).isNotEqualTo(Payload.input(8, 100));
    }

    @Test
    void transform_makes_a_new_array_with_every_byte_flipped() {
        byte[] in = Payload.input(42, 100);
        byte[] out = Payload.transform(in);
        assertThat(out).isNotSameAs(in).hasSize(100);
        for (int i = 0; i < in.length; i++) {
            assertThat((byte) (out[i] ^ Payload.FLIP)).isEqualTo(in[i]);
        }
    }

    @Test
    void output_index_recovers_the_index_of_a_transformed_input() {
        for (long i : new long[] {0, 1, 255, 256, 999_999, 1L << 40}) {
            assertThat(Payload.outputIndex(Payload.transform(Payload.input(i, 100)), 100)).isEqualTo(i);
        }
        assertThat(Payload.outputIndex(Payload.transform(Payload.input(3, Payload.MIN_SIZE)), Payload.MIN_SIZE)).isEqualTo(3);
    }

    @Test
    void output_index_rejects_untransformed_resized_or_corrupted_values() {
        byte[] in = Payload.input(12345, 100);
        assertThat(Payload.outputIndex(in, 100)).isEqualTo(-1);
        assertThat(Payload.outputIndex(Payload.transform(Payload.input(12345, 99)), 100)).isEqualTo(-1);
        byte[] out = Payload.transform(in);
        out[99] ^= 1;
        assertThat(Payload.outputIndex(out, 100)).isEqualTo(-1);
        byte[] out2 = Payload.transform(in);
        out2[3] ^= 1;           // another index: its check byte no longer matches
        assertThat(Payload.outputIndex(out2, 100)).isEqualTo(-1);
    }
}
