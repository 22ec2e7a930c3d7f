package faust.transport.internal;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.transport.TopicDeclaration;
import faust.transport.TrackedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An in-process broker that behaves like Kafka where faust-java depends on it: partitioned
 * append-only logs with offsets, timestamps and headers; consumer groups with committed
 * offsets; a rebalance when a member joins or leaves. Brokers are named by the URL authority
 * ({@code memory://} is "default", {@code memory://other} is "other"); apps in one JVM that use
 * the same URL share the broker.
 *
 * <p>One lock guards the broker; consumers read in batches, so it is taken once per batch.
 */
public final class MemoryBroker {
    private static final Map<String, MemoryBroker> BROKERS = new ConcurrentHashMap<>();

    final ReentrantLock lock = new ReentrantLock();
    private final Map<String, TopicDeclaration> declarations = new HashMap<>();
    /** Signalled on every append and every group change. */
    final Condition changed = lock.newCondition();
    private final String name;
    private final Map<String, List<StoredRecord>[]> topics = new HashMap<>();
    private final Map<String, MemoryGroup> groups = new HashMap<>();
    private final Map<String, Integer> roundRobin = new HashMap<>();

    /** A record as stored in a partition log; {@code txn} is null outside transactions. */
    record StoredRecord(long timestamp, byte @Nullable [] key, byte @Nullable [] value, Headers headers,
                        @Nullable MemoryTxn txn) {}

    /** A producer transaction: its records stay invisible to read_committed consumers until it commits. */
    static final class MemoryTxn {
        enum State { OPEN, COMMITTED, ABORTED }

        /** Written under the broker lock. */
        volatile State state = State.OPEN;
    }

    private MemoryBroker(String name) {
        this.name = name;
    }

    /**
     * @param name broker name (URL authority; empty means "default")
     * @return the broker of that name in this JVM, created on first use
     */
    public static MemoryBroker named(String name) {
        return BROKERS.computeIfAbsent(name.isEmpty() ? "default" : name, MemoryBroker::new);
    }

    /**
     * Forgets a broker and all its data (tests use this to start clean).
     *
     * @param name broker name
     */
    public static void reset(String name) {
        BROKERS.remove(name.isEmpty() ? "default" : name);
    }

    /** @return the broker name */
    public String name() {
        return name;
    }

    /**
     * Creates the topic if it does not exist.
     *
     * @param declaration topic name and partitions
     */
    public void declare(TopicDeclaration declaration) {
        lock.lock();
        try {
            if (!topics.containsKey(declaration.name())) {
                declarations.put(declaration.name(), declaration);
            }
            createIfAbsent(declaration.name(), declaration.partitions());
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param topic a topic
     * @return the declaration it was created with (partitions, cleanup policy, configs), or null
     *     when it was created by a send or does not exist
     */
    public @Nullable TopicDeclaration declaration(String topic) {
        lock.lock();
        try {
            return declarations.get(topic);
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private List<StoredRecord>[] createIfAbsent(String topic, int partitions) {
        List<StoredRecord>[] logs = topics.get(topic);
        if (logs == null) {
            logs = new List[partitions];
            for (int i = 0; i < partitions; i++) {
                logs[i] = new ArrayList<>();
            }
            topics.put(topic, logs);
            for (MemoryGroup g : groups.values()) {
                g.topicCreated(topic);
            }
            changed.signalAll();
        }
        return logs;
    }

    /**
     * @param topic a topic
     * @return its partition count, or empty when it does not exist
     */
    public OptionalInt partitionCount(String topic) {
        lock.lock();
        try {
            List<StoredRecord>[] logs = topics.get(topic);
            return logs == null ? OptionalInt.empty() : OptionalInt.of(logs.length);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a record; a topic that does not exist is created with {@code defaultPartitions}.
     *
     * @param topic topic
     * @param partition a partition, or null to choose from the key (murmur2, as Kafka) or round robin
     * @param timestamp epoch millis or null for now
     * @param key key bytes
     * @param value value bytes
     * @param headers headers
     * @param defaultPartitions partitions for an auto-created topic
     * @return where it landed
     */
    public RecordMetadata append(String topic, @Nullable Integer partition, @Nullable Long timestamp, byte @Nullable [] key,
                                 byte @Nullable [] value, Headers headers, int defaultPartitions) {
        return append(topic, partition, timestamp, key, value, headers, defaultPartitions, null);
    }

    RecordMetadata append(String topic, @Nullable Integer partition, @Nullable Long timestamp, byte @Nullable [] key,
                          byte @Nullable [] value, Headers headers, int defaultPartitions, @Nullable MemoryTxn txn) {
        lock.lock();
        try {
            List<StoredRecord>[] logs = createIfAbsent(topic, defaultPartitions);
            int p = partition != null ? partition : choosePartition(topic, key, logs.length);
            if (p < 0 || p >= logs.length) {
                throw new IllegalArgumentException("partition " + p + " does not exist in topic " + topic
                        + " (it has " + logs.length + " partitions)");
            }
            long ts = timestamp != null ? timestamp : System.currentTimeMillis();
            List<StoredRecord> log = logs[p];
            long offset = log.size();
            log.add(new StoredRecord(ts, key, value, headers, txn));
            changed.signalAll();
            return new RecordMetadata(topic, p, offset, ts);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a transaction: commits it (with the consumed offsets of a group, atomically) or aborts it.
     *
     * @param txn the transaction
     * @param commit commit if true, abort if false
     * @param groupId the consumer group whose offsets are committed, or null
     * @param offsets the offsets to commit with it
     */
    void endTransaction(MemoryTxn txn, boolean commit, @Nullable String groupId, Map<TP, Long> offsets) {
        lock.lock();
        try {
            txn.state = commit ? MemoryTxn.State.COMMITTED : MemoryTxn.State.ABORTED;
            if (commit && groupId != null) {
                group(groupId).committed.putAll(offsets);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int choosePartition(String topic, byte @Nullable [] key, int partitions) {
        if (key == null) {
            int next = roundRobin.merge(topic, 1, Integer::sum);
            return Math.floorMod(next - 1, partitions);
        }
        return Partitioner.partitionFor(key, partitions);
    }

    /** Caller holds the lock. */
    @Nullable List<StoredRecord> log(TP tp) {
        List<StoredRecord>[] logs = topics.get(tp.topic());
        return logs == null || tp.partition() >= logs.length ? null : logs[tp.partition()];
    }

    /** Caller holds the lock. */
    Map<String, Integer> topicPartitions() {
        Map<String, Integer> m = new HashMap<>();
        topics.forEach((t, logs) -> m.put(t, logs.length));
        return m;
    }

    /** Caller holds the lock. */
    MemoryGroup group(String groupId) {
        return groups.computeIfAbsent(groupId, g -> new MemoryGroup(this, g));
    }

    /**
     * @param tp a partition
     * @return its end offset (0 when the topic does not exist)
     */
    public long endOffset(TP tp) {
        lock.lock();
        try {
            List<StoredRecord> log = log(tp);
            return log == null ? 0 : log.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param groupId a consumer group
     * @param tp a partition
     * @return the group's committed offset for it, or null
     */
    public @Nullable Long committed(String groupId, TP tp) {
        lock.lock();
        try {
            MemoryGroup g = groups.get(groupId);
            return g == null ? null : g.committed.get(tp);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The records of a partition that a read-committed consumer sees, from {@code from} on: records
     * outside transactions and those of committed ones, up to the first record of an open one.
     *
     * @param tp a partition
     * @param from the first offset to read
     * @return the records, with their offsets, as messages that nothing tracks
     */
    public List<TrackedMessage> visible(TP tp, long from) {
        lock.lock();
        try {
            List<TrackedMessage> out = new ArrayList<>();
            List<StoredRecord> log = log(tp);
            if (log == null) {
                return out;
            }
            for (int i = (int) Math.max(0, from); i < log.size(); i++) {
                StoredRecord r = log.get(i);
                MemoryTxn txn = r.txn();
                if (txn != null && txn.state == MemoryTxn.State.OPEN) {
                    break;
                }
                if (txn == null || txn.state == MemoryTxn.State.COMMITTED) {
                    out.add(new TrackedMessage(tp, i, r.timestamp(), r.key(), r.value(), r.headers(), null, -1));
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param tp a partition
     * @param readCommitted whether the reader skips aborted records and stops at open transactions
     * @return the offset after the last record such a reader gets (0 when it gets none)
     */
    public long visibleEnd(TP tp, boolean readCommitted) {
        lock.lock();
        try {
            List<StoredRecord> log = log(tp);
            if (log == null) {
                return 0;
            }
            long end = 0;
            for (int i = 0; i < log.size(); i++) {
                MemoryTxn txn = log.get(i).txn();
                if (readCommitted && txn != null && txn.state == MemoryTxn.State.OPEN) {
                    break;
                }
                if (!readCommitted || txn == null || txn.state == MemoryTxn.State.COMMITTED) {
                    end = i + 1;
                }
            }
            return end;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether some record of this broker is in a transaction that has not ended */
    public boolean hasOpenTransactions() {
        lock.lock();
        try {
            for (List<StoredRecord>[] logs : topics.values()) {
                for (List<StoredRecord> log : logs) {
                    for (int i = log.size() - 1; i >= 0; i--) {
                        MemoryTxn txn = log.get(i).txn();
                        if (txn != null && txn.state == MemoryTxn.State.OPEN) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param groupId a consumer group
     * @return whether every member of the group has taken its assignment of the group's current
     *     generation: no rebalance is under way
     */
    public boolean settled(String groupId) {
        lock.lock();
        try {
            MemoryGroup g = groups.get(groupId);
            return g == null || g.settled();
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. Waits for a change; returns false on timeout. */
    boolean awaitChange(long nanos) throws InterruptedException {
        return changed.await(nanos, TimeUnit.NANOSECONDS);
    }
}
