package faust.table.internal;

import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.internal.ConsumerLoop;
import faust.internal.LeaderElection;
import faust.internal.PartitionGate;
import faust.internal.TransactionListener;
import faust.settings.CommonSettings;
import faust.settings.TopicSettings;
import faust.store.StateStore;
import faust.store.StoreContext;
import faust.store.StoreFactory;
import faust.table.StateTable;
import faust.topic.Topic;
import faust.table.TableSpec;
import faust.topic.TopicSpec;
import faust.topic.TP;
import faust.topic.TopicOptions;
import faust.window.Window;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's tables (Faust's {@code TableManager}): declares each table's changelog, opens its
 * store, and on every assignment decides which table partitions this worker holds and recovers
 * them from their changelogs while the assigned source partitions stay paused.
 *
 * <p>A table's partition {@code p} is held when the worker is assigned partition {@code p} of a
 * topic with as many partitions as the table: the co-partitioning assignor gives all such topics'
 * partition {@code p} to one worker, so the events that write table partition {@code p} arrive
 * where it is held.
 */
public final class TableManager implements PartitionGate, TransactionListener {
    private static final Logger log = LoggerFactory.getLogger(TableManager.class);

    private final AppRuntime rt;
    private final List<StoredTable<?>> tables = new CopyOnWriteArrayList<>();
    private final List<AbstractWindowedTable<?, ?, ?>> windowed = new CopyOnWriteArrayList<>();
    /** Close passes under way (a test driver waits for them). */
    private final AtomicInteger closing = new AtomicInteger();
    private final AtomicReference<@Nullable ChangelogFollower> follower = new AtomicReference<>();
    private final Map<String, OptionalInt> partitionCounts = new ConcurrentHashMap<>();
    private final AtomicReference<Set<TP>> released = new AtomicReference<>(Set.of());
    private final AtomicReference<@Nullable Recovery> recovery = new AtomicReference<>();
    private volatile boolean consuming;
    /** Exactly-once: the epoch table writes go to now, and the last one a commit took. */
    private volatile long epoch = 1;
    private volatile long sealed;

    public TableManager(AppRuntime rt) {
        this.rt = rt;
        rt.transactionListener(this);
    }

    /**
     * Declares a table and its changelog topic.
     *
     * @param name the table's name
     * @param keyType key type
     * @param valueType value type
     * @param defaultValue makes the value of a missing key, or null
     * @param spec the options
     * @param global whether every worker holds all of it ({@link faust.table.GlobalTable})
     * @param <K> key type
     * @param <V> value type
     * @return the table
     */
    public <K, V> ChangelogTable<K, V> table(String name, Class<K> keyType, Class<V> valueType,
                                            @Nullable Supplier<? extends V> defaultValue, TableSpec spec, boolean global) {
        if (spec.startManager() || spec.managerTopic() != null) {
            throw new ImproperlyConfiguredException("table '" + name + "' sets startManager or managerTopic, which only set "
                    + "tables have; declare it with app.setTable(...)");
        }
        StoredTable.TableContext c = context(name, spec, true, global);
        ChangelogTable<K, V> t = global ? new GlobalChangelogTable<>(c, keyType, valueType, defaultValue)
                : new ChangelogTable<>(c, keyType, valueType, defaultValue);
        tables.add(t);
        return t;
    }

    /**
     * Declares a set table, its changelog (not compacted: it carries operations) and, with
     * {@code startManager}, its manager topic.
     *
     * @param name the table's name
     * @param keyType key type
     * @param elementType element type
     * @param spec the options
     * @param global whether every worker holds all of it
     * @param <K> key type
     * @param <E> element type
     * @return the table; the caller starts its manager agent when it has a manager topic
     */
    public <K, E> ChangelogSetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType, TableSpec spec,
                                                   boolean global) {
        ChangelogSetTable.checkSpec(name, spec);
        StoredTable.TableContext c = context(name, spec, false, global);
        Topic<K, byte[]> manager = null;
        if (spec.startManager()) {
            String topic = spec.managerTopic() != null ? spec.managerTopic() : name + "-setmanager";
            // as many partitions as the table: an operation is applied where its key's partition is held
            manager = rt.topics().topic(List.of(topic), null, keyType, byte[].class, TopicSpec.of(o -> o
                    .partitions(c.partitions()).valueSerializer("raw")), false);
        }
        ChangelogSetTable<K, E> t = new ChangelogSetTable<>(c, keyType, elementType, manager);
        tables.add(t);
        return t;
    }

    private StoredTable.TableContext context(String name, TableSpec spec, boolean compacting, boolean global) {
        if (name.isBlank()) {
            throw new ImproperlyConfiguredException("a table needs a name");
        }
        for (StoredTable<?> t : tables) {
            if (t.name().equals(name)) {
                throw new ImproperlyConfiguredException("table '" + name + "' is declared twice; declare it once and share it");
            }
        }
        rt.codecs().get(spec.keySerializer());       // an unknown codec fails here, naming it
        rt.codecs().get(spec.valueSerializer());
        int partitions = spec.partitions() != null ? spec.partitions() : rt.settings().get(TopicSettings.TOPIC_PARTITIONS);
        String changelog = rt.settings().id() + "-" + name + "-changelog";
        // Faust's changelog: internal, the table's partitions, compacted unless it carries set operations
        declareChangelog(changelog, partitions, spec, o -> o.compacting(compacting));
        TablePartitions holder = new TablePartitions(openStore(name, spec), () -> consuming, this::partitionCount, global);
        return new StoredTable.TableContext(rt, holder, () -> epoch, name, changelog, partitions, spec, global, this);
    }

    /** Faust's changelog: internal, the table's partitions, and the cleanup policy {@code cleanup} sets. */
    private void declareChangelog(String changelog, int partitions, TableSpec spec, Consumer<TopicOptions> cleanup) {
        rt.topics().topic(List.of(changelog), null, byte[].class, byte[].class, TopicSpec.of(o -> {
            o.partitions(partitions).internal(true);
            cleanup.accept(o);
            spec.extraTopicConfigs().forEach(o::config);
        }), false);
    }

    /**
     * Makes a table windowed: its changelog is deleted after a window's lifetime (Faust's
     * {@code compact,delete}), and with {@code keyIndex} the companion {@code {table}-key_index}
     * table is declared.
     *
     * @param table the table
     * @param window the windows
     * @param keyIndex whether to keep a key index
     * @param already whether the table is windowed already
     * @param <K> key type
     * @param <V> value type
     * @return the windowed table
     */
    <K, V> WindowedChangelogTable<K, V> windowed(ChangelogTable<K, V> table, Window window, boolean keyIndex,
                                                 boolean already) {
        WindowedChangelogTable<K, V> w = new WindowedChangelogTable<>(table, window, windowing(table, window, keyIndex,
                already, true));
        windowed.add(w);
        return w;
    }

    /**
     * Makes a set table windowed: its changelog of set operations is deleted after a window's
     * lifetime (not compacted: its records are operations, as Faust's).
     *
     * @param table the set table
     * @param window the windows
     * @param keyIndex whether to keep a key index
     * @param already whether the table is windowed already
     * @param <K> key type
     * @param <E> element type
     * @return the windowed set table
     */
    <K, E> WindowedChangelogSetTable<K, E> windowedSet(ChangelogSetTable<K, E> table, Window window, boolean keyIndex,
                                                       boolean already) {
        WindowedChangelogSetTable<K, E> w = new WindowedChangelogSetTable<>(table, window, windowing(table, window,
                keyIndex, already, false));
        windowed.add(w);
        return w;
    }

    /** Checks a table can be windowed, declares its changelog again, and makes its key index (or null). */
    private <K> @Nullable ChangelogTable<K, Integer> windowing(StoredTable<K> table, Window window, boolean keyIndex,
                                                              boolean already, boolean compacting) {
        String what = "table '" + table.name() + "'";
        if (already) {
            throw new ImproperlyConfiguredException(what + " is windowed already; a table has one window");
        }
        if (table.isGlobal()) {
            throw new ImproperlyConfiguredException(what + " is global; windowed global tables are not supported, declare "
                    + "it with app.table(...) or app.setTable(...)");
        }
        if (consuming) {
            throw new ImproperlyConfiguredException(what + " is made windowed after the app started; declare its window "
                    + "before starting the app");
        }
        TableSpec spec = table.spec();
        rt.topics().forget(List.of(table.changelogTopic()));
        Duration expires = window.expires();
        declareChangelog(table.changelogTopic(), table.partitions(), spec, o -> {
            o.compacting(compacting);
            if (expires != null) {
                // a window's records are kept while it can be written and read: from its start, its span, then expires
                o.deleting(true).retention(AbstractWindowedTable.span(window).plus(expires));
            }
        });
        if (!keyIndex) {
            return null;
        }
        return table(table.name() + "-key_index", table.keyType(), Integer.class, null,
                new TableSpec(table.partitions(), spec.keySerializer(), "json", "key index of " + table.name(), List.of(),
                        null, spec.recoveryBufferSize(), spec.standbyBufferSize(), spec.extraTopicConfigs(),
                        spec.usePartitioner(), spec.store(), false, null), false);
    }

    private StateStore openStore(String table, TableSpec spec) {
        URI url = spec.store() != null ? spec.store() : rt.settings().get(CommonSettings.STORE);
        String scheme = url.getScheme();
        List<String> known = new ArrayList<>();
        for (StoreFactory f : ServiceLoader.load(StoreFactory.class)) {
            if (f.schemes().contains(scheme)) {
                Path dir = rt.settings().get(CommonSettings.TABLEDIR);
                return f.open(new StoreContext(rt.settings().id(), table, url, dir));
            }
            known.addAll(f.schemes());
        }
        throw new ImproperlyConfiguredException("table '" + table + "' uses store " + url + " but no store handles scheme '"
                + scheme + "'; known schemes: " + known + ". For rocksdb:// add the faust-rocksdb module to the class path.");
    }

    /** @return the tables, in declaration order */
    public List<StateTable> tables() {
        return tables.stream().map(StateTable.class::cast).toList();
    }

    private OptionalInt partitionCount(String topic) {
        OptionalInt n = partitionCounts.get(topic);
        if (n != null) {
            return n;
        }
        n = rt.transport().partitionCount(topic);
        if (n.isPresent()) {
            partitionCounts.put(topic, n);
        }
        return n;
    }

    /** Tables are held per assignment from now on (the app starts consuming). */
    public void startConsuming() {
        consuming = true;
        windowed.forEach(AbstractWindowedTable::start);
    }

    // ---- the gate -----------------------------------------------------------------------------

    @Override
    public Map<String, Integer> standbyChangelogs() {
        Map<String, Integer> out = new HashMap<>();
        for (StoredTable<?> t : tables) {
            if (!t.isGlobal()) {        // a global table's every partition is followed anyway
                out.put(t.changelogTopic(), t.partitions());
            }
        }
        return out;
    }

    @Override
    public Set<TP> onAssigned(Set<TP> assigned, Set<TP> standbyTps) {
        if (tables.isEmpty()) {
            return Set.of();
        }
        String leader = LeaderElection.topicName(rt.settings().id());
        Set<TP> held = new HashSet<>();
        Map<StoredTable<?>, Set<Integer>> actives = new HashMap<>();
        Map<StoredTable<?>, Set<Integer>> standbys = new HashMap<>();
        for (StoredTable<?> t : tables) {
            actives.put(t, new HashSet<>());
            standbys.put(t, new HashSet<>());
        }
        for (TP tp : assigned) {
            if (tp.topic().equals(leader)) {
                continue;
            }
            held.add(tp);
            OptionalInt n = partitionCount(tp.topic());
            for (StoredTable<?> t : tables) {
                if (n.isPresent() && n.getAsInt() == t.partitions()) {
                    Objects.requireNonNull(actives.get(t), "actives").add(tp.partition());
                }
            }
        }
        for (StoredTable<?> t : tables) {
            Set<Integer> a = Objects.requireNonNull(actives.get(t), "actives");
            Set<Integer> s = Objects.requireNonNull(standbys.get(t), "standbys");
            for (int p = 0; p < t.partitions(); p++) {
                boolean standby = t.isGlobal() || standbyTps.contains(new TP(t.changelogTopic(), p));
                if (standby && !a.contains(p)) {
                    s.add(p);
                }
            }
        }
        released.set(Set.of());
        Recovery next = new Recovery(rt, actives, standbys, recovery.get(), follower, r -> release(r, held));
        recovery.set(next);
        next.start();
        return held;
    }

    /**
     * @return table partitions with windows due to close or expire at the next commit, plus close
     *     passes under way (for a test driver)
     */
    public int windowsDue() {
        long now = System.currentTimeMillis();
        int n = closing.get();
        for (AbstractWindowedTable<?, ?, ?> w : windowed) {
            n += w.closer().partitionsDue(now);
        }
        return n;
    }

    /** @return changelog records waiting for the next commit, over every table (for a test driver) */
    public int pendingChangelogRecords() {
        int n = 0;
        for (StoredTable<?> t : tables) {
            n += t.writer().pending();
        }
        return n;
    }

    /**
     * @return the next changelog offset the standbys will read of each partition they follow
     *     (for a test driver waiting until they caught up); empty when none are followed
     */
    public Map<TP, Long> standbyPositions() {
        ChangelogFollower f = follower.get();
        return f == null ? Map.of() : f.positions();
    }

    /** A recovery finished: its partitions go, unless a newer assignment replaced it meanwhile. */
    private void release(Recovery r, Set<TP> held) {
        if (recovery.compareAndSet(r, null)) {
            released.set(Set.copyOf(held));
            ConsumerLoop loop = rt.consumerLoop();
            if (loop != null) {
                loop.wakeup();
            }
        }
    }

    @Override
    public void onRevoked(Set<TP> revoked) {
        Recovery r = recovery.get();
        if (r != null) {
            r.cancel();         // a rebalance during recovery: the next assignment recovers anew
        }
        released.set(Set.of());
    }

    @Override
    public Set<TP> takeReleased() {
        Set<TP> r = released.get();
        if (r.isEmpty()) {
            return r;
        }
        return released.getAndSet(Set.of());
    }

    @Override
    public boolean ready() {
        return recovery.get() == null;
    }

    // ---- exactly-once ----------------------------------------------------------------------------

    @Override
    public void beforeCommit() {
        if (!windowed.isEmpty()) {
            long now = System.currentTimeMillis();
            closing.incrementAndGet();
            try {
                // closes write to this commit, and what their listeners send is its output
                rt.runAsCommitOutput(() -> windowed.forEach(w -> w.closer().closeDue(now)));
            } finally {
                closing.decrementAndGet();
            }
        }
        boolean atLeastOnce = !rt.exactlyOnce();
        for (StoredTable<?> t : tables) {
            if (atLeastOnce) {
                t.holder().commit(Long.MAX_VALUE);     // the writes cached since the last commit reach the store
            }
            t.writer().flush();
        }
    }

    @Override
    public void sealed() {
        sealed = epoch;
        epoch = sealed + 1;       // streams are at an event boundary: later writes belong to the next transaction
        windowed.forEach(w -> w.closer().sealed());
    }

    @Override
    public void committed() {
        long s = sealed;
        for (StoredTable<?> t : tables) {
            t.holder().commit(s);
        }
        windowed.forEach(w -> w.closer().committed());
    }

    @Override
    public void rolledBack() {
        for (StoredTable<?> t : tables) {
            t.holder().rollBack();
            t.writer().rollBack();
        }
        windowed.forEach(w -> w.closer().rolledBack());
    }

    /** Stops recovery and closes every table's store. */
    public void stop() {
        Recovery r = recovery.getAndSet(null);
        if (r != null) {
            r.cancel();
            r.join();
        }
        ChangelogFollower f = follower.getAndSet(null);
        if (f != null) {
            f.stop();
        }
        for (StoredTable<?> t : tables) {
            t.holder().store().close();
        }
    }
}
