package faust.table.internal;

import faust.internal.AppRuntime;
import faust.store.StateStore;
import faust.store.StoreWrite;
import faust.stream.Message;
import faust.topic.TP;
import faust.transport.TpBatch;
import faust.transport.TrackedMessage;
import faust.transport.TransportReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assignment's recovery, on its own thread: makes each table hold exactly the partitions of
 * the assignment, reads each held partition's changelog from the offset its store persisted to
 * the end, applying it through the store's batch writes, then runs the tables' {@code on_recover}
 * callbacks and lets the paused source partitions go. A rebalance cancels it; the next
 * assignment's recovery waits for it to stop and goes on from what the stores persisted, so no
 * work is lost and nothing waits on a partition no longer assigned.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long PROGRESS_NANOS = Duration.ofSeconds(5).toNanos();

    private final AppRuntime rt;
    private final Map<ChangelogTable<?, ?>, Set<Integer>> actives;
    private @Nullable Recovery previous;
    private final Consumer<Recovery> done;
    private final Thread thread;
    private volatile boolean cancelled;

    /** A changelog partition being read: its table, where it ends, and the writes not yet applied. */
    private static final class Target {
        final ChangelogTable<?, ?> table;
        final int partition;
        final long end;
        final List<StoreWrite> pending = new ArrayList<>();
        long lastOffset = StateStore.NO_OFFSET;
        long read;
        final long total;

        Target(ChangelogTable<?, ?> table, int partition, long start, long end) {
            this.table = table;
            this.partition = partition;
            this.end = end;
            this.total = Math.max(0, end - start);
        }
    }

    /**
     * @param rt the runtime
     * @param actives the partitions each table holds for the new assignment
     * @param previous the recovery this one replaces (cancelled), waited for before anything is touched
     * @param done told when this recovery finished (not when it was cancelled)
     */
    Recovery(AppRuntime rt, Map<ChangelogTable<?, ?>, Set<Integer>> actives, @Nullable Recovery previous,
             Consumer<Recovery> done) {
        this.rt = rt;
        this.actives = actives;
        this.previous = previous;
        this.done = done;
        this.thread = Thread.ofPlatform().name("faust-recovery-" + rt.settings().id()).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    void cancel() {
        cancelled = true;
    }

    void join() {
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Recovery before = previous;
        if (before != null) {
            before.cancel();
            before.join();
            previous = null;       // no chain of finished recoveries kept alive
        }
        try {
            if (recover()) {
                done.accept(this);
            }
        } catch (RuntimeException e) {
            if (!cancelled) {
                log.error("[{}] table recovery failed; the source partitions stay paused until the next rebalance",
                        rt.settings().id(), e);
            }
        }
    }

    /** @return true when every held partition caught up with its changelog, false when cancelled */
    private boolean recover() {
        for (Map.Entry<ChangelogTable<?, ?>, Set<Integer>> e : actives.entrySet()) {
            TablePartitions h = e.getKey().holder();
            for (int p : h.held()) {
                if (!e.getValue().contains(p)) {
                    h.close(p);
                }
            }
            for (int p : e.getValue()) {
                h.open(p);
            }
        }
        Map<TP, Target> targets = new HashMap<>();
        Set<TP> all = new HashSet<>();
        for (Map.Entry<ChangelogTable<?, ?>, Set<Integer>> e : actives.entrySet()) {
            for (int p : e.getValue()) {
                all.add(new TP(e.getKey().changelogTopic(), p));
            }
        }
        long started = System.nanoTime();
        if (!all.isEmpty()) {
            try (TransportReader reader = rt.transport().createReader(rt.settings().id() + "-recovery")) {
                reader.assign(all);
                Map<TP, Long> ends = reader.endOffsets(all);
                for (Map.Entry<ChangelogTable<?, ?>, Set<Integer>> e : actives.entrySet()) {
                    for (int p : e.getValue()) {
                        TP tp = new TP(e.getKey().changelogTopic(), p);
                        Target t = seek(reader, e.getKey(), p, tp, ends.getOrDefault(tp, 0L));
                        if (t != null) {
                            targets.put(tp, t);
                        }
                    }
                }
                if (!read(reader, targets, started)) {
                    return false;
                }
            }
        }
        for (ChangelogTable<?, ?> t : actives.keySet()) {
            for (Runnable r : t.spec().onRecover()) {
                try {
                    r.run();
                } catch (RuntimeException ex) {
                    log.error("[{}] on_recover callback of table '{}' failed", rt.settings().id(), t.name(), ex);
                }
            }
        }
        long records = targets.values().stream().mapToLong(t -> t.read).sum();
        if (records > 0 || !targets.isEmpty()) {
            log.info("[{}] tables recovered: {} changelog records into {} partitions in {} ms", rt.settings().id(), records,
                    targets.size(), (System.nanoTime() - started) / 1_000_000);
        }
        return !cancelled;
    }

    /** @return the partition to read, or null when its store is already at the changelog's end */
    private @Nullable Target seek(TransportReader reader, ChangelogTable<?, ?> table, int p, TP tp, long end) {
        StateStore store = table.holder().store();
        long persisted = store.persistedOffset(p);
        if (persisted != StateStore.NO_OFFSET && persisted >= end) {
            // the changelog was deleted and created again, or the store belongs to another cluster
            log.warn("[{}] table '{}' partition {}: the local store is at changelog offset {} but the changelog {} ends at {}"
                    + " (its last offset is {}); the local partition is rebuilt from the changelog", rt.settings().id(),
                    table.name(), p, persisted, tp, end, end - 1);
            store.dropPartition(p);
            persisted = StateStore.NO_OFFSET;
        }
        long start = persisted + 1;
        if (start >= end) {
            return null;
        }
        reader.seek(tp, start);
        return new Target(table, p, start, end);
    }

    private boolean read(TransportReader reader, Map<TP, Target> targets, long started) {
        Set<TP> remaining = new HashSet<>(targets.keySet());
        long lastProgress = System.nanoTime();
        while (!remaining.isEmpty()) {
            if (cancelled) {
                return false;
            }
            for (TpBatch b : reader.poll(POLL)) {
                Target t = targets.get(b.tp());
                if (t != null) {
                    take(t, b.messages());
                }
            }
            for (var it = remaining.iterator(); it.hasNext(); ) {
                TP tp = it.next();
                Target t = Objects.requireNonNull(targets.get(tp), "target");
                if (reader.position(tp) >= t.end) {
                    flush(t);
                    it.remove();
                }
            }
            if (System.nanoTime() - lastProgress > PROGRESS_NANOS) {
                lastProgress = System.nanoTime();
                progress(targets, started);
            }
        }
        return true;
    }

    private void take(Target t, TrackedMessage[] msgs) {
        Consumer<Message> onEvent = t.table.spec().onChangelogEvent();
        for (TrackedMessage m : msgs) {
            if (m.offset() >= t.end) {
                continue;       // written since recovery began: the store gets it through its own write
            }
            t.read++;
            try {
                t.table.checkDecodes(m);
            } catch (RuntimeException e) {
                rt.onDecodeError(m, "changelog of table '" + t.table.name() + "': " + t.table.spec().keySerializer() + " key, "
                        + t.table.spec().valueSerializer() + " value", e);
                t.lastOffset = m.offset();
                continue;
            }
            byte[] key = m.key();
            if (key != null) {
                t.pending.add(new StoreWrite(key, m.value()));
            }
            t.lastOffset = m.offset();
            if (onEvent != null) {
                try {
                    onEvent.accept(m);
                } catch (RuntimeException e) {
                    log.error("[{}] on_changelog_event callback of table '{}' failed", rt.settings().id(), t.table.name(), e);
                }
            }
            if (t.pending.size() >= t.table.spec().recoveryBufferSize()) {
                flush(t);
            }
        }
    }

    private static void flush(Target t) {
        if (t.pending.isEmpty() && t.lastOffset == StateStore.NO_OFFSET) {
            return;
        }
        t.table.holder().store().apply(t.partition, List.copyOf(t.pending), t.lastOffset);
        t.pending.clear();
    }

    private void progress(Map<TP, Target> targets, long started) {
        Map<String, long[]> byTable = new HashMap<>();
        for (Target t : targets.values()) {
            long[] x = byTable.computeIfAbsent(t.table.name(), n -> new long[2]);
            x[0] += t.read;
            x[1] += t.total;
        }
        double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        byTable.forEach((table, x) -> {
            double rate = x[0] / secs;
            long eta = rate > 0 ? Math.round((x[1] - x[0]) / rate) : -1;
            log.info("[{}] recovering table '{}': {}/{} changelog records, {} records/s, ETA {}", rt.settings().id(), table,
                    x[0], x[1], Math.round(rate), eta < 0 ? "unknown" : eta + " s");
        });
    }
}
