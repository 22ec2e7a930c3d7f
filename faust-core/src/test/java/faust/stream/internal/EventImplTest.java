package faust.stream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.stream.Headers;
import faust.topic.TP;
import faust.transport.TrackedMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventImplTest {
    @Test
    void an_events_release_counts_once() {
        List<Long> acked = new ArrayList<>();
        TrackedMessage m = new TrackedMessage(new TP("in", 0), 9, 1L, null, new byte[] {1}, Headers.empty(),
                msg -> acked.add(msg.offset()), 0);
        m.incref(2);
        EventImpl<String, String> e = new EventImpl<>(null, "v", Headers.empty(), m, null);

        assertThat(e.release()).isFalse();
        assertThat(e.release()).as("a second release of the same event").isFalse();
        assertThat(e.isAcked()).isTrue();
        assertThat(m.refcount()).isEqualTo(1);
        assertThat(e.ack()).as("ack after release").isFalse();
        assertThat(acked).as("the other reference still holds the message").isEmpty();
    }

    @Test
    void the_current_event_is_the_calling_threads() throws InterruptedException {
        TrackedMessage m = new TrackedMessage(new TP("in", 0), 1, 1L, null, null, Headers.empty(), null, 0);
        EventImpl<String, String> e = new EventImpl<>("k", "v", Headers.empty(), m, null);
        CurrentEvent.set(e);
        try {
            assertThat(faust.Faust.currentEvent()).isSameAs(e);
            List<Object> seenElsewhere = new ArrayList<>();
            Thread other = Thread.ofVirtual().start(() -> seenElsewhere.add(String.valueOf(CurrentEvent.get())));
            other.join();
            assertThat(seenElsewhere).containsExactly("null");
        } finally {
            CurrentEvent.set(null);
        }
        assertThat(faust.Faust.currentEvent()).isNull();
    }
}
