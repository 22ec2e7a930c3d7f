package faust.sensor;

import faust.topic.TP;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The statistics {@link Monitor} keeps and their typed getters; {@link Monitor} holds the hooks that
 * update them. Split out only to keep each file small. Getters are thread-safe and return snapshots
 * (or live counters, for {@link TableState}).
 */
abstract class MonitorStats {
    final LongSupplier nanoClock;

    /** Per-thread counters of the per-message and per-event hooks (messages and events in and out). */
    final ThreadCells cells = new ThreadCells();
    final KeyedCounters<String> messagesReceivedByTopic = new KeyedCounters<>();
    final LongAdder messagesSent = new LongAdder();
    final KeyedCounters<String> messagesSentByTopic = new KeyedCounters<>();
    final LatencyRing eventsRuntime;
    final LatencyRing commitLatency;
    final LatencyRing sendLatency;
    final LatencyRing assignmentLatency;
    final LatencyRing rebalanceReturnLatency;
    final LatencyRing rebalanceEndLatency;
    final LatencyRing httpResponseLatency;
    final KeyedCounters<String> topicBufferFull = new KeyedCounters<>();
    final KeyedCounters<String> metricCounts = new KeyedCounters<>();
    final TpOffsets tpCommittedOffsets = new TpOffsets();
    final TpOffsets tpReadOffsets = new TpOffsets();
    final TpOffsets tpEndOffsets = new TpOffsets();
    final LongAdder sendErrors = new LongAdder();
    final LongAdder assignmentsCompleted = new LongAdder();
    final LongAdder assignmentsFailed = new LongAdder();
    final LongAdder rebalances = new LongAdder();
    final KeyedCounters<Integer> httpResponseCodes = new KeyedCounters<>();
    final ConcurrentHashMap<String, TableState> tables = new ConcurrentHashMap<>();
    final LongAdder decodeErrors = new LongAdder();
    final KeyedCounters<String> decodeErrorsByTopic = new KeyedCounters<>();

    private final Object sampleLock = new Object();
    private long lastSampleNanos;
    private long lastMessagesTotal;
    private long lastEventsTotal;
    private volatile long messagesS;
    private volatile long eventsS;
    private volatile double eventsRuntimeAvg;

    MonitorStats(int maxAvgHistory, int maxCommitLatencyHistory, int maxSendLatencyHistory,
                 int maxAssignmentLatencyHistory, LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        eventsRuntime = new LatencyRing("maxAvgHistory", maxAvgHistory);
        rebalanceReturnLatency = new LatencyRing("maxAvgHistory", maxAvgHistory);
        rebalanceEndLatency = new LatencyRing("maxAvgHistory", maxAvgHistory);
        httpResponseLatency = new LatencyRing("maxAvgHistory", maxAvgHistory);
        commitLatency = new LatencyRing("maxCommitLatencyHistory", maxCommitLatencyHistory);
        sendLatency = new LatencyRing("maxSendLatencyHistory", maxSendLatencyHistory);
        assignmentLatency = new LatencyRing("maxAssignmentLatencyHistory", maxAssignmentLatencyHistory);
        lastSampleNanos = nanoClock.getAsLong();
    }

    /** Computes the rates over the time since the previous call (or since construction). */
    final void sampleRates() {
        synchronized (sampleLock) {
            long now = nanoClock.getAsLong();
            long messages = cells.messagesReceivedTotal();
            long events = cells.eventsTotal();
            long elapsed = now - lastSampleNanos;
            if (elapsed > 0) {
                messagesS = Math.round((messages - lastMessagesTotal) * 1e9 / elapsed);
                eventsS = Math.round((events - lastEventsTotal) * 1e9 / elapsed);
            }
            eventsRuntimeAvg = eventsRuntime.average();
            lastSampleNanos = now;
            lastMessagesTotal = messages;
            lastEventsTotal = events;
        }
    }

    /** @return messages read but not yet acked by every stream ({@code messages_active}) */
    public long messagesActive() {
        return cells.messagesActive();
    }

    /** @return messages read in total ({@code messages_received_total}) */
    public long messagesReceivedTotal() {
        return cells.messagesReceivedTotal();
    }

    /** @return messages read by topic ({@code messages_received_by_topic}), a sorted snapshot */
    public Map<String, Long> messagesReceivedByTopic() {
        return messagesReceivedByTopic.snapshot();
    }

    /** @return messages read per second, as of the last {@link Monitor#sample()} ({@code messages_s}) */
    public long messagesS() {
        return messagesS;
    }

    /** @return messages sent in total ({@code messages_sent}) */
    public long messagesSent() {
        return messagesSent.sum();
    }

    /** @return messages sent by topic ({@code messages_sent_by_topic}), a sorted snapshot */
    public Map<String, Long> messagesSentByTopic() {
        return messagesSentByTopic.snapshot();
    }

    /** @return events streams are processing now ({@code events_active}) */
    public long eventsActive() {
        return cells.eventsActive();
    }

    /** @return events processed in total ({@code events_total}) */
    public long eventsTotal() {
        return cells.eventsTotal();
    }

    /** @return events per second, as of the last {@link Monitor#sample()} ({@code events_s}) */
    public long eventsS() {
        return eventsS;
    }

    /** @return events by stream label ({@code events_by_stream}), a sorted snapshot */
    public Map<String, Long> eventsByStream() {
        return cells.eventsByStream();
    }

    /** @return events by thread name, Faust's task ({@code events_by_task}), a sorted snapshot */
    public Map<String, Long> eventsByTask() {
        return cells.eventsByTask();
    }

    /** @return mean of {@link #eventsRuntime()} in seconds, as of the last {@link Monitor#sample()} ({@code events_runtime_avg}) */
    public double eventsRuntimeAvg() {
        return eventsRuntimeAvg;
    }

    /** @return the last {@code maxAvgHistory} sampled event runtimes in seconds, oldest first ({@code events_runtime}) */
    public List<Double> eventsRuntime() {
        return eventsRuntime.snapshot();
    }

    /** @return the last {@code maxCommitLatencyHistory} commit latencies in ms, oldest first ({@code commit_latency}) */
    public List<Double> commitLatency() {
        return commitLatency.snapshot();
    }

    /** @return the last {@code maxSendLatencyHistory} send latencies in ms, oldest first ({@code send_latency}) */
    public List<Double> sendLatency() {
        return sendLatency.snapshot();
    }

    /** @return the last {@code maxAssignmentLatencyHistory} assignment latencies in ms, oldest first ({@code assignment_latency}) */
    public List<Double> assignmentLatency() {
        return assignmentLatency.snapshot();
    }

    /** @return how often each channel's buffer was full ({@code topic_buffer_full}), a sorted snapshot */
    public Map<String, Long> topicBufferFull() {
        return topicBufferFull.snapshot();
    }

    /** @return app-defined counters ({@code metric_counts}), a sorted snapshot */
    public Map<String, Long> metricCounts() {
        return metricCounts.snapshot();
    }

    /** @return last committed offset by partition ({@code tp_committed_offsets}), a sorted snapshot */
    public Map<TP, Long> tpCommittedOffsets() {
        return tpCommittedOffsets.snapshot();
    }

    /** @return last read offset by partition ({@code tp_read_offsets}), a sorted snapshot */
    public Map<TP, Long> tpReadOffsets() {
        return tpReadOffsets.snapshot();
    }

    /** @return log end offset by partition ({@code tp_end_offsets}), a sorted snapshot */
    public Map<TP, Long> tpEndOffsets() {
        return tpEndOffsets.snapshot();
    }

    /** @return sends that failed ({@code send_errors}) */
    public long sendErrors() {
        return sendErrors.sum();
    }

    /** @return partition assignments completed ({@code assignments_completed}) */
    public long assignmentsCompleted() {
        return assignmentsCompleted.sum();
    }

    /** @return partition assignments that failed ({@code assignments_failed}) */
    public long assignmentsFailed() {
        return assignmentsFailed.sum();
    }

    /** @return rebalances this worker has seen ({@code rebalances}) */
    public long rebalances() {
        return rebalances.sum();
    }

    /** @return the last {@code maxAvgHistory} rebalance-return latencies in ms, oldest first ({@code rebalance_return_latency}) */
    public List<Double> rebalanceReturnLatency() {
        return rebalanceReturnLatency.snapshot();
    }

    /** @return mean of {@link #rebalanceReturnLatency()} in ms, 0 when empty ({@code rebalance_return_avg}) */
    public double rebalanceReturnAvg() {
        return rebalanceReturnLatency.average();
    }

    /** @return the last {@code maxAvgHistory} rebalance-end latencies in ms, oldest first ({@code rebalance_end_latency}) */
    public List<Double> rebalanceEndLatency() {
        return rebalanceEndLatency.snapshot();
    }

    /** @return mean of {@link #rebalanceEndLatency()} in ms, 0 when empty ({@code rebalance_end_avg}) */
    public double rebalanceEndAvg() {
        return rebalanceEndLatency.average();
    }

    /** @return web responses by status code ({@code http_response_codes}), a sorted snapshot */
    public Map<Integer, Long> httpResponseCodes() {
        return httpResponseCodes.snapshot();
    }

    /** @return the last {@code maxAvgHistory} web response latencies in ms, oldest first ({@code http_response_latency}) */
    public List<Double> httpResponseLatency() {
        return httpResponseLatency.snapshot();
    }

    /** @return mean of {@link #httpResponseLatency()} in ms, 0 when empty ({@code http_response_latency_avg}) */
    public double httpResponseLatencyAvg() {
        return httpResponseLatency.average();
    }

    /** @return operation counts by table name ({@code tables}); the map is a sorted snapshot, the states are live */
    public Map<String, TableState> tables() {
        return Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    /** @return messages skipped because they could not be decoded (ours, not Faust's: {@code decode_errors}) */
    public long decodeErrors() {
        return decodeErrors.sum();
    }

    /** @return decode errors by topic ({@code decode_errors_by_topic}), a sorted snapshot */
    public Map<String, Long> decodeErrorsByTopic() {
        return decodeErrorsByTopic.snapshot();
    }

    /** @return how many event runtimes, rebalance and HTTP latencies are kept */
    public int maxAvgHistory() {
        return eventsRuntime.capacity();
    }

    /** @return how many commit latencies are kept */
    public int maxCommitLatencyHistory() {
        return commitLatency.capacity();
    }

    /** @return how many send latencies are kept */
    public int maxSendLatencyHistory() {
        return sendLatency.capacity();
    }

    /** @return how many assignment latencies are kept */
    public int maxAssignmentLatencyHistory() {
        return assignmentLatency.capacity();
    }
}
