package faust.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import faust.stream.Headers;
import faust.stream.Message;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.transport.TrackedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MonitorTest {
    private static final TP ORDERS_0 = new TP("orders", 0);
    private static final TP ORDERS_1 = new TP("orders", 1);
    private static final TP USERS_0 = new TP("users", 0);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Monitor monitor = new Monitor(100, 30, 30, 30, now::get);

    private static Message msg(TP tp, long offset) {
        return new TrackedMessage(tp.topic(), tp.partition(), offset, 0L, null, new byte[] {1}, Headers.empty(), null, 0);
    }

    private void advanceMs(double ms) {
        now.addAndGet((long) (ms * 1_000_000));
    }

    @Test
    void messages_are_counted_per_topic_and_read_offsets_tracked() {
        monitor.onMessageIn(ORDERS_0, 10, msg(ORDERS_0, 10));
        monitor.onMessageIn(ORDERS_0, 11, msg(ORDERS_0, 11));
        monitor.onMessageIn(USERS_0, 5, msg(USERS_0, 5));
        monitor.onMessageOut(ORDERS_0, 10, msg(ORDERS_0, 10));

        assertThat(monitor.messagesReceivedTotal()).isEqualTo(3);
        assertThat(monitor.messagesActive()).isEqualTo(2);
        assertThat(monitor.messagesReceivedByTopic()).containsExactly(Map.entry("orders", 2L), Map.entry("users", 1L));
        assertThat(monitor.tpReadOffsets()).containsExactly(Map.entry(ORDERS_0, 11L), Map.entry(USERS_0, 5L));
    }

    @Test
    void events_are_counted_per_stream_and_per_thread() {
        for (int i = 0; i < 3; i++) {
            Object s = monitor.onStreamEventIn(ORDERS_0, i, "agent-a-0", msg(ORDERS_0, i));
            monitor.onStreamEventOut(ORDERS_0, i, "agent-a-0", msg(ORDERS_0, i), s);
        }
        Object open = monitor.onStreamEventIn(ORDERS_0, 9, "agent-b-0", msg(ORDERS_0, 9));

        assertThat(monitor.eventsTotal()).isEqualTo(4);
        assertThat(monitor.eventsActive()).isEqualTo(1);
        assertThat(monitor.eventsByStream()).containsExactly(Map.entry("agent-a-0", 3L), Map.entry("agent-b-0", 1L));
        assertThat(monitor.eventsByTask()).containsExactly(Map.entry(Thread.currentThread().getName(), 4L));
        monitor.onStreamEventOut(ORDERS_0, 9, "agent-b-0", msg(ORDERS_0, 9), open);
        assertThat(monitor.eventsActive()).isZero();
    }

    @Test
    void event_runtime_is_timed_for_the_first_event_then_every_64th_per_thread() {
        List<Object> states = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            Object s = monitor.onStreamEventIn(ORDERS_0, i, "agent-a-0", msg(ORDERS_0, i));
            states.add(s);
            advanceMs(i + 1);
            monitor.onStreamEventOut(ORDERS_0, i, "agent-a-0", msg(ORDERS_0, i), s);
        }

        assertThat(states).filteredOn(s -> s != null).hasSize(3);
        assertThat(states.get(0)).isNotNull();
        assertThat(states.get(64)).isNotNull();
        assertThat(states.get(128)).isNotNull();
        assertThat(monitor.eventsRuntime()).containsExactly(0.001, 0.065, 0.129);
    }

    @Test
    void tables_count_gets_sets_and_deletes() {
        monitor.onTableGet("counts", "a");
        monitor.onTableGet("counts", "b");
        monitor.onTableSet("counts", "a", 1);
        monitor.onTableDel("other", "x");

        TableState counts = monitor.tables().get("counts");
        assertThat(counts.table()).isEqualTo("counts");
        assertThat(counts.keysRetrieved()).isEqualTo(2);
        assertThat(counts.keysUpdated()).isEqualTo(1);
        assertThat(counts.keysDeleted()).isZero();
        assertThat(monitor.tables().get("other").keysDeleted()).isEqualTo(1);
        Map<String, Object> noRecovery = Map.of("records_read", 0L, "records_total", 0L, "millis", 0L, "finished", false);
        assertThat(monitor.asMap().get("tables")).isEqualTo(Map.of(
                "counts", Map.of("keys_retrieved", 2L, "keys_updated", 1L, "keys_deleted", 0L,
                        "active_partitions", List.of(), "standby_partitions", List.of(), "standby_records", 0L,
                        "late_writes", 0L, "windows_closed", 0L, "recovery", noRecovery),
                "other", Map.of("keys_retrieved", 0L, "keys_updated", 0L, "keys_deleted", 1L,
                        "active_partitions", List.of(), "standby_partitions", List.of(), "standby_records", 0L,
                        "late_writes", 0L, "windows_closed", 0L, "recovery", noRecovery)));
    }

    @Test
    void tables_show_their_partitions_and_their_last_recovery() {
        monitor.tableAssigned("counts", Set.of(3, 1), Set.of(2));
        monitor.tableRecovery("counts", 500, 2000, 250, false);
        TableState counts = monitor.tables().get("counts");
        assertThat(counts.activePartitions()).containsExactly(1, 3);
        assertThat(counts.standbyPartitions()).containsExactly(2);
        assertThat(counts.recovery().rate()).isEqualTo(2000.0);
        monitor.tableRecovery("counts", 2000, 2000, 400, true);
        assertThat(counts.recovery()).isEqualTo(new TableState.Recovery(2000, 2000, 400, true));
        monitor.tableStandbyRecords("counts", 7);
        monitor.tableStandbyRecords("counts", 5);
        assertThat(counts.standbyRecords()).isEqualTo(12);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) monitor.asMap().get("tables")).get("counts");
        assertThat(m).containsEntry("active_partitions", List.of(1, 3)).containsEntry("standby_partitions", List.of(2))
                .containsEntry("recovery", Map.of("records_read", 2000L, "records_total", 2000L, "millis", 400L,
                        "finished", true));
    }

    @Test
    void commit_send_and_assignment_latencies_keep_the_last_30() {
        for (int i = 1; i <= 40; i++) {
            Object commit = monitor.onCommitInitiated();
            Object send = monitor.onSendInitiated("out", 1, 2);
            Object assign = monitor.onAssignmentStart();
            advanceMs(i);
            monitor.onCommitCompleted(commit);
            monitor.onSendCompleted(send, new RecordMetadata("out", 0, i, 0L));
            monitor.onAssignmentCompleted(assign);
        }

        assertThat(monitor.commitLatency()).hasSize(30).startsWith(11.0).endsWith(40.0);
        assertThat(monitor.sendLatency()).hasSize(30).startsWith(11.0).endsWith(40.0);
        assertThat(monitor.assignmentLatency()).hasSize(30).startsWith(11.0).endsWith(40.0);
        assertThat(monitor.messagesSent()).isEqualTo(40);
        assertThat(monitor.messagesSentByTopic()).containsExactly(Map.entry("out", 40L));
        assertThat(monitor.assignmentsCompleted()).isEqualTo(40);
    }

    @Test
    void sends_are_counted_by_topic_over_every_thread_including_ended_ones() throws Exception {
        monitor.sendStarted("a");
        monitor.sendStarted("b");
        monitor.sendStarted("a");
        Thread ended = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 5; i++) {
                monitor.sendStarted(i % 2 == 0 ? "b" : "c");
            }
        });
        ended.join();
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread live = Thread.ofVirtual().start(() -> {
            monitor.onSendInitiated("a", 1, 1);
            counted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        counted.await();
        try {
            assertThat(monitor.messagesSent()).isEqualTo(9);
            assertThat(monitor.messagesSentByTopic()).containsExactly(Map.entry("a", 3L), Map.entry("b", 4L),
                    Map.entry("c", 2L));
            assertThat(monitor.asMap()).containsEntry("messages_sent", 9L);
        } finally {
            release.countDown();
            live.join();
        }
        assertThat(monitor.messagesSent()).as("after the last thread ended too").isEqualTo(9);
        assertThat(monitor.messagesSentByTopic()).containsEntry("a", 3L);
    }

    @Test
    void event_runtime_rebalance_and_http_histories_keep_the_last_100() {
        var m = new Monitor(100, 30, 30, 30, now::get);
        for (int i = 1; i <= 150; i++) {
            for (int j = 0; j < Monitor.EVENT_RUNTIME_SAMPLE_INTERVAL; j++) {
                Object s = m.onStreamEventIn(ORDERS_0, i, "agent-a-0", msg(ORDERS_0, i));
                m.onStreamEventOut(ORDERS_0, i, "agent-a-0", msg(ORDERS_0, i), s);
            }
            Object rebalance = m.onRebalanceStart();
            Object web = m.onWebRequestStart("GET", "/");
            advanceMs(1);
            m.onRebalanceReturn(rebalance);
            m.onWebRequestEnd(web, 200);
        }

        assertThat(m.eventsRuntime()).hasSize(100);
        assertThat(m.rebalanceReturnLatency()).hasSize(100);
        assertThat(m.httpResponseLatency()).hasSize(100);
        assertThat(m.rebalances()).isEqualTo(150);
        assertThat(m.httpResponseCodes()).containsExactly(Map.entry(200, 150L));
    }

    @Test
    void rebalance_and_http_averages_are_means_of_their_histories() {
        Object r1 = monitor.onRebalanceStart();
        advanceMs(10);
        monitor.onRebalanceReturn(r1);
        advanceMs(10);
        monitor.onRebalanceEnd(r1);
        Object r2 = monitor.onRebalanceStart();
        advanceMs(30);
        monitor.onRebalanceReturn(r2);
        monitor.onRebalanceEnd(r2);
        Object web = monitor.onWebRequestStart("GET", "/stats/");
        advanceMs(4);
        monitor.onWebRequestEnd(web, 404);

        assertThat(monitor.rebalances()).isEqualTo(2);
        assertThat(monitor.rebalanceReturnLatency()).containsExactly(10.0, 30.0);
        assertThat(monitor.rebalanceReturnAvg()).isEqualTo(20.0);
        assertThat(monitor.rebalanceEndLatency()).containsExactly(20.0, 30.0);
        assertThat(monitor.rebalanceEndAvg()).isEqualTo(25.0);
        assertThat(monitor.httpResponseCodes()).containsExactly(Map.entry(404, 1L));
        assertThat(monitor.httpResponseLatencyAvg()).isEqualTo(4.0);
    }

    @Test
    void sample_computes_rates_per_second_from_the_clock() {
        assertThat(monitor.messagesS()).isZero();
        for (int i = 0; i < 500; i++) {
            monitor.onMessageIn(ORDERS_0, i, msg(ORDERS_0, i));
            Object s = monitor.onStreamEventIn(ORDERS_0, i, "agent-a-0", msg(ORDERS_0, i));
            advanceMs(2);
            monitor.onStreamEventOut(ORDERS_0, i, "agent-a-0", msg(ORDERS_0, i), s);
        }
        monitor.sample();
        assertThat(monitor.messagesS()).isEqualTo(500);
        assertThat(monitor.eventsS()).isEqualTo(500);
        assertThat(monitor.eventsRuntimeAvg()).isCloseTo(0.002, within(1e-12));

        for (int i = 0; i < 100; i++) {
            monitor.onMessageIn(ORDERS_0, i, msg(ORDERS_0, i));
        }
        advanceMs(2_000);
        monitor.sample();
        assertThat(monitor.messagesS()).isEqualTo(50);
        assertThat(monitor.eventsS()).isZero();
    }

    @Test
    void as_map_has_every_faust_field_name() {
        Map<String, Object> d = monitor.asMap();

        assertThat(d).containsKeys("messages_active", "messages_received_total", "messages_received_by_topic",
                "messages_s", "messages_sent", "messages_sent_by_topic", "events_active", "events_total",
                "events_s", "events_by_stream", "events_by_task", "events_runtime_avg", "events_runtime",
                "commit_latency", "send_latency", "assignment_latency", "topic_buffer_full", "metric_counts",
                "tp_committed_offsets", "tp_read_offsets", "tp_end_offsets", "send_errors",
                "assignments_completed", "assignments_failed", "rebalances", "rebalance_return_latency",
                "rebalance_end_latency", "rebalance_return_avg", "rebalance_end_avg", "http_response_codes",
                "http_response_latency", "http_response_latency_avg", "tables", "decode_errors",
                "decode_errors_by_topic");
        assertThat(d.get("messages_s")).isEqualTo(0L);
        assertThat(d.get("commit_latency")).isEqualTo(List.of());
    }

    @Test
    void offsets_are_tracked_and_nested_by_topic_in_as_map() {
        monitor.trackTpEndOffset(ORDERS_0, 100);
        monitor.trackTpEndOffset(ORDERS_0, 120);
        monitor.trackTpEndOffset(ORDERS_1, 50);
        monitor.setCommittedOffset(ORDERS_0, 90);
        monitor.onTpCommit(Map.of(ORDERS_1, 40L, USERS_0, 3L));
        monitor.onMessageIn(ORDERS_0, 95, msg(ORDERS_0, 95));

        assertThat(monitor.tpEndOffsets()).containsExactly(Map.entry(ORDERS_0, 120L), Map.entry(ORDERS_1, 50L));
        assertThat(monitor.tpCommittedOffsets())
                .containsExactly(Map.entry(ORDERS_0, 90L), Map.entry(ORDERS_1, 40L), Map.entry(USERS_0, 3L));
        assertThat(monitor.asMap().get("tp_end_offsets")).isEqualTo(Map.of("orders", Map.of(0, 120L, 1, 50L)));
        assertThat(monitor.asMap().get("tp_read_offsets")).isEqualTo(Map.of("orders", Map.of(0, 95L)));
    }

    @Test
    void decode_errors_send_errors_buffer_full_and_metric_counts_are_counted() {
        monitor.onDecodeError(ORDERS_0, 1, new IllegalArgumentException("bad json"));
        monitor.onDecodeError(ORDERS_1, 2, new IllegalArgumentException("bad json"));
        monitor.onDecodeError(USERS_0, 2, new IllegalArgumentException("bad json"));
        monitor.onSendError(new IllegalStateException("down"), monitor.onSendInitiated("out", -1, 3));
        monitor.onAssignmentError(monitor.onAssignmentStart(), new IllegalStateException("x"));
        monitor.onTopicBufferFull("orders");
        monitor.onTopicBufferFull("orders");
        monitor.count("widgets");
        monitor.count("widgets", 4);

        assertThat(monitor.decodeErrors()).isEqualTo(3);
        assertThat(monitor.decodeErrorsByTopic()).containsExactly(Map.entry("orders", 2L), Map.entry("users", 1L));
        assertThat(monitor.sendErrors()).isEqualTo(1);
        assertThat(monitor.sendLatency()).isEmpty();
        assertThat(monitor.assignmentsFailed()).isEqualTo(1);
        assertThat(monitor.assignmentLatency()).hasSize(1);
        assertThat(monitor.topicBufferFull()).containsExactly(Map.entry("orders", 2L));
        assertThat(monitor.metricCounts()).containsExactly(Map.entry("widgets", 5L));
        assertThat(monitor.asMap()).containsEntry("decode_errors", 3L);
    }

    @Test
    void concurrent_updates_from_several_threads_sum_correctly() throws InterruptedException {
        var m = new Monitor();
        int threads = 8;
        int perThread = 50_000;
        var go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().name("worker-" + t).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                TP tp = new TP(id % 2 == 0 ? "even" : "odd", id);
                String stream = "agent-" + (id % 3);
                for (int i = 0; i < perThread; i++) {
                    Message msg = msg(tp, i);
                    m.onMessageIn(tp, i, msg);
                    Object s = m.onStreamEventIn(tp, i, stream, msg);
                    m.onTableGet("t", i);
                    m.onStreamEventOut(tp, i, stream, msg, s);
                    m.onMessageOut(tp, i, msg);
                }
            }));
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }

        long total = (long) threads * perThread;
        assertThat(m.messagesReceivedTotal()).isEqualTo(total);
        assertThat(m.messagesActive()).isZero();
        assertThat(m.eventsTotal()).isEqualTo(total);
        assertThat(m.eventsActive()).isZero();
        assertThat(m.messagesReceivedByTopic()).containsExactly(Map.entry("even", total / 2), Map.entry("odd", total / 2));
        assertThat(m.eventsByStream().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(m.eventsByStream()).containsEntry("agent-0", 3L * perThread);
        assertThat(m.eventsByTask()).hasSize(threads).containsEntry("worker-0", (long) perThread);
        assertThat(m.tables().get("t").keysRetrieved()).isEqualTo(total);
        assertThat(m.tpReadOffsets()).hasSize(threads).containsEntry(new TP("even", 0), perThread - 1L);
    }

    @Test
    void history_sizes_must_be_positive() {
        assertThatThrownBy(() -> new Monitor(0, 30, 30, 30, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAvgHistory");
        assertThatThrownBy(() -> new Monitor(100, 30, -1, 30, System::nanoTime))
                .hasMessageContaining("maxSendLatencyHistory");
        var m = new Monitor();
        assertThat(m.maxAvgHistory()).isEqualTo(100);
        assertThat(m.maxCommitLatencyHistory()).isEqualTo(30);
        assertThat(m.maxSendLatencyHistory()).isEqualTo(30);
        assertThat(m.maxAssignmentLatencyHistory()).isEqualTo(30);
    }

    @Test
    void a_batch_counts_like_one_call_per_message() {
        var perMessage = new Monitor();
        var batched = new Monitor();
        Message[] msgs = new TrackedMessage[5];
        for (int i = 0; i < msgs.length; i++) {
            msgs[i] = msg(ORDERS_1, 40 + i);
            perMessage.onMessageIn(ORDERS_1, 40 + i, msgs[i]);
        }
        batched.onMessagesIn(ORDERS_1, msgs);
        batched.onMessageOut(ORDERS_1, 40, msgs[0]);
        perMessage.onMessageOut(ORDERS_1, 40, msgs[0]);

        assertThat(batched.messagesReceivedTotal()).isEqualTo(perMessage.messagesReceivedTotal()).isEqualTo(5);
        assertThat(batched.messagesActive()).isEqualTo(perMessage.messagesActive()).isEqualTo(4);
        assertThat(batched.messagesReceivedByTopic()).isEqualTo(perMessage.messagesReceivedByTopic());
        assertThat(batched.tpReadOffsets()).isEqualTo(perMessage.tpReadOffsets()).containsEntry(ORDERS_1, 44L);
    }

    @Test
    void messages_read_on_one_thread_and_acked_on_another_leave_none_active() throws InterruptedException {
        var m = new Monitor();
        int batches = 200;
        int size = 64;
        var queue = new ArrayBlockingQueue<Message[]>(8);
        Thread consumer = Thread.ofPlatform().name("faust-consumer").start(() -> {
            for (int b = 0; b < batches; b++) {
                Message[] batch = new TrackedMessage[size];
                for (int i = 0; i < size; i++) {
                    batch[i] = msg(ORDERS_0, (long) b * size + i);
                }
                m.onMessagesIn(ORDERS_0, batch);
                try {
                    queue.put(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        Thread agent = Thread.ofVirtual().name("agent-x-0").start(() -> {
            try {
                for (int b = 0; b < batches; b++) {
                    for (Message msg : queue.take()) {
                        Object s = m.onStreamEventIn(ORDERS_0, msg.offset(), "agent-x-0", msg);
                        assertThat(m.messagesActive()).isPositive();
                        m.onStreamEventOut(ORDERS_0, msg.offset(), "agent-x-0", msg, s);
                        m.onMessageOut(ORDERS_0, msg.offset(), msg);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.join();
        agent.join();

        long total = (long) batches * size;
        assertThat(m.messagesReceivedTotal()).isEqualTo(total);
        assertThat(m.messagesActive()).isZero();
        assertThat(m.eventsTotal()).isEqualTo(total);
        assertThat(m.eventsActive()).isZero();
        assertThat(m.eventsByTask()).containsExactly(Map.entry("agent-x-0", total));
        assertThat(m.eventsByStream()).containsExactly(Map.entry("agent-x-0", total));
        assertThat(m.tpReadOffsets()).containsExactly(Map.entry(ORDERS_0, total - 1));
    }
}
