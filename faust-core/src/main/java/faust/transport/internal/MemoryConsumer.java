package faust.transport.internal;

import faust.topic.TP;
import faust.transport.RebalanceListener;
import faust.transport.TpBatch;
import faust.transport.TrackedMessage;
import faust.transport.TransportConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A member of a consumer group on the {@link MemoryBroker}. Owned by the polling thread. */
final class MemoryConsumer implements TransportConsumer {
    private static final int MAX_POLL_RECORDS = 2048;

    private final MemoryBroker broker;
    private final MemoryGroup group;
    private final TrackedMessage.AckListener ackListener;
    private final IntSupplier generation;
    private final boolean readCommitted;
    private Set<String> topics = Set.of();
    private @Nullable Pattern pattern;
    private @Nullable RebalanceListener listener;
    private Set<TP> assignment = Set.of();
    private volatile Set<TP> standbys = Set.of();
    private Map<String, Integer> standbyChangelogs = Map.of();
    private int standbyReplicas;
    private final Map<TP, Long> positions = new HashMap<>();
    private final Set<TP> paused = new HashSet<>();
    private int syncedGeneration = -1;
    private int assignedGeneration = -1;
    private int rotate;
    private volatile boolean wakeup;
    private boolean closed;

    MemoryConsumer(MemoryBroker broker, String groupId, TrackedMessage.AckListener ackListener, IntSupplier generation,
                   boolean readCommitted) {
        this.broker = broker;
        this.readCommitted = readCommitted;
        this.generation = generation;
        this.ackListener = ackListener;
        broker.lock.lock();
        try {
            this.group = broker.group(groupId);
        } finally {
            broker.lock.unlock();
        }
    }

    /** @return the generation whose assignment this member took last (under the broker lock) */
    int assignedGeneration() {
        return assignedGeneration;
    }

    /** @return changelog topic to partition count, for the group's standby assignment (under the broker lock) */
    Map<String, Integer> standbyChangelogs() {
        return standbyChangelogs;
    }

    /** @return standbys asked for per changelog partition (under the broker lock) */
    int standbyReplicas() {
        return standbyReplicas;
    }

    @Override
    public void requestStandbys(Map<String, Integer> changelogs, int replicas) {
        broker.lock.lock();
        try {
            this.standbyChangelogs = Map.copyOf(changelogs);
            this.standbyReplicas = replicas;
        } finally {
            broker.lock.unlock();
        }
    }

    @Override
    public Set<TP> standbyAssignment() {
        return standbys;
    }

    boolean subscribes(String topic) {
        return topics.contains(topic) || (pattern != null && pattern.matcher(topic).matches());
    }

    @Override
    public void subscribe(Collection<String> topics, @Nullable Pattern pattern, RebalanceListener listener) {
        broker.lock.lock();
        try {
            this.topics = Set.copyOf(topics);
            this.pattern = pattern;
            this.listener = listener;
            group.join(this);
        } finally {
            broker.lock.unlock();
        }
    }

    @Override
    public List<TpBatch> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        broker.lock.lock();
        try {
            while (!closed) {
                if (wakeup) {
                    wakeup = false;
                    return List.of();
                }
                int gen = group.generation();
                if (listener != null && gen != assignedGeneration) {
                    if (syncedGeneration != gen) {
                        revokeAll();
                        if (group.generation() == gen) {
                            syncedGeneration = gen;
                            group.sync(this);
                        }
                        continue;
                    }
                    if (group.ready()) {
                        takeAssignment(gen);
                        continue;
                    }
                } else {
                    List<TpBatch> batches = fetch();
                    if (!batches.isEmpty()) {
                        return batches;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                broker.awaitChange(left);
            }
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            broker.lock.unlock();
        }
    }

    private void revokeAll() {
        Set<TP> old = assignment;
        assignment = Set.of();
        positions.clear();
        paused.clear();
        if (!old.isEmpty() && listener != null) {
            RebalanceListener l = listener;
            broker.lock.unlock();
            try {
                l.onPartitionsRevoked(old);
            } finally {
                broker.lock.lock();
            }
        }
    }

    private void takeAssignment(int gen) {
        Set<TP> mine = Set.copyOf(group.assignmentOf(this));
        assignment = mine;
        standbys = group.standbysOf(this);
        assignedGeneration = gen;
        for (TP tp : mine) {
            Long c = group.committed.get(tp);
            positions.put(tp, c == null ? 0L : c);   // consumer_auto_offset_reset=earliest
        }
        RebalanceListener l = listener;
        if (l != null) {
            broker.lock.unlock();
            try {
                l.onPartitionsAssigned(mine);
            } finally {
                broker.lock.lock();
            }
        }
    }

    private List<TpBatch> fetch() {
        if (assignment.isEmpty()) {
            return List.of();
        }
        List<TP> tps = new ArrayList<>(assignment);
        int budget = MAX_POLL_RECORDS;
        List<TpBatch> out = new ArrayList<>();
        int n = tps.size();
        rotate++;
        for (int i = 0; i < n && budget > 0; i++) {
            TP tp = tps.get(Math.floorMod(rotate + i, n));
            if (paused.contains(tp)) {
                continue;
            }
            List<MemoryBroker.StoredRecord> log = broker.log(tp);
            Long pos = positions.get(tp);
            if (log == null || pos == null || pos >= log.size()) {
                continue;
            }
            int start = (int) (long) pos;
            int end = Math.min(log.size(), start + budget);
            int gen = generation.getAsInt();
            TrackedMessage[] msgs = new TrackedMessage[end - start];
            int count = 0;
            int next = start;
            for (; next < end; next++) {
                MemoryBroker.StoredRecord r = log.get(next);
                MemoryBroker.MemoryTxn txn = r.txn();
                if (txn != null && readCommitted) {
                    MemoryBroker.MemoryTxn.State state = txn.state;
                    if (state == MemoryBroker.MemoryTxn.State.OPEN) {
                        break;                 // the last stable offset: nothing past it is visible yet
                    }
                    if (state == MemoryBroker.MemoryTxn.State.ABORTED) {
                        continue;              // skipped, leaving a gap in the offsets, as Kafka does
                    }
                }
                msgs[count++] = new TrackedMessage(tp, next, r.timestamp(), r.key(), r.value(), r.headers(), ackListener, gen);
            }
            positions.put(tp, (long) next);
            if (count == 0) {
                continue;
            }
            if (count < msgs.length) {
                msgs = Arrays.copyOf(msgs, count);
            }
            budget -= count;
            out.add(new TpBatch(tp, msgs, log.size()));     // the log end as this fetch saw it
        }
        return out;
    }

    @Override
    public void pause(Collection<TP> partitions) {
        paused.addAll(partitions);
    }

    @Override
    public void resume(Collection<TP> partitions) {
        broker.lock.lock();
        try {
            paused.removeAll(partitions);
            broker.changed.signalAll();
        } finally {
            broker.lock.unlock();
        }
    }

    /** @return the group this consumer belongs to */
    String groupId() {
        return group.groupId;
    }

    @Override
    public void commit(Map<TP, Long> offsets) {
        broker.lock.lock();
        try {
            group.committed.putAll(offsets);
        } finally {
            broker.lock.unlock();
        }
    }

    @Override
    public Map<TP, Long> committed(Set<TP> partitions) {
        broker.lock.lock();
        try {
            Map<TP, Long> m = new HashMap<>();
            for (TP tp : partitions) {
                Long c = group.committed.get(tp);
                if (c != null) {
                    m.put(tp, c);
                }
            }
            return m;
        } finally {
            broker.lock.unlock();
        }
    }

    @Override
    public Map<TP, Long> endOffsets(Set<TP> partitions) {
        Map<TP, Long> m = new HashMap<>();
        for (TP tp : partitions) {
            m.put(tp, broker.endOffset(tp));
        }
        return m;
    }

    @Override
    public Set<TP> assignment() {
        return assignment;
    }

    @Override
    public void seek(TP tp, long offset) {
        if (!assignment.contains(tp)) {
            throw new IllegalStateException("cannot seek " + tp + ": it is not assigned to this consumer");
        }
        positions.put(tp, offset);
    }

    @Override
    public void wakeup() {
        wakeup = true;
        broker.lock.lock();
        try {
            broker.changed.signalAll();
        } finally {
            broker.lock.unlock();
        }
    }

    @Override
    public void close() {
        broker.lock.lock();
        try {
            if (!closed) {
                closed = true;
                group.leave(this);
            }
        } finally {
            broker.lock.unlock();
        }
    }
}
