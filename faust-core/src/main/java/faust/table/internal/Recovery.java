package faust.table.internal;

import faust.internal.AppRuntime;
import faust.settings.StreamSettings;
import faust.store.StateStore;
import faust.topic.TP;
import faust.transport.TpBatch;
import faust.transport.TransportReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assignment's recovery, on its own thread: stops the standbys of the assignment before,
 * makes each table hold exactly the partitions of the new one (active and standby), reads each
 * active partition's changelog (and every partition of a global table) from the offset its
 * store persisted to the end, applying it through the store's batch writes, then runs the
 * tables' {@code on_recover} callbacks, lets the paused source partitions go and starts
 * following the standby partitions. A rebalance cancels it; the next assignment's recovery waits
 * for it to stop and goes on from what the stores persisted, so no work is lost and nothing
 * waits on a partition no longer assigned.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long PROGRESS_NANOS = Duration.ofSeconds(5).toNanos();
    /** Store batches applied at once, on other threads than the one reading the changelogs. */
    private static final int LANES = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final AppRuntime rt;
    private final Map<StoredTable<?>, Set<Integer>> actives;
    private final Map<StoredTable<?>, Set<Integer>> standbys;
    private @Nullable Recovery previous;
    private final AtomicReference<@Nullable ChangelogFollower> follower;
    private final Consumer<Recovery> done;
    private final Thread thread;
    private volatile boolean cancelled;

    /**
     * @param rt the runtime
     * @param actives the partitions each table holds for the new assignment
     * @param standbys the partitions each table follows for the new assignment (a global table's
     *     are read to the end before the sources resume, as its active ones)
     * @param previous the recovery this one replaces (cancelled), waited for before anything is touched
     * @param follower the standbys being followed: stopped first, replaced at the end
     * @param done told when this recovery finished (not when it was cancelled)
     */
    Recovery(AppRuntime rt, Map<StoredTable<?>, Set<Integer>> actives, Map<StoredTable<?>, Set<Integer>> standbys,
             @Nullable Recovery previous, AtomicReference<@Nullable ChangelogFollower> follower, Consumer<Recovery> done) {
        this.rt = rt;
        this.actives = actives;
        this.standbys = standbys;
        this.previous = previous;
        this.follower = follower;
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
        ChangelogFollower f = follower.getAndSet(null);
        if (f != null) {
            f.stop();
        }
        try {
            if (!delay() || cancelled) {
                return;
            }
            if (recover() && !cancelled) {
                follow();
                done.accept(this);
            }
        } catch (RuntimeException e) {
            if (!cancelled) {
                log.error("[{}] table recovery failed; the source partitions stay paused until the next rebalance",
                        rt.settings().id(), e);
            }
        }
    }

    /**
     * Waits {@code stream_recovery_delay} first (Faust's pause after a rebalance, which lets a
     * burst of rebalances settle before any changelog is read).
     *
     * @return false when cancelled meanwhile
     */
    private boolean delay() {
        long until = System.nanoTime() + rt.settings().get(StreamSettings.STREAM_RECOVERY_DELAY).toNanos();
        while (System.nanoTime() < until) {
            if (cancelled) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(50, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void follow() {
        Map<StoredTable<?>, Set<Integer>> targets = new HashMap<>();
        standbys.forEach((t, ps) -> {
            if (!ps.isEmpty()) {
                targets.put(t, ps);
            }
        });
        if (!targets.isEmpty()) {
            ChangelogFollower next = new ChangelogFollower(rt, targets);
            follower.set(next);
            next.start();
        }
    }

    /** Opens the partitions of the new assignment and closes the others. */
    private void reassign() {
        Set<StoredTable<?>> tables = new HashSet<>(actives.keySet());
        tables.addAll(standbys.keySet());
        for (StoredTable<?> t : tables) {
            TablePartitions h = t.holder();
            Set<Integer> a = actives.getOrDefault(t, Set.of());
            Set<Integer> s = standbys.getOrDefault(t, Set.of());
            for (int p = 0; p < t.partitions(); p++) {
                if (h.holds(p) && !a.contains(p)) {
                    t.writer().forget(p);       // flushed by the revocation's commit: nothing of it is left to send
                }
                if (h.isOpen(p) && !a.contains(p) && !s.contains(p)) {
                    h.close(p);
                    t.closed(p);
                }
            }
            a.forEach(h::open);
            s.forEach(h::openStandby);
            rt.monitor().tableAssigned(t.name(), a, s);
        }
    }

    /** @return true when every partition to recover caught up with its changelog, false when cancelled */
    private boolean recover() {
        reassign();
        Map<StoredTable<?>, Set<Integer>> toRead = new HashMap<>();
        actives.forEach((t, ps) -> toRead.computeIfAbsent(t, x -> new HashSet<>()).addAll(ps));
        standbys.forEach((t, ps) -> {
            if (t.isGlobal()) {
                toRead.computeIfAbsent(t, x -> new HashSet<>()).addAll(ps);
            }
        });
        Map<TP, ChangelogBatch> targets = new HashMap<>();
        Set<TP> all = new HashSet<>();
        toRead.forEach((t, ps) -> ps.forEach(p -> all.add(new TP(t.changelogTopic(), p))));
        long started = System.nanoTime();
        if (!all.isEmpty()) {
            try (TransportReader reader = rt.transport().createReader(rt.settings().id() + "-recovery");
                 BatchApplier applier = new BatchApplier("faust-recovery-apply-" + rt.settings().id(), LANES)) {
                reader.assign(all);
                Map<TP, Long> ends = reader.endOffsets(all);
                for (Map.Entry<StoredTable<?>, Set<Integer>> e : toRead.entrySet()) {
                    for (int p : e.getValue()) {
                        TP tp = new TP(e.getKey().changelogTopic(), p);
                        ChangelogBatch t = seek(reader, e.getKey(), p, tp, ends.getOrDefault(tp, 0L), applier);
                        if (t != null) {
                            targets.put(tp, t);
                        }
                    }
                }
                progress(targets, started, false);
                if (!read(reader, targets, started)) {
                    return false;
                }
                applier.awaitAll();
            }
        }
        progress(targets, started, true);
        long millis = (System.nanoTime() - started) / 1_000_000;
        for (StoredTable<?> t : toRead.keySet()) {
            if (targets.keySet().stream().noneMatch(tp -> tp.topic().equals(t.changelogTopic()))) {
                rt.monitor().tableRecovery(t.name(), 0, 0, millis, true);     // nothing to read: its stores were current
            }
            for (Runnable r : t.spec().onRecover()) {
                runCallback(rt, t, r);
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
    private @Nullable ChangelogBatch seek(TransportReader reader, StoredTable<?> table, int p, TP tp, long end,
                                          BatchApplier applier) {
        long start = startOffset(rt, table, p, tp, end);
        if (start >= end) {
            return null;
        }
        reader.seek(tp, start);
        return new ChangelogBatch(table, p, start, end, table.spec().recoveryBufferSize(), applier);
    }

    /**
     * @return the changelog offset to read a table partition from: after the offset its store
     *     persisted, or 0 when the store holds nothing, or when the store is ahead of the changelog
     *     (then it is dropped, to be rebuilt)
     */
    static long startOffset(AppRuntime rt, StoredTable<?> table, int p, TP tp, long end) {
        StateStore store = table.holder().store();
        if (table.replaysWhole(p)) {
            store.dropPartition(p);         // a windowed table's window state is rebuilt from the whole changelog
            return 0;
        }
        long persisted = store.persistedOffset(p);
        if (persisted != StateStore.NO_OFFSET && persisted >= end) {
            // the changelog was deleted and created again, or the store belongs to another cluster
            log.warn("[{}] table '{}' partition {}: the local store is at changelog offset {} but the changelog {} ends at {}"
                    + " (its last offset is {}); the local partition is rebuilt from the changelog", rt.settings().id(),
                    table.name(), p, persisted, tp, end, end - 1);
            store.dropPartition(p);
            persisted = StateStore.NO_OFFSET;
        }
        return persisted + 1;
    }

    /** Runs an {@code on_recover} callback; its failure is logged, not raised. */
    static void runCallback(AppRuntime rt, StoredTable<?> table, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.error("[{}] on_recover callback of table '{}' failed", rt.settings().id(), table.name(), e);
        }
    }

    private boolean read(TransportReader reader, Map<TP, ChangelogBatch> targets, long started) {
        Set<TP> remaining = new HashSet<>(targets.keySet());
        long lastProgress = System.nanoTime();
        while (!remaining.isEmpty()) {
            if (cancelled) {
                return false;
            }
            for (TpBatch b : reader.poll(POLL)) {
                ChangelogBatch t = targets.get(b.tp());
                if (t != null) {
                    t.take(rt, b.messages());
                }
            }
            for (var it = remaining.iterator(); it.hasNext(); ) {
                TP tp = it.next();
                ChangelogBatch t = Objects.requireNonNull(targets.get(tp), "target");
                if (reader.position(tp) >= t.end) {
                    t.flush();
                    it.remove();
                }
            }
            if (System.nanoTime() - lastProgress > PROGRESS_NANOS) {
                lastProgress = System.nanoTime();
                log(targets, started);
            }
            progress(targets, started, false);
        }
        return true;
    }

    /** Tells the Monitor each table's records read of those to read. */
    private void progress(Map<TP, ChangelogBatch> targets, long started, boolean finished) {
        Map<String, long[]> byTable = byTable(targets);
        long millis = (System.nanoTime() - started) / 1_000_000;
        byTable.forEach((table, x) -> rt.monitor().tableRecovery(table, x[0], x[1], millis, finished));
    }

    private static Map<String, long[]> byTable(Map<TP, ChangelogBatch> targets) {
        Map<String, long[]> byTable = new HashMap<>();
        for (ChangelogBatch t : targets.values()) {
            long[] x = byTable.computeIfAbsent(t.table.name(), n -> new long[2]);
            x[0] += t.read;
            x[1] += t.total;
        }
        return byTable;
    }

    private void log(Map<TP, ChangelogBatch> targets, long started) {
        double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        byTable(targets).forEach((table, x) -> {
            double rate = x[0] / secs;
            long eta = rate > 0 ? Math.round((x[1] - x[0]) / rate) : -1;
            log.info("[{}] recovering table '{}': {}/{} changelog records, {} records/s, ETA {}", rt.settings().id(), table,
                    x[0], x[1], Math.round(rate), eta < 0 ? "unknown" : eta + " s");
        });
    }
}
