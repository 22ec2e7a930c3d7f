package faust.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.topic.TP;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssignorCodecTest {
    @Test
    void subscription_round_trips_url_generation_and_partitions() {
        URI url = URI.create("http://worker-1:6066");
        Set<TP> prev = Set.of(new TP("orders", 0), new TP("orders", 3), new TP("ünïcode-topic", 1));
        AssignorCodec.SubscriptionInfo info = AssignorCodec.decodeSubscription(AssignorCodec.encodeSubscription(url, 17, prev));
        assertThat(info.url()).isEqualTo(url);
        assertThat(info.generation()).isEqualTo(17);
        assertThat(info.previous()).isEqualTo(prev);
    }

    @Test
    void subscription_without_url_or_partitions_round_trips() {
        AssignorCodec.SubscriptionInfo info = AssignorCodec.decodeSubscription(AssignorCodec.encodeSubscription(null, -1, Set.of()));
        assertThat(info.url()).isNull();
        assertThat(info.generation()).isEqualTo(-1);
        assertThat(info.previous()).isEmpty();
    }

    @Test
    void group_map_round_trips_and_merges_members_sharing_a_url() {
        URI a = URI.create("http://a:6066");
        URI b = URI.create("http://b:6066");
        Map<URI, Set<TP>> group = Map.of(a, Set.of(new TP("t", 0)), b, Set.of(new TP("t", 1), new TP("u", 1)));
        assertThat(AssignorCodec.decodeGroup(AssignorCodec.encodeGroup(group))).isEqualTo(group);
    }

    @Test
    void unreadable_user_data_reads_as_nothing_instead_of_failing_the_rebalance() {
        ByteBuffer garbage = ByteBuffer.wrap(new byte[] {1, 0x7f, 0x7f, 0x7f, 0x7f, 9});
        assertThat(AssignorCodec.decodeSubscription(garbage).previous()).isEmpty();
        assertThat(AssignorCodec.decodeGroup(garbage)).isEmpty();
        assertThat(AssignorCodec.decodeSubscription(ByteBuffer.wrap(new byte[] {42})).url()).isNull();
        assertThat(AssignorCodec.decodeSubscription(null).generation()).isEqualTo(-1);
        ByteBuffer truncated = AssignorCodec.encodeSubscription(URI.create("http://x:1"), 3, Set.of(new TP("t", 1)));
        truncated.limit(truncated.limit() - 2);
        assertThat(AssignorCodec.decodeSubscription(truncated).previous()).isEmpty();
    }

    @Test
    void decoding_does_not_consume_the_callers_buffer() {
        ByteBuffer b = AssignorCodec.encodeSubscription(URI.create("http://x:1"), 3, Set.of(new TP("t", 1)));
        int before = b.remaining();
        AssignorCodec.decodeSubscription(b);
        assertThat(b.remaining()).isEqualTo(before);
    }
}
