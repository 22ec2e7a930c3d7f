package faust.stream;

import static org.assertj.core.api.Assertions.assertThat;

import faust.topic.TP;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message's references and how its release is reported to its listener. */
class MessageTest {
    private static final TP TP0 = new TP("in", 0);

    /** Records each call: "one:offset" or "run:first..last". */
    static final class Listener implements Message.AckListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onAcked(Message m) {
            calls.add("one:" + m.offset());
        }

        @Override
        public void onAckedAll(Message[] ms, int from, int to) {
            calls.add("run:" + ms[from].offset() + ".." + ms[to - 1].offset());
        }
    }

    private static Message message(long offset, Message.AckListener l, int refs) {
        Message m = new Message(TP0, offset, 1L, null, new byte[] {1}, Headers.empty(), l, 0);
        m.incref(refs);
        return m;
    }

    @Test
    void release_tells_nobody_and_says_whether_it_released_the_last_reference() {
        Listener l = new Listener();
        Message m = message(5, l, 2);

        assertThat(m.release()).isFalse();
        assertThat(m.refcount()).isEqualTo(1);
        assertThat(m.release()).isTrue();
        assertThat(m.refcount()).isZero();
        assertThat(l.calls).isEmpty();
    }

    @Test
    void ack_tells_the_listener_once_the_last_reference_goes() {
        Listener l = new Listener();
        Message m = message(5, l, 2);

        assertThat(m.ack()).isFalse();
        assertThat(l.calls).isEmpty();
        assertThat(m.ack()).isTrue();
        assertThat(l.calls).containsExactly("one:5");
    }

    @Test
    void reportAcked_reports_each_run_of_messages_that_share_a_listener_in_one_call() {
        Listener a = new Listener();
        Listener b = new Listener();
        Message[] ms = {message(1, a, 1), message(2, a, 1), message(3, b, 1), message(4, null, 1), message(5, a, 1),
            message(6, a, 1)};

        Message.reportAcked(ms, 0, ms.length);

        assertThat(a.calls).containsExactly("run:1..2", "run:5..6");
        assertThat(b.calls).containsExactly("run:3..3");
    }

    @Test
    void the_default_run_report_tells_each_message() {
        List<Long> acked = new ArrayList<>();
        Message.AckListener l = m -> acked.add(m.offset());
        Message[] ms = {message(1, l, 1), message(2, l, 1), message(3, l, 1)};

        Message.reportAcked(ms, 1, 3);

        assertThat(acked).containsExactly(2L, 3L);
    }

    @Test
    void an_events_release_counts_once() {
        Listener l = new Listener();
        Message m = message(9, l, 2);
        Event<String, String> e = new Event<>(null, "v", Headers.empty(), m, null);

        assertThat(e.release()).isFalse();
        assertThat(e.release()).as("a second release of the same event").isFalse();
        assertThat(e.isAcked()).isTrue();
        assertThat(m.refcount()).isEqualTo(1);
        assertThat(e.ack()).as("ack after release").isFalse();
    }
}
