package faust.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.topic.TP;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssignorCodecTest {
    private static ByteBuffer encode(URI url, int generation, Set<TP> previous) {
        return AssignorCodec.encodeSubscription(new AssignorCodec.SubscriptionInfo(url, generation, previous, 0, Map.of(),
                Set.of()));
    }

    @Test
    void the_standby_parts_round_trip_in_the_subscription_and_the_assignment() {
        var info = new AssignorCodec.SubscriptionInfo(URI.create("http://w:1"), 4, Set.of(new TP("in", 2)), 2,
                Map.of("app-counts-changelog", 8, "app-totals-changelog", 4), Set.of(new TP("app-counts-changelog", 5)));
        assertThat(AssignorCodec.decodeSubscription(AssignorCodec.encodeSubscription(info))).isEqualTo(info);
        Map<URI, Set<TP>> group = Map.of(URI.create("http://w:1"), Set.of(new TP("in", 2)));
        Set<TP> standbys = Set.of(new TP("app-counts-changelog", 1), new TP("app-counts-changelog", 3));
        ByteBuffer data = AssignorCodec.encodeAssignment(group, standbys);
        assertThat(AssignorCodec.decodeGroup(data)).isEqualTo(group);
        assertThat(AssignorCodec.decodeStandbys(data)).isEqualTo(standbys);
    }

    @Test
    void version_1_user_data_of_an_earlier_worker_is_read_without_standbys() {
        // version 1: url "", generation 7, one topic "t" with partition 3; no standby parts
        ByteBuffer v1 = ByteBuffer.allocate(1 + 4 + 4 + 4 + 4 + 1 + 4 + 4)
                .put((byte) 1).putInt(0).putInt(7).putInt(1).putInt(1).put((byte) 't').putInt(1).putInt(3).flip();
        var info = AssignorCodec.decodeSubscription(v1);
        assertThat(info.generation()).isEqualTo(7);
        assertThat(info.previous()).containsExactly(new TP("t", 3));
        assertThat(info.replicas()).isZero();
        assertThat(info.changelogs()).isEmpty();
        ByteBuffer groupV1 = ByteBuffer.allocate(1 + 4).put((byte) 1).putInt(0).flip();
        assertThat(AssignorCodec.decodeGroup(groupV1)).isEmpty();
        assertThat(AssignorCodec.decodeStandbys(groupV1)).isEmpty();
    }
    @Test
    void subscription_round_trips_url_generation_and_partitions() {
        URI url = URI.create("http://worker-1:6066");
        Set<TP> prev = Set.of(new TP("orders", 0), new TP("orders", 3), new TP("ünïcode-topic", 1));
        AssignorCodec.SubscriptionInfo info = AssignorCodec.decodeSubscription(encode(url, 17, prev));
        assertThat(info.url()).isEqualTo(url);
        assertThat(info.generation()).isEqualTo(17);
        assertThat(info.previous()).isEqualTo(prev);
    }

    @Test
    void subscription_without_url_or_partitions_round_trips() {
        AssignorCodec.SubscriptionInfo info = AssignorCodec.decodeSubscription(encode(null, -1, Set.of()));
        assertThat(info.url()).isNull();
        assertThat(info.generation()).isEqualTo(-1);
        assertThat(info.previous()).isEmpty();
    }

    @Test
    void group_map_round_trips_and_merges_members_sharing_a_url() {
        URI a = URI.create("http://a:6066");
        URI b = URI.create("http://b:6066");
        Map<URI, Set<TP>> group = Map.of(a, Set.of(new TP("t", 0)), b, Set.of(new TP("t", 1), new TP("u", 1)));
        assertThat(AssignorCodec.decodeGroup(AssignorCodec.encodeAssignment(group, Set.of()))).isEqualTo(group);
    }

    @Test
    void unreadable_user_data_reads_as_nothing_instead_of_failing_the_rebalance() {
        ByteBuffer garbage = ByteBuffer.wrap(new byte[] {1, 0x7f, 0x7f, 0x7f, 0x7f, 9});
        assertThat(AssignorCodec.decodeSubscription(garbage).previous()).isEmpty();
        assertThat(AssignorCodec.decodeGroup(garbage)).isEmpty();
        assertThat(AssignorCodec.decodeSubscription(ByteBuffer.wrap(new byte[] {42})).url()).isNull();
        assertThat(AssignorCodec.decodeSubscription(null).generation()).isEqualTo(-1);
        ByteBuffer truncated = encode(URI.create("http://x:1"), 3, Set.of(new TP("t", 1)));
        truncated.limit(truncated.limit() - 2);
        assertThat(AssignorCodec.decodeSubscription(truncated).previous()).isEmpty();
    }

    @Test
    void decoding_does_not_consume_the_callers_buffer() {
        ByteBuffer b = encode(URI.create("http://x:1"), 3, Set.of(new TP("t", 1)));
        int before = b.remaining();
        AssignorCodec.decodeSubscription(b);
        assertThat(b.remaining()).isEqualTo(before);
    }
}
