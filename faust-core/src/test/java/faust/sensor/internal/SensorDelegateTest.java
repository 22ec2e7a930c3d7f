package faust.sensor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.sensor.Monitor;
import faust.sensor.Sensor;
import faust.stream.Headers;
import faust.stream.Message;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.transport.TrackedMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SensorDelegateTest {
    private static final TP TP0 = new TP("orders", 0);
    private static final Message MSG = new TrackedMessage("orders", 0, 7, 1L, null, new byte[] {1}, Headers.empty(), null, 0);
    private static final RecordMetadata META = new RecordMetadata("out", 0, 3, 1L);

    private final Logger logger = (Logger) LoggerFactory.getLogger(SensorDelegate.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void attachLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void detachLogs() {
        logger.detachAppender(logs);
    }

    /** Records each call as "hook:state" and returns its own name + hook as start state. */
    static final class Recording implements Sensor {
        final String name;
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        Recording(String name) {
            this.name = name;
        }

        private Object start(String hook) {
            calls.add(hook);
            return name + "/" + hook;
        }

        private void end(String hook, @Nullable Object state) {
            calls.add(hook + ":" + state);
        }

        @Override public void onMessageIn(TP tp, long offset, Message message) { calls.add("messageIn"); }
        @Override public Object onStreamEventIn(TP tp, long offset, String stream, Message message) { return start("eventIn"); }
        @Override public void onStreamEventOut(TP tp, long offset, String stream, Message message, @Nullable Object state) { end("eventOut", state); }
        @Override public void onMessageOut(TP tp, long offset, Message message) { calls.add("messageOut"); }
        @Override public void onDecodeError(TP tp, long offset, Throwable error) { calls.add("decodeError"); }
        @Override public void onTopicBufferFull(String channel) { calls.add("bufferFull"); }
        @Override public void onTableGet(String table, Object key) { calls.add("tableGet"); }
        @Override public void onTableSet(String table, Object key, @Nullable Object value) { calls.add("tableSet"); }
        @Override public void onTableDel(String table, Object key) { calls.add("tableDel"); }
        @Override public Object onCommitInitiated() { return start("commit"); }
        @Override public void onCommitCompleted(@Nullable Object state) { end("commitDone", state); }
        @Override public Object onSendInitiated(String topic, int keySize, int valueSize) { return start("send"); }
        @Override public void onSendCompleted(@Nullable Object state, RecordMetadata metadata) { end("sendDone", state); }
        @Override public void onSendError(Throwable error, @Nullable Object state) { end("sendError", state); }
        @Override public Object onAssignmentStart() { return start("assign"); }
        @Override public void onAssignmentError(@Nullable Object state, Throwable error) { end("assignError", state); }
        @Override public void onAssignmentCompleted(@Nullable Object state) { end("assignDone", state); }
        @Override public Object onRebalanceStart() { return start("rebalance"); }
        @Override public void onRebalanceReturn(@Nullable Object state) { end("rebalanceReturn", state); }
        @Override public void onRebalanceEnd(@Nullable Object state) { end("rebalanceEnd", state); }
        @Override public Object onWebRequestStart(String method, String path) { return start("web"); }
        @Override public void onWebRequestEnd(@Nullable Object state, int status) { end("webEnd", state); }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Calls every hook once, pairing each end hook with its start hook's state. */
    static void callEveryHook(Sensor s) {
        s.onMessageIn(TP0, 7, MSG);
        s.onStreamEventOut(TP0, 7, "agent-a-0", MSG, s.onStreamEventIn(TP0, 7, "agent-a-0", MSG));
        s.onMessageOut(TP0, 7, MSG);
        s.onDecodeError(TP0, 8, new IllegalStateException("bad"));
        s.onTopicBufferFull("orders");
        s.onTableGet("t", "k");
        s.onTableSet("t", "k", 1);
        s.onTableDel("t", "k");
        s.onCommitCompleted(s.onCommitInitiated());
        s.onSendCompleted(s.onSendInitiated("out", 1, 2), META);
        s.onSendError(new IllegalStateException("send"), s.onSendInitiated("out", 1, 2));
        s.onAssignmentError(s.onAssignmentStart(), new IllegalStateException("assign"));
        s.onAssignmentCompleted(s.onAssignmentStart());
        Object rebalance = s.onRebalanceStart();
        s.onRebalanceReturn(rebalance);
        s.onRebalanceEnd(rebalance);
        s.onWebRequestEnd(s.onWebRequestStart("GET", "/stats/"), 200);
    }

    static List<String> expectedCalls(String name) {
        return List.of("messageIn", "eventIn", "eventOut:" + name + "/eventIn", "messageOut", "decodeError",
                "bufferFull", "tableGet", "tableSet", "tableDel", "commit", "commitDone:" + name + "/commit",
                "send", "sendDone:" + name + "/send", "send", "sendError:" + name + "/send",
                "assign", "assignError:" + name + "/assign", "assign", "assignDone:" + name + "/assign",
                "rebalance", "rebalanceReturn:" + name + "/rebalance", "rebalanceEnd:" + name + "/rebalance",
                "web", "webEnd:" + name + "/web");
    }

    @Test
    void every_hook_reaches_every_sensor_with_its_own_state() {
        var delegate = new SensorDelegate();
        var a = new Recording("a");
        var b = new Recording("b");
        delegate.add(a);
        delegate.add(b);

        callEveryHook(delegate);

        assertThat(a.calls).containsExactlyElementsOf(expectedCalls("a"));
        assertThat(b.calls).containsExactlyElementsOf(expectedCalls("b"));
    }

    @Test
    void single_sensor_gets_its_state_back() {
        var delegate = new SensorDelegate();
        var a = new Recording("a");
        delegate.add(a);

        callEveryHook(delegate);

        assertThat(a.calls).containsExactlyElementsOf(expectedCalls("a"));
    }

    @Test
    void start_hook_returns_null_when_every_sensor_returns_null() {
        var delegate = new SensorDelegate();
        delegate.add(new Sensor() {});
        delegate.add(new Sensor() {});

        assertThat(delegate.onCommitInitiated()).isNull();
        assertThat(delegate.onStreamEventIn(TP0, 1, "s", MSG)).isNull();
        assertThat(new SensorDelegate().onRebalanceStart()).isNull();
    }

    @Test
    void sensor_added_after_start_hook_gets_null_and_removed_sensor_is_not_called() {
        var delegate = new SensorDelegate();
        var a = new Recording("a");
        var b = new Recording("b");
        delegate.add(a);
        Object state = delegate.onCommitInitiated();
        delegate.add(b);
        delegate.onCommitCompleted(state);
        delegate.remove(a);
        delegate.onCommitCompleted(state);

        assertThat(a.calls).containsExactly("commit", "commitDone:a/commit");
        assertThat(b.calls).containsExactly("commitDone:null", "commitDone:null");
    }

    @Test
    void add_is_idempotent_and_keeps_insertion_order() {
        var delegate = new SensorDelegate();
        var a = new Recording("a");
        var b = new Recording("b");

        assertThat(delegate.add(a)).isTrue();
        assertThat(delegate.add(b)).isTrue();
        assertThat(delegate.add(a)).isFalse();

        assertThat(delegate.size()).isEqualTo(2);
        assertThat(delegate).containsExactly(a, b);
        assertThat(delegate.contains(b)).isTrue();
        assertThat(delegate.remove(a)).isTrue();
        assertThat(delegate.remove(a)).isFalse();
        assertThat(delegate.asList()).containsExactly(b);
    }

    @Test
    void delegate_cannot_contain_itself() {
        var delegate = new SensorDelegate();
        assertThatThrownBy(() -> delegate.add(delegate)).isInstanceOf(IllegalArgumentException.class);
    }

    static final class Broken implements Sensor {
        @Override
        public void onMessageIn(TP tp, long offset, Message message) {
            throw new IllegalStateException("broken in");
        }

        @Override
        public Object onCommitInitiated() {
            throw new IllegalStateException("broken commit");
        }

        @Override
        public String toString() {
            return "broken";
        }
    }

    @Test
    void throwing_sensor_does_not_break_the_others_nor_the_caller() {
        var delegate = new SensorDelegate();
        var a = new Recording("a");
        var b = new Recording("b");
        delegate.add(a);
        delegate.add(new Broken());
        delegate.add(b);

        delegate.onMessageIn(TP0, 7, MSG);
        delegate.onCommitCompleted(delegate.onCommitInitiated());

        assertThat(a.calls).containsExactly("messageIn", "commit", "commitDone:a/commit");
        assertThat(b.calls).containsExactly("messageIn", "commit", "commitDone:b/commit");
    }

    @Test
    void failures_are_logged_once_per_sensor_and_hook_then_at_most_once_a_minute() {
        var now = new AtomicLong();
        var delegate = new SensorDelegate(now::get);
        delegate.add(new Broken());

        for (int i = 0; i < 1_000; i++) {
            delegate.onMessageIn(TP0, i, MSG);
        }
        delegate.onCommitInitiated();
        assertThat(logs.list).hasSize(2);
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
        assertThat(logs.list.get(0).getFormattedMessage()).contains("broken", "onMessageIn");
        assertThat(logs.list.get(0).getThrowableProxy().getMessage()).isEqualTo("broken in");
        assertThat(logs.list.get(1).getFormattedMessage()).contains("onCommitInitiated");

        now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        delegate.onMessageIn(TP0, 1_000, MSG);
        delegate.onMessageIn(TP0, 1_001, MSG);

        assertThat(logs.list).hasSize(3);
        assertThat(logs.list.get(2).getFormattedMessage()).contains("1000 more times", "onMessageIn");
    }

    @Test
    void virtual_machine_errors_are_not_swallowed() {
        var delegate = new SensorDelegate();
        delegate.add(new Sensor() {
            @Override
            public void onTopicBufferFull(String channel) {
                throw new OutOfMemoryError("test");
            }
        });
        assertThatThrownBy(() -> delegate.onTopicBufferFull("t")).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void monitor_behind_delegate_gets_its_sampled_event_state_back() {
        var now = new AtomicLong();
        var monitor = new Monitor(100, 30, 30, 30, now::get);
        var delegate = new SensorDelegate();
        delegate.add(monitor);
        delegate.add(new Recording("other"));

        Object state = delegate.onStreamEventIn(TP0, 7, "agent-a-0", MSG);
        now.addAndGet(2_000_000);
        delegate.onStreamEventOut(TP0, 7, "agent-a-0", MSG, state);

        assertThat(monitor.eventsRuntime()).containsExactly(0.002);
        assertThat(monitor.eventsActive()).isZero();
    }

    private static Message[] batch(TP tp, long first, int n) {
        Message[] msgs = new TrackedMessage[n];
        for (int i = 0; i < n; i++) {
            msgs[i] = new TrackedMessage(tp, first + i, 1L, null, new byte[] {1}, Headers.empty(), null, 0);
        }
        return msgs;
    }

    /** A Monitor subclass that overrides onMessageIn, as a statsd monitor would; it must see each message. */
    static final class CountingMonitor extends Monitor {
        final List<Long> offsets = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onMessageIn(TP tp, long offset, Message message) {
            super.onMessageIn(tp, offset, message);
            offsets.add(offset);
        }
    }

    @Test
    void batch_reaches_the_monitor_at_once_and_every_other_sensor_per_message() {
        var delegate = new SensorDelegate();
        var monitor = new Monitor();
        var other = new Recording("other");
        var subclass = new CountingMonitor();
        delegate.add(monitor);
        delegate.add(other);
        delegate.add(subclass);

        delegate.onMessagesIn(TP0, batch(TP0, 10, 3));
        delegate.onMessagesIn(TP0, batch(TP0, 13, 0));

        assertThat(monitor.messagesReceivedTotal()).isEqualTo(3);
        assertThat(monitor.messagesActive()).isEqualTo(3);
        assertThat(monitor.messagesReceivedByTopic()).containsExactly(Map.entry("orders", 3L));
        assertThat(monitor.tpReadOffsets()).containsExactly(Map.entry(TP0, 12L));
        assertThat(other.calls).containsExactly("messageIn", "messageIn", "messageIn");
        assertThat(subclass.offsets).containsExactly(10L, 11L, 12L);
        assertThat(subclass.messagesReceivedTotal()).isEqualTo(3);
    }

    /** A Monitor subclass that overrides onMessageOut; it must see each acked message. */
    static final class AckCountingMonitor extends Monitor {
        final List<Long> offsets = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onMessageOut(TP tp, long offset, Message message) {
            super.onMessageOut(tp, offset, message);
            offsets.add(offset);
        }
    }

    @Test
    void a_run_of_acks_reaches_the_monitor_at_once_and_every_other_sensor_per_message() {
        var delegate = new SensorDelegate();
        var monitor = new Monitor();
        var other = new Recording("other");
        var subclass = new AckCountingMonitor();
        delegate.add(monitor);
        delegate.add(other);
        delegate.add(subclass);
        Message[] msgs = batch(TP0, 20, 5);
        delegate.onMessagesIn(TP0, msgs);

        delegate.onMessagesOut(msgs, 1, 4);
        delegate.onMessagesOut(msgs, 4, 4);

        assertThat(monitor.messagesActive()).as("5 received, 3 acked").isEqualTo(2);
        assertThat(other.calls).containsExactly("messageIn", "messageIn", "messageIn", "messageIn", "messageIn",
                "messageOut", "messageOut", "messageOut");
        assertThat(subclass.offsets).containsExactly(21L, 22L, 23L);
        assertThat(subclass.messagesActive()).isEqualTo(2);
    }

    @Test
    void batch_failure_of_one_sensor_is_contained_and_logged() {
        var delegate = new SensorDelegate();
        var monitor = new Monitor();
        delegate.add(new Broken());
        delegate.add(monitor);

        delegate.onMessagesIn(TP0, batch(TP0, 0, 4));

        assertThat(monitor.messagesReceivedTotal()).isEqualTo(4);
        assertThat(logs.list).hasSize(1);
        assertThat(logs.list.get(0).getFormattedMessage()).contains("broken", "onMessageIn");
    }
}
