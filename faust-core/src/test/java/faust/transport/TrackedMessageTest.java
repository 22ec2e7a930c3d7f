package faust.transport;

import static org.assertj.core.api.Assertions.assertThat;

import faust.stream.Headers;
import faust.topic.TP;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message's references and how its release is reported to its listener. */
class TrackedMessageTest {
    private static final TP TP0 = new TP("in", 0);

    /** Records each call: "one:offset" or "run:first..last". */
    static final class Listener implements TrackedMessage.AckListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onAcked(TrackedMessage m) {
            calls.add("one:" + m.offset());
        }

        @Override
        public void onAckedAll(TrackedMessage[] ms, int from, int to) {
            calls.add("run:" + ms[from].offset() + ".." + ms[to - 1].offset());
        }
    }

    private static TrackedMessage message(long offset, TrackedMessage.AckListener l, int refs) {
        TrackedMessage m = new TrackedMessage(TP0, offset, 1L, null, new byte[] {1}, Headers.empty(), l, 0);
        m.incref(refs);
        return m;
    }

    @Test
    void release_tells_nobody_and_says_whether_it_released_the_last_reference() {
        Listener l = new Listener();
        TrackedMessage m = message(5, l, 2);

        assertThat(m.release()).isFalse();
        assertThat(m.refcount()).isEqualTo(1);
        assertThat(m.release()).isTrue();
        assertThat(m.refcount()).isZero();
        assertThat(l.calls).isEmpty();
    }

    @Test
    void ack_tells_the_listener_once_the_last_reference_goes() {
        Listener l = new Listener();
        TrackedMessage m = message(5, l, 2);

        assertThat(m.ack()).isFalse();
        assertThat(l.calls).isEmpty();
        assertThat(m.ack()).isTrue();
        assertThat(l.calls).containsExactly("one:5");
    }

    @Test
    void reportAcked_reports_each_run_of_messages_that_share_a_listener_in_one_call() {
        Listener a = new Listener();
        Listener b = new Listener();
        TrackedMessage[] ms = {message(1, a, 1), message(2, a, 1), message(3, b, 1), message(4, null, 1), message(5, a, 1),
            message(6, a, 1)};

        TrackedMessage.reportAcked(ms, 0, ms.length);

        assertThat(a.calls).containsExactly("run:1..2", "run:5..6");
        assertThat(b.calls).containsExactly("run:3..3");
    }

    @Test
    void the_default_run_report_tells_each_message() {
        List<Long> acked = new ArrayList<>();
        TrackedMessage.AckListener l = m -> acked.add(m.offset());
        TrackedMessage[] ms = {message(1, l, 1), message(2, l, 1), message(3, l, 1)};

        TrackedMessage.reportAcked(ms, 1, 3);

        assertThat(acked).containsExactly(2L, 3L);
    }
}
