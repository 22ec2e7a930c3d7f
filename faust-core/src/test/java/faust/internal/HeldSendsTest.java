package faust.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.transport.TransportProducer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class HeldSendsTest {
    /** Records what reached it, in order, and lands each message at the next offset. */
    private static final class Recording implements TransportProducer {
        final List<String> sent = new CopyOnWriteArrayList<>();
        Runnable onSend = () -> { };

        @Override
        public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                      byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
            sent.add(new String(value == null ? new byte[0] : value, StandardCharsets.UTF_8));
            Runnable r = onSend;
            onSend = () -> { };
            r.run();
            return CompletableFuture.completedFuture(new RecordMetadata(topic, 0, sent.size() - 1, 0L));
        }

        @Override
        public void flush() {}

        @Override
        public int partitionForKey(String topic, byte @Nullable [] key) {
            return 0;
        }

        @Override
        public void close() {}
    }

    private static CompletableFuture<RecordMetadata> send(HeldSends h, TransportProducer p, String v) {
        return h.send(p, "out", null, null, null, v.getBytes(StandardCharsets.UTF_8), Headers.empty());
    }

    @Test
    void sends_go_straight_through_until_sealed_then_wait_and_enter_the_next_transaction_in_order() {
        HeldSends h = new HeldSends();
        Recording p = new Recording();
        assertThat(send(h, p, "a").join().offset()).isZero();
        h.seal();
        CompletableFuture<RecordMetadata> b = send(h, p, "b");
        CompletableFuture<RecordMetadata> c = send(h, p, "c");
        assertThat(p.sent).containsExactly("a");
        assertThat(b).isNotDone();
        assertThat(h.open(p)).isEqualTo(2);
        assertThat(p.sent).containsExactly("a", "b", "c");
        assertThat(b.join().offset()).isEqualTo(1);
        assertThat(c.join().offset()).isEqualTo(2);
        send(h, p, "d");
        assertThat(p.sent).containsExactly("a", "b", "c", "d");
        assertThat(h.sealed()).isFalse();
    }

    @Test
    void dropped_sends_fail_naming_why_and_never_reach_the_producer() {
        HeldSends h = new HeldSends();
        Recording p = new Recording();
        h.seal();
        CompletableFuture<RecordMetadata> b = send(h, p, "b");
        assertThat(h.drop("transaction commit failed: broker gone")).isEqualTo(1);
        assertThat(p.sent).isEmpty();
        assertThatThrownBy(b::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(HeldSends.DroppedSendException.class)
                .hasMessageContaining("broker gone").hasMessageContaining("processed again");
        send(h, p, "c");
        assertThat(p.sent).containsExactly("c");
    }

    @Test
    void a_send_made_while_held_sends_drain_waits_its_turn_behind_them() {
        HeldSends h = new HeldSends();
        Recording p = new Recording();
        h.seal();
        send(h, p, "held-1");
        send(h, p, "held-2");
        // while the first held send reaches the producer, another sender sends: it must not overtake held-2
        p.onSend = () -> send(h, p, "during-drain");
        assertThat(h.open(p)).isEqualTo(3);
        assertThat(p.sent).containsExactly("held-1", "held-2", "during-drain");
        assertThat(h.sealed()).isFalse();
        assertThat(h.count()).isZero();
    }
}
