package faust.sensor;

import faust.stream.Message;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The default sensor: keeps the statistics of Faust's {@code faust.Monitor} (message and event
 * counts, rates, latencies, offsets, rebalances, HTTP and table operations) in memory, for the web
 * {@code /stats/} view and for subclasses that ship them elsewhere (statsd, Prometheus).
 *
 * <p>Units follow Faust: event runtimes are in seconds, every latency in milliseconds. The rates
 * {@link #messagesS()} and {@link #eventsS()} and {@link #eventsRuntimeAvg()} are updated by
 * {@link #sample()}, which the app calls once a second.
 *
 * <p>Event runtime is sampled: each thread times its first event and then every
 * {@value #EVENT_RUNTIME_SAMPLE_INTERVAL}th, so the per-event hooks allocate nothing and read no clock
 * for the other events. Every event is still counted. Likewise the sends the app's runtime times
 * for its monitor ({@link #sendStarted}): the first and then every
 * {@value #SEND_LATENCY_SAMPLE_INTERVAL}th is timed, every send is counted.
 *
 * <p>Thread-safe, and on the hot path ({@code onMessageIn}, {@code onStreamEventIn/Out},
 * {@code onMessageOut}) free of locks, CAS and shared writes: each thread counts messages and events
 * in its own padded counters, which the getters sum (taking a short lock, so a read costs one pass
 * over the threads that have reported). {@code messagesActive} and {@code eventsActive} are
 * received minus acked and in minus out. Other counters are {@link LongAdder}s looked up once per
 * key, histories are fixed-size rings. Getters return snapshots that may be slightly behind
 * concurrent updates.
 *
 * <p>The user guide is {@code docs/sensors.md}.
 *
 * @see TableState
 */
public class Monitor extends MonitorStats implements Sensor {
    /** Default of {@code maxAvgHistory}: event runtimes, rebalance and HTTP latencies kept. */
    public static final int DEFAULT_MAX_AVG_HISTORY = 100;
    /** Default of {@code maxCommitLatencyHistory}. */
    public static final int DEFAULT_MAX_COMMIT_LATENCY_HISTORY = 30;
    /** Default of {@code maxSendLatencyHistory}. */
    public static final int DEFAULT_MAX_SEND_LATENCY_HISTORY = 30;
    /** Default of {@code maxAssignmentLatencyHistory}. */
    public static final int DEFAULT_MAX_ASSIGNMENT_LATENCY_HISTORY = 30;
    /** Each thread times one event in this many (its first, then every 64th). */
    public static final int EVENT_RUNTIME_SAMPLE_INTERVAL = 64;
    /** {@link #sendStarted} times one send in this many (the first, then every 64th). */
    public static final int SEND_LATENCY_SAMPLE_INTERVAL = 64;
    /**
     * What {@link #sendStarted} returns for a send it does not time: handing it to
     * {@link #sendCompleted} does nothing, so a caller may skip that call.
     */
    public static final long UNTIMED = Long.MIN_VALUE;

    private final ThreadLocal<ThreadCell> threadCells = ThreadLocal.withInitial(cells::register);
    private int sendSeq;
    /** Whether onMessageIn and onMessageOut are Monitor's own (not overridden): batches are then counted at once. */
    private final boolean ownMessageIn;
    private final boolean ownMessageOut;

    /** Creates a monitor with Faust's default history sizes and {@link System#nanoTime()}. */
    public Monitor() {
        this(DEFAULT_MAX_AVG_HISTORY, DEFAULT_MAX_COMMIT_LATENCY_HISTORY, DEFAULT_MAX_SEND_LATENCY_HISTORY,
                DEFAULT_MAX_ASSIGNMENT_LATENCY_HISTORY, System::nanoTime);
    }

    /**
     * Creates a monitor.
     *
     * @param maxAvgHistory event runtimes, rebalance latencies and HTTP latencies kept (Faust default 100)
     * @param maxCommitLatencyHistory commit latencies kept (default 30)
     * @param maxSendLatencyHistory send latencies kept (default 30)
     * @param maxAssignmentLatencyHistory assignment latencies kept (default 30)
     * @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime}; tests pass a fake
     * @throws IllegalArgumentException if a history size is not positive
     */
    public Monitor(int maxAvgHistory, int maxCommitLatencyHistory, int maxSendLatencyHistory,
                   int maxAssignmentLatencyHistory, LongSupplier nanoClock) {
        super(maxAvgHistory, maxCommitLatencyHistory, maxSendLatencyHistory, maxAssignmentLatencyHistory, nanoClock);
        this.ownMessageIn = ownHook("onMessageIn");
        this.ownMessageOut = ownHook("onMessageOut");
    }

    // ---- hooks -------------------------------------------------------------------------------

    @Override
    public void onMessageIn(TP tp, long offset, Message message) {
        threadCells.get().addMessagesIn(1);
        messagesReceivedByTopic.increment(tp.topic());
        tpReadOffsets.set(tp, offset);
    }

    /**
     * {@link #onMessageIn} for a whole fetched batch at once: the same counts and read offset as one
     * call per message, for one counter update per batch. A subclass that overrides
     * {@link #onMessageIn} gets one call per message instead, as the default hook does.
     *
     * @param tp the batch's partition
     * @param messages the batch, in offset order; not empty
     */
    @Override
    public void onMessagesIn(TP tp, Message[] messages) {
        if (!ownMessageIn) {
            Sensor.super.onMessagesIn(tp, messages);
            return;
        }
        int n = messages.length;
        threadCells.get().addMessagesIn(n);
        messagesReceivedByTopic.add(tp.topic(), n);
        tpReadOffsets.set(tp, messages[n - 1].offset());
    }

    @Override
    public @Nullable Object onStreamEventIn(TP tp, long offset, String stream, Message message) {
        ThreadCell cell = threadCells.get();
        cell.incEventsIn();
        ThreadCell.StreamCount byStream = cell.lastStreamCount;
        if (byStream == null || !stream.equals(cell.lastStream)) {
            byStream = cell.stream(stream);
            cell.lastStream = stream;
            cell.lastStreamCount = byStream;
        }
        byStream.increment();
        return cell.seq++ % EVENT_RUNTIME_SAMPLE_INTERVAL == 0 ? new TimeIn(nanoClock.getAsLong()) : null;
    }

    @Override
    public void onStreamEventOut(TP tp, long offset, String stream, Message message, @Nullable Object state) {
        threadCells.get().incEventsOut();
        if (state instanceof TimeIn t) {
            eventsRuntime.add((nanoClock.getAsLong() - t.nanos) / 1e9);
        }
    }

    @Override
    public void onMessageOut(TP tp, long offset, Message message) {
        threadCells.get().addMessagesOut(1);
    }

    /**
     * {@link #onMessageOut} for messages acked together, in one counter update. A subclass that
     * overrides {@link #onMessageOut} gets one call per message instead, as the default hook does.
     *
     * @param messages holds the messages
     * @param from index of the first
     * @param to index after the last
     */
    @Override
    public void onMessagesOut(Message[] messages, int from, int to) {
        if (!ownMessageOut) {
            Sensor.super.onMessagesOut(messages, from, to);
        } else if (to > from) {
            threadCells.get().addMessagesOut(to - from);
        }
    }

    /** Whether {@code hook(TP, long, Message)} is Monitor's own: then a batch counts the same as per-message calls. */
    private boolean ownHook(String hook) {
        try {
            return getClass().getMethod(hook, TP.class, long.class, Message.class).getDeclaringClass() == Monitor.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public void onDecodeError(TP tp, long offset, Throwable error) {
        decodeErrors.increment();
        decodeErrorsByTopic.increment(tp.topic());
    }

    @Override
    public void onTopicBufferFull(String channel) {
        topicBufferFull.increment(channel);
    }

    @Override
    public void onTableGet(String table, Object key) {
        tableState(table).keysRetrieved.increment();
    }

    @Override
    public void onTableSet(String table, Object key, @Nullable Object value) {
        tableState(table).keysUpdated.increment();
    }

    @Override
    public void onTableDel(String table, Object key) {
        tableState(table).keysDeleted.increment();
    }

    /**
     * Runtime use: the table partitions this worker holds and follows after a rebalance.
     *
     * @param table the table's name
     * @param active the partitions it holds
     * @param standby the partitions it follows as a standby
     */
    public void tableAssigned(String table, Collection<Integer> active, Collection<Integer> standby) {
        tableState(table).assigned(active.stream().sorted().toList(), standby.stream().sorted().toList());
    }

    /**
     * Runtime use: a table's recovery progress.
     *
     * @param table the table's name
     * @param recordsRead changelog records read so far
     * @param recordsTotal changelog records to read
     * @param millis time taken so far
     * @param finished whether it is over
     */
    public void tableRecovery(String table, long recordsRead, long recordsTotal, long millis, boolean finished) {
        tableState(table).recovery(new TableState.Recovery(recordsRead, recordsTotal, millis, finished));
    }

    /**
     * Runtime use: a write to a window of the table that had closed was dropped.
     *
     * @param table the table's name
     */
    public void tableLateWrite(String table) {
        tableState(table).lateWrites.increment();
    }

    /**
     * Runtime use: windows of the table closed (one per key and window).
     *
     * @param table the table's name
     * @param n how many
     */
    public void tableWindowsClosed(String table, long n) {
        tableState(table).windowsClosed.add(n);
    }

    /**
     * Runtime use: changelog records a table's standby partitions read.
     *
     * @param table the table's name
     * @param records how many more
     */
    public void tableStandbyRecords(String table, long records) {
        tableState(table).standbyRecords.add(records);
    }

    @Override
    public @Nullable Object onCommitInitiated() {
        return timeIn();
    }

    @Override
    public void onCommitCompleted(@Nullable Object state) {
        recordMs(commitLatency, state);
    }

    @Override
    public @Nullable Object onSendInitiated(String topic, int keySize, int valueSize) {
        countSend(topic);
        return new TimeIn(nanoClock.getAsLong());
    }

    @Override
    public void onSendCompleted(@Nullable Object state, RecordMetadata metadata) {
        recordMs(sendLatency, state);
    }

    @Override
    public void onSendError(Throwable error, @Nullable Object state) {
        sendFailed();
    }

    /**
     * Counts a send, the runtime's allocation-free form of {@link #onSendInitiated}: the app's
     * runtime times its sends for its own monitor directly (see
     * the runtime), so no state is boxed per send. Only one send in
     * {@value #SEND_LATENCY_SAMPLE_INTERVAL} is timed, the first included: reading the clock twice
     * for every send cost more than the rest of the monitor's work on it, and
     * {@link #sendLatency()} keeps only the last {@link #maxSendLatencyHistory()} anyway.
     *
     * @param topic the destination
     * @return what to hand to {@link #sendCompleted} for this send
     */
    public long sendStarted(String topic) {
        countSend(topic);
        // A plain field shared by the sending threads: a lost increment only shifts which send is timed.
        return sendSeq++ % SEND_LATENCY_SAMPLE_INTERVAL == 0 ? nanoClock.getAsLong() : UNTIMED;
    }

    /** @param started what {@link #sendStarted} returned for this send, which the broker acknowledged */
    public void sendCompleted(long started) {
        if (started != UNTIMED) {
            sendLatency.add((nanoClock.getAsLong() - started) / 1e6);
        }
    }

    private void countSend(String topic) {
        messagesSent.increment();
        messagesSentByTopic.increment(topic);
    }

    /** Counts a send that failed. */
    public void sendFailed() {
        sendErrors.increment();
    }

    @Override
    public @Nullable Object onAssignmentStart() {
        return timeIn();
    }

    @Override
    public void onAssignmentError(@Nullable Object state, Throwable error) {
        assignmentsFailed.increment();
        recordMs(assignmentLatency, state);
    }

    @Override
    public void onAssignmentCompleted(@Nullable Object state) {
        assignmentsCompleted.increment();
        recordMs(assignmentLatency, state);
    }

    @Override
    public @Nullable Object onRebalanceStart() {
        rebalances.increment();
        return timeIn();
    }

    @Override
    public void onRebalanceReturn(@Nullable Object state) {
        recordMs(rebalanceReturnLatency, state);
    }

    @Override
    public void onRebalanceEnd(@Nullable Object state) {
        recordMs(rebalanceEndLatency, state);
    }

    @Override
    public @Nullable Object onWebRequestStart(String method, String path) {
        return timeIn();
    }

    @Override
    public void onWebRequestEnd(@Nullable Object state, int status) {
        httpResponseCodes.increment(status);
        recordMs(httpResponseLatency, state);
    }

    // ---- calls from the runtime and the app --------------------------------------------------

    /**
     * Updates {@link #messagesS()}, {@link #eventsS()} and {@link #eventsRuntimeAvg()}. The app calls
     * this once a second (Faust's background sampler); rates are per second of the time elapsed since
     * the previous call. Thread-safe; concurrent calls are serialized.
     */
    public void sample() {
        sampleRates();
    }

    /**
     * Records a topic partition's log end offset (Faust's {@code track_tp_end_offset}).
     *
     * @param tp the partition
     * @param offset its end offset
     */
    public void trackTpEndOffset(TP tp, long offset) {
        tpEndOffsets.set(Objects.requireNonNull(tp, "tp"), offset);
    }

    /**
     * Records a committed offset; the runtime calls this for each partition it committed, before
     * {@link #onCommitCompleted}.
     *
     * @param tp the partition
     * @param offset the committed offset
     */
    public void setCommittedOffset(TP tp, long offset) {
        tpCommittedOffsets.set(Objects.requireNonNull(tp, "tp"), offset);
    }

    /**
     * Records the offsets of one commit (Faust's {@code on_tp_commit}).
     *
     * @param offsets committed offset by partition
     */
    public void onTpCommit(Map<TP, Long> offsets) {
        offsets.forEach(this::setCommittedOffset);
    }

    /**
     * Adds one to an app-defined counter (Faust's {@code count}).
     *
     * @param metricName the counter's name
     */
    public void count(String metricName) {
        count(metricName, 1);
    }

    /**
     * Adds to an app-defined counter (Faust's {@code count}).
     *
     * @param metricName the counter's name
     * @param count how much to add
     */
    public void count(String metricName, long count) {
        metricCounts.add(Objects.requireNonNull(metricName, "metricName"), count);
    }

    /**
     * A JSON-friendly snapshot of every statistic, keyed by Faust's snake_case names as in
     * {@code Monitor.asdict()} (the web {@code /stats/} output), plus {@code events_runtime},
     * {@code decode_errors} and {@code decode_errors_by_topic}. Offsets are nested
     * {@code {topic: {partition: offset}}}; maps are sorted by key.
     *
     * @return a new mutable map; values are numbers, lists, strings and maps of those
     */
    public Map<String, Object> asMap() {
        return MonitorSnapshot.asMap(this);
    }

    // ---- internals ---------------------------------------------------------------------------

    private TableState tableState(String table) {
        TableState s = tables.get(table);
        return s != null ? s : tables.computeIfAbsent(table, TableState::new);
    }

    private TimeIn timeIn() {
        return new TimeIn(nanoClock.getAsLong());
    }

    private void recordMs(LatencyRing ring, @Nullable Object state) {
        if (state instanceof TimeIn t) {
            ring.add((nanoClock.getAsLong() - t.nanos) / 1e6);
        }
    }

    /** When a timed operation started. */
    private record TimeIn(long nanos) {}
}
