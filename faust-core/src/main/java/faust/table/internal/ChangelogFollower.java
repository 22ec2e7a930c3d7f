package faust.table.internal;

import faust.internal.AppRuntime;
import faust.topic.TP;
import faust.transport.TpBatch;
import faust.transport.TransportReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows changelog partitions in the background, for as long as the assignment lasts: standby
 * replicas (Faust's {@code table_standby_replicas}) and the partitions of a global table that
 * other workers write. Each partition is read from the offset its store persisted and applied
 * through the store's batch writes, every poll or every {@code standby_buffer_size} records, so
 * that the worker that takes it over replays only what was not read yet. Started by a
 * {@link Recovery} when it finishes; stopped by the next one before it touches a partition.
 */
final class ChangelogFollower {
    private static final Logger log = LoggerFactory.getLogger(ChangelogFollower.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final AppRuntime rt;
    private final Map<StoredTable<?>, Set<Integer>> targets;
    private final Map<TP, Long> positions = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param rt the runtime
     * @param targets the standby partitions of each table, open in its store
     */
    ChangelogFollower(AppRuntime rt, Map<StoredTable<?>, Set<Integer>> targets) {
        this.rt = rt;
        this.targets = targets;
        this.thread = Thread.ofPlatform().name("faust-standby-" + rt.settings().id()).daemon(true).unstarted(this::run);
        // nothing read until the thread seeks: a test driver waiting for the standbys waits for that too
        targets.forEach((t, ps) -> ps.forEach(p -> positions.put(new TP(t.changelogTopic(), p), 0L)));
    }

    void start() {
        thread.start();
    }

    /** Stops following; returns once the last batch read is in the stores. */
    void stop() {
        stopped = true;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the next changelog offset to read of each partition followed (thread-safe) */
    Map<TP, Long> positions() {
        return Map.copyOf(positions);
    }

    private void run() {
        while (!stopped) {
            try (TransportReader reader = rt.transport().createReader(rt.settings().id() + "-standby")) {
                follow(reader);
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                log.warn("[{}] standby tables: reading their changelogs failed; starting over from what the stores hold "
                        + "in 1 s", rt.settings().id(), e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void follow(TransportReader reader) {
        Set<TP> all = new HashSet<>();
        targets.forEach((t, ps) -> ps.forEach(p -> all.add(new TP(t.changelogTopic(), p))));
        reader.assign(all);
        Map<TP, Long> ends = reader.endOffsets(all);
        Map<TP, ChangelogBatch> batches = new HashMap<>();
        for (Map.Entry<StoredTable<?>, Set<Integer>> e : targets.entrySet()) {
            StoredTable<?> t = e.getKey();
            for (int p : e.getValue()) {
                TP tp = new TP(t.changelogTopic(), p);
                long start = Recovery.startOffset(rt, t, p, tp, ends.getOrDefault(tp, 0L));
                reader.seek(tp, start);
                positions.put(tp, start);
                batches.put(tp, new ChangelogBatch(t, p, start, Long.MAX_VALUE, t.spec().standbyBufferSize(), null));
            }
        }
        while (!stopped) {
            for (TpBatch b : reader.poll(POLL)) {
                ChangelogBatch batch = batches.get(b.tp());
                if (batch != null) {
                    long before = batch.read;
                    batch.take(rt, b.messages());
                    rt.monitor().tableStandbyRecords(batch.table.name(), batch.read - before);
                }
            }
            for (Map.Entry<TP, ChangelogBatch> e : batches.entrySet()) {
                e.getValue().flush();
                positions.put(e.getKey(), reader.position(e.getKey()));
            }
        }
    }
}
