package faust.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DerTest {
    @Test
    void oid_encodes_first_two_arcs_in_one_byte_and_large_arcs_in_base_128() {
        // 1.2.840.10045.4.3.2 (ecdsa-with-SHA256), as in RFC 5758
        assertThat(Der.oid("1.2.840.10045.4.3.2"))
                .containsExactly(0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02);
    }

    @Test
    void long_content_uses_the_long_length_form() {
        byte[] encoded = Der.octetString(new byte[300]);
        assertThat(encoded).startsWith(0x04, 0x82, 0x01, 0x2C);
        assertThat(encoded).hasSize(304);
    }

    @Test
    void integer_is_signed_big_endian_with_a_leading_zero_for_high_bits() {
        assertThat(Der.integer(BigInteger.valueOf(128))).containsExactly(0x02, 0x02, 0x00, 0x80);
    }

    @Test
    void time_is_utc_time_before_2050_and_generalized_time_after() {
        assertThat(Der.time(Instant.parse("2030-01-02T03:04:05Z")))
                .containsExactly(0x17, 13, '3', '0', '0', '1', '0', '2', '0', '3', '0', '4', '0', '5', 'Z');
        assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z"))[0]).isEqualTo((byte) 0x18);
    }
}
