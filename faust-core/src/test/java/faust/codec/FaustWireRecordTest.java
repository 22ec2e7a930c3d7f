package faust.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A record as real Python Faust (faust-streaming 0.15.2) wrote it (test resource
 * {@code faust-wire/01-record-order.*}): faust-java writes the same bytes for the same record and
 * reads Faust's bytes into it.
 */
class FaustWireRecordTest {
    /** Faust: {@code class Order(faust.Record, serializer='json'): account: str; product: str; amount: int; price: float}. */
    @FaustRecord(namespace = "interop_tables.Order")
    record Order(String account, String product, int amount, double price) {}

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = FaustWireRecordTest.class.getResourceAsStream("/faust-wire/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }

    @Test
    void a_record_is_written_byte_for_byte_as_faust_writes_it_and_faust_s_bytes_read_back() throws IOException {
        Codecs codecs = Codecs.defaults();
        Order order = new Order("acc-1", "apple", 2, 1.5);
        assertThat(codecs.dumpsValue(order, Codecs.JSON)).isEqualTo(sample("01-record-order.value"));
        assertThat(codecs.dumpsKey("acc-1", Codecs.RAW)).isEqualTo(sample("01-record-order.key"));
        assertThat(codecs.loadsValue(Order.class, sample("01-record-order.value"), Codecs.JSON)).isEqualTo(order);
        assertThat(codecs.loadsKey(String.class, sample("01-record-order.key"), Codecs.RAW)).isEqualTo("acc-1");
    }
}
