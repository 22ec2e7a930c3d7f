package faust.table.internal;

import faust.stream.Headers;
import faust.table.WindowCloseListener;
import faust.table.WindowResultMapper;
import faust.topic.Channel;
import faust.topic.SendOptions;
import faust.transport.TrackedMessage;
import faust.window.WindowRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The windows of a windowed table's partitions and their closing: which keys each window holds
 * ({@link PartitionWindows}, kept from writes, recovery and standbys), the close pass as each commit
 * begins (the listeners and final-results channels get each key's final value; expired windows are
 * deleted every {@code table_cleanup_interval}), and the exactly-once bookkeeping that rolls the
 * windows back with an aborted transaction.
 *
 * @param <K> key type
 * @param <V> a window's value type
 */
final class WindowCloser<K, V> {
    private static final Logger log = LoggerFactory.getLogger(WindowCloser.class);

    private final AbstractWindowedTable<K, V, ?> owner;
    private final Map<Integer, PartitionWindows> partitions = new ConcurrentHashMap<>();
    private final List<WindowCloseListener<? super K, ? super V>> listeners = new CopyOnWriteArrayList<>();
    private final List<Result<K, V, ?>> results = new CopyOnWriteArrayList<>();
    /** How often expired windows are deleted ({@code table_cleanup_interval}), and when they were last. */
    private final long cleanupInterval;
    private volatile long lastCleanup = System.currentTimeMillis();
    /** At-least-once: closes whose final results are not yet all acknowledged, oldest first. */
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** Closes of a partition's windows at a clock, and the sends of their final results. */
    private record Sent(int partition, long clock, List<PartitionWindows.Due> due, List<CompletableFuture<?>> sends) {}

    /** A final-results channel and what it carries. */
    private record Result<K, V, R>(Channel<K, R> channel, WindowResultMapper<? super K, ? super V, ? extends R> mapper) {
        CompletableFuture<?> send(K key, WindowRange range, V value, int partition) {
            return channel.send(key, mapper.map(key, range, value),
                    SendOptions.defaults().withPartition(partition).withTimestamp(range.end()));
        }
    }

    /**
     * @param owner the windowed table
     * @param cleanupInterval milliseconds between deletions of expired windows
     */
    WindowCloser(AbstractWindowedTable<K, V, ?> owner, long cleanupInterval) {
        this.owner = owner;
        this.cleanupInterval = cleanupInterval;
    }

    /** @param listener told each key's final value when its window closes */
    void listen(WindowCloseListener<? super K, ? super V> listener) {
        listeners.add(listener);
    }

    /**
     * @param channel gets each closed window's final result
     * @param toValue the record sent
     * @param <R> the record's type
     */
    <R> void sendTo(Channel<K, R> channel, WindowResultMapper<? super K, ? super V, ? extends R> toValue) {
        results.add(new Result<>(channel, toValue));
    }

    /** @return the windows of a partition, made on first use */
    PartitionWindows state(int partition) {
        PartitionWindows w = partitions.get(partition);
        return w != null ? w : partitions.computeIfAbsent(partition, x -> new PartitionWindows(System.currentTimeMillis()));
    }

    /**
     * Recovery and standbys read a changelog record of a window.
     *
     * @param m the record, whose headers may carry the clock closes were emitted through
     * @param range its window
     * @param storeKey the window of its key, as stored
     * @param deleted whether the record left the window empty (deleted)
     */
    void recovered(TrackedMessage m, WindowRange range, byte[] storeKey, boolean deleted) {
        PartitionWindows w = state(m.partition());
        if (deleted) {
            w.remove(range, Overlay.Key.of(storeKey));
        } else {
            w.add(range, Overlay.Key.of(storeKey));
        }
        String clock = m.headers().lastString(AbstractWindowedTable.CLOCK_HEADER);
        if (clock != null) {
            w.recovered(Long.parseLong(clock.strip()));
        }
    }

    /** @return whether this worker has no window state of the partition, which recovery then reads whole */
    boolean replaysWhole(int partition) {
        return !partitions.containsKey(partition);
    }

    /** @param partition no longer held nor followed: its window state goes */
    void closed(int partition) {
        partitions.remove(partition);
    }

    // ---- closing --------------------------------------------------------------------------------------

    /**
     * As a commit begins: closes the windows due on each partition held (telling the listeners and
     * the final-results channels each key's final value) and deletes the windows expired, writing
     * to the commit that begins.
     *
     * <p>Exactly-once, a close and the changelog records that remember it (the window's deletion or
     * mark, with the clock) go in the same transaction. At-least-once, those records wait until the
     * final results sent are acknowledged, at a later pass: a crash or a failed send before then
     * leaves the window to be closed again, never lost.
     *
     * @param wallNow the wall clock
     */
    void closeDue(long wallNow) {
        long grace = owner.graceMillis();
        if (grace < 0) {
            return;
        }
        boolean exactlyOnce = owner.rt.exactlyOnce();
        if (!exactlyOnce) {
            confirmSent();
        }
        boolean cleanup = wallNow - lastCleanup >= cleanupInterval;
        if (cleanup) {
            lastCleanup = wallNow;
        }
        for (int p : owner.table().holder().held()) {
            PartitionWindows w = partitions.get(p);
            if (w == null) {
                continue;
            }
            long clock = owner.time().wallClock() ? wallNow : w.streamTime(wallNow, owner.idleMillis());
            List<PartitionWindows.Due> due = w.takeDue(clock, grace, owner.expiresMillis(), cleanup);
            if (due.isEmpty()) {
                continue;
            }
            if (exactlyOnce) {
                emit(p, due);
                w.confirm(clock);
                remember(p, due, w.clockHeaders());
            } else {
                List<PartitionWindows.Due> closing = due.stream().filter(PartitionWindows.Due::closes).toList();
                remember(p, due.stream().filter(d -> !d.closes()).toList(), w.clockHeaders());   // closed before: expired
                if (!closing.isEmpty()) {
                    sent.add(new Sent(p, clock, closing, emit(p, closing)));
                }
            }
        }
    }

    /**
     * At-least-once: the closes whose final results were all acknowledged are remembered (their
     * windows deleted or marked, with the clock); those with a failed send are sent again.
     */
    private void confirmSent() {
        for (Sent q : sent) {
            PartitionWindows w = partitions.get(q.partition());
            if (w == null || !owner.table().holder().holds(q.partition())) {
                sent.remove(q);       // given up: the next owner closes those windows again
                continue;
            }
            if (!q.sends().stream().allMatch(CompletableFuture::isDone)) {
                break;                // later closes wait for earlier ones: the clock only moves forward
            }
            sent.remove(q);
            if (q.sends().stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
                sent.add(new Sent(q.partition(), q.clock(), q.due(), emit(q.partition(), q.due())));
                continue;
            }
            w.confirm(q.clock());
            remember(q.partition(), q.due(), w.clockHeaders());
        }
    }

    /**
     * @param wallNow the wall clock
     * @return how many partitions held have windows due to close, or expired (deleted at the next
     *     cleanup), plus closes waiting for their results to be acknowledged
     */
    int partitionsDue(long wallNow) {
        long grace = owner.graceMillis();
        if (grace < 0) {
            return 0;
        }
        int n = sent.size();
        for (int p : owner.table().holder().held()) {
            PartitionWindows w = partitions.get(p);
            // an expired window counts though the cleanup may not be due yet: a test driver waits for it
            if (w != null && w.hasDue(owner.time().wallClock() ? wallNow : w.streamTime(wallNow, owner.idleMillis()), grace,
                    owner.expiresMillis())) {
                n++;
            }
        }
        return n;
    }

    /** @return the sends of the final results of these windows' closes */
    private List<CompletableFuture<?>> emit(int p, List<PartitionWindows.Due> due) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        long closes = 0;
        for (PartitionWindows.Due d : due) {
            if (!d.closes()) {
                continue;
            }
            for (Overlay.Key k : d.keys()) {
                byte[] v = owner.table().holder().get(p, k.bytes());
                if (v != null) {
                    emit(p, k.bytes(), d.range(), v, sends);
                    closes++;
                }
            }
        }
        if (closes > 0) {
            owner.rt.monitor().tableWindowsClosed(owner.name(), closes);
        }
        return sends;
    }

    /** Writes what recovery needs to know of these windows: an expired one's deletion, a closed one's mark. */
    private void remember(int p, List<PartitionWindows.Due> due, Headers h) {
        for (PartitionWindows.Due d : due) {
            boolean marked = false;
            for (Overlay.Key k : d.keys()) {
                byte[] sk = k.bytes();
                byte[] v = owner.table().holder().get(p, sk);
                if (v == null) {
                    continue;
                }
                if (d.deletes()) {
                    owner.expire(p, sk, v, h);
                } else if (!marked) {
                    // the window stays until it expires: one record carries the clock, so recovery knows it closed
                    owner.mark(p, sk, v, h);
                    marked = true;
                }
            }
        }
    }

    private void emit(int p, byte[] storeKey, WindowRange range, byte[] value, List<CompletableFuture<?>> sends) {
        K key = owner.table().key(WindowedKeys.decode(storeKey, owner.window()).key());
        V v = owner.decode(value);
        for (WindowCloseListener<? super K, ? super V> l : listeners) {
            try {
                l.onClose(key, range, v);
            } catch (RuntimeException e) {
                log.error("[{}] on_window_close listener of table '{}' failed for key {} window {}",
                        owner.rt.settings().id(), owner.name(), key, range, e);
            }
        }
        for (Result<K, V, ?> r : results) {
            sends.add(r.send(key, range, v, p));
        }
    }

    // ---- exactly-once ---------------------------------------------------------------------------------

    /** The transaction is sealed. */
    void sealed() {
        partitions.values().forEach(PartitionWindows::sealed);
    }

    /** The sealed transaction committed. */
    void committed() {
        partitions.values().forEach(PartitionWindows::committed);
    }

    /** The open transaction aborted (the table's uncommitted writes are gone): windows are read back from the store. */
    void rolledBack() {
        partitions.forEach((p, w) -> {
            w.rolledBack();
            if (owner.table().holder().isOpen(p)) {
                owner.table().holder().store().forEach(p,
                        (k, v) -> w.add(WindowedKeys.decode(k, owner.window()).range(), Overlay.Key.of(k)));
            }
        });
    }
}
