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
import faust.table.Table;
import faust.table.TableSpec;
import faust.topic.TopicSpec;
import faust.topic.TP;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
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
    private final List<ChangelogTable<?, ?>> tables = new CopyOnWriteArrayList<>();
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
     * @param <K> key type
     * @param <V> value type
     * @return the table
     */
    public <K, V> Table<K, V> table(String name, Class<K> keyType, Class<V> valueType,
                                    @Nullable Supplier<? extends V> defaultValue, TableSpec spec) {
        if (name.isBlank()) {
            throw new ImproperlyConfiguredException("a table needs a name");
        }
        for (ChangelogTable<?, ?> t : tables) {
            if (t.name().equals(name)) {
                throw new ImproperlyConfiguredException("table '" + name + "' is declared twice; declare it once and share it");
            }
        }
        rt.codecs().get(spec.keySerializer());       // an unknown codec fails here, naming it
        rt.codecs().get(spec.valueSerializer());
        int partitions = spec.partitions() != null ? spec.partitions() : rt.settings().get(TopicSettings.TOPIC_PARTITIONS);
        String changelog = rt.settings().id() + "-" + name + "-changelog";
        // Faust's changelog: compacted, internal, the table's partitions; declared with the app's topics
        rt.topics().topic(List.of(changelog), null, byte[].class, byte[].class, TopicSpec.of(o -> {
            o.partitions(partitions).compacting(true).internal(true);
            spec.extraTopicConfigs().forEach(o::config);
        }), false);
        TablePartitions holder = new TablePartitions(openStore(name, spec), () -> consuming, this::partitionCount);
        ChangelogTable<K, V> t = new ChangelogTable<>(rt, holder, () -> epoch, name, changelog, partitions, keyType,
                valueType, defaultValue, spec);
        tables.add(t);
        return t;
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
    public List<Table<?, ?>> tables() {
        return List.copyOf(tables);
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
    }

    // ---- the gate -----------------------------------------------------------------------------

    @Override
    public Set<TP> onAssigned(Set<TP> assigned) {
        if (tables.isEmpty()) {
            return Set.of();
        }
        String leader = LeaderElection.topicName(rt.settings().id());
        Set<TP> held = new HashSet<>();
        Map<ChangelogTable<?, ?>, Set<Integer>> actives = new HashMap<>();
        for (ChangelogTable<?, ?> t : tables) {
            actives.put(t, new HashSet<>());
        }
        for (TP tp : assigned) {
            if (tp.topic().equals(leader)) {
                continue;
            }
            held.add(tp);
            OptionalInt n = partitionCount(tp.topic());
            for (ChangelogTable<?, ?> t : tables) {
                if (n.isPresent() && n.getAsInt() == t.partitions()) {
                    actives.computeIfAbsent(t, x -> new HashSet<>()).add(tp.partition());
                }
            }
        }
        released.set(Set.of());
        Recovery next = new Recovery(rt, actives, recovery.get(), r -> release(r, held));
        recovery.set(next);
        next.start();
        return held;
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
    public void sealed() {
        sealed = epoch;
        epoch = sealed + 1;       // streams are at an event boundary: later writes belong to the next transaction
    }

    @Override
    public void committed() {
        long s = sealed;
        for (ChangelogTable<?, ?> t : tables) {
            t.holder().commit(s);
        }
    }

    @Override
    public void rolledBack() {
        for (ChangelogTable<?, ?> t : tables) {
            t.holder().rollBack();
        }
    }

    /** Stops recovery and closes every table's store. */
    public void stop() {
        Recovery r = recovery.getAndSet(null);
        if (r != null) {
            r.cancel();
            r.join();
        }
        for (ChangelogTable<?, ?> t : tables) {
            t.holder().store().close();
        }
    }
}
