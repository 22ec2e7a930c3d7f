package faust.table.internal;

import com.fasterxml.jackson.databind.JsonNode;
import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.stream.Event;
import faust.stream.Headers;
import faust.stream.Message;
import faust.stream.Stream;
import faust.stream.internal.CurrentEvent;
import faust.table.SetTable;
import faust.table.TableSpec;
import faust.table.WindowedSetTable;
import faust.topic.Topic;
import faust.transport.TrackedMessage;
import faust.window.Window;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SetTable}: the store holds each key's set as a JSON array of its elements; the changelog
 * holds Faust's set operations ({@code [operation, key]} keys), which recovery replays onto the
 * stored sets.
 *
 * @param <K> key type
 * @param <E> element type
 */
public final class ChangelogSetTable<K, E> extends StoredTable<K> implements SetTable<K, E> {
    private static final Logger log = LoggerFactory.getLogger(ChangelogSetTable.class);
    /** Faust's {@code OPERATION_ADD}, {@code OPERATION_DISCARD} and {@code OPERATION_UPDATE}. */
    static final int ADD = 0x1;
    static final int DISCARD = 0x2;
    static final int UPDATE = 0xF;
    /** Not an operation: {@link #changeAt} writes an empty update even when nothing changed (a closed window's mark). */
    static final int MARK = -1;

    private final Class<E> elementType;
    private final @Nullable SetManager<K, E> manager;
    private final TableManager tables;
    /** Set once, when the table is made windowed. */
    private volatile @Nullable WindowedChangelogSetTable<K, E> windowed;

    ChangelogSetTable(TableContext c, Class<K> keyType, Class<E> elementType, @Nullable Topic<K, byte[]> managerTopic) {
        super(c, keyType);
        this.elementType = elementType;
        this.manager = managerTopic == null ? null : new SetManager<>(managerTopic, this::elementBytes);
        this.tables = c.manager();
    }

    @Override
    public WindowedSetTable<K, E> usingWindow(Window window, boolean keyIndex) {
        Objects.requireNonNull(window, "window");
        if (manager != null) {
            throw new ImproperlyConfiguredException("set table '" + name() + "' has a manager (startManager), which "
                    + "applies operations to whole sets, not to windows; declare the windowed set table without it");
        }
        WindowedChangelogSetTable<K, E> w = tables.windowedSet(this, window, keyIndex, windowed != null);
        windowed = w;
        return w;
    }

    /** The plain set methods: refused once the table is windowed, whose keys carry windows. */
    private void plain() {
        if (windowed != null) {
            throw new FaustException("set table '" + name() + "' is windowed: read and write it through the "
                    + "WindowedSetTable that tumbling(...), hopping(...) or usingWindow(...) returned, as its keys carry "
                    + "windows");
        }
    }

    @Override
    boolean replaysWhole(int partition) {
        WindowedChangelogSetTable<K, E> w = windowed;
        return w != null && w.closer().replaysWhole(partition);
    }

    @Override
    void closed(int partition) {
        WindowedChangelogSetTable<K, E> w = windowed;
        if (w != null) {
            w.closer().closed(partition);
        }
    }

    /**
     * @param name the table's name
     * @param spec its options
     * @throws ImproperlyConfiguredException when a serializer is not json, which the operations need
     */
    static void checkSpec(String name, TableSpec spec) {
        if (!"json".equals(spec.keySerializer()) || !"json".equals(spec.valueSerializer())) {
            throw new ImproperlyConfiguredException("set table '" + name + "' has key serializer '" + spec.keySerializer()
                    + "' and value serializer '" + spec.valueSerializer() + "', but a set table's changelog is JSON "
                    + "([operation, key] keys, elements and [[added], [removed]] values, as in Faust): leave both "
                    + "serializers at json");
        }
    }

    // ---- encoding -----------------------------------------------------------------------------

    private byte[] elementBytes(E e) {
        return rt.codecs().dumpsValue(e, "json");
    }

    E element(byte[] b) {
        return rt.codecs().loadsValue(elementType, b, "json");
    }

    Set<E> elements(byte @Nullable [] json) {
        Set<E> out = new LinkedHashSet<>();
        if (json != null) {
            for (byte[] e : JsonArrays.split(json)) {
                out.add(element(e));
            }
        }
        return out;
    }

    byte @Nullable [] stored(Set<E> set) {
        return set.isEmpty() ? null : encode(set);
    }

    private byte[] encode(Collection<? extends E> set) {
        List<byte[]> parts = new ArrayList<>(set.size());
        for (E e : set) {
            parts.add(elementBytes(e));
        }
        return JsonArrays.join(parts);
    }

    private static byte[] operationKey(int op, byte[] key) {
        return JsonArrays.join(List.of(Integer.toString(op).getBytes(StandardCharsets.US_ASCII), key));
    }

    @Override
    void recover(TrackedMessage m, ChangelogBatch batch) {
        byte[] raw = m.key();
        if (raw == null) {
            throw new IllegalArgumentException("a set table changelog record without a key");
        }
        JsonNode k = JsonArrays.tree(raw);
        if (!k.isArray() || k.size() != 2 || !k.get(0).canConvertToInt()) {
            throw new IllegalArgumentException("a set table changelog key is [operation, key], got "
                    + JsonArrays.abbreviate(k.toString()));
        }
        int op = k.get(0).asInt();
        WindowedChangelogSetTable<K, E> w = windowed;
        WindowedKeys.Decoded window = null;
        byte[] key;
        if (w == null) {
            key = canonicalKey(JsonArrays.bytes(k.get(1)));
        } else {
            window = WindowedKeys.decode(JsonArrays.bytes(k.get(1)), w.window());
            key = WindowedKeys.encode(canonicalKey(window.key()), window.range(), w.window());
        }
        byte[] value = m.value();
        if (value == null) {
            throw new IllegalArgumentException("set table changelog record with operation " + op + " has no value");
        }
        Set<E> set = elements(batch.current(key));
        switch (op) {
            case ADD -> set.add(element(value));
            case DISCARD -> set.remove(element(value));
            case UPDATE -> {
                List<byte[]> change = JsonArrays.split(value);
                if (change.size() != 2) {
                    throw new IllegalArgumentException("a set table update's value is [[added...], [removed...]], got "
                            + change.size() + " parts");
                }
                set.addAll(elements(change.get(0)));
                set.removeAll(elements(change.get(1)));
            }
            default -> throw new IllegalArgumentException("unknown set operation " + op + " (known: 1 add, 2 discard, "
                    + "15 update)");
        }
        batch.put(key, stored(set));
        if (w != null && window != null) {
            w.recovered(m, window.range(), key, set.isEmpty());
        }
    }

    @Override
    boolean coalesces() {
        return false;       // each record is an operation on the set: all of them must reach the changelog
    }

    @Override
    String encoding() {
        return windowed != null ? "windowed set operations: json [operation, [key, [start, end]]] key, json element value"
                : "set operations: json [operation, key] key, json element value";
    }

    // ---- reads --------------------------------------------------------------------------------

    @Override
    public Set<E> get(K key) {
        plain();
        Set<E> s = elements(read(keyBytes(key)));
        rt.sensors().onTableGet(name(), key);
        return s;
    }

    @Override
    public boolean contains(K key, E element) {
        return get(key).contains(element);
    }

    @Override
    public boolean containsKey(K key) {
        plain();
        return read(keyBytes(key)) != null;
    }

    @Override
    public Set<K> keySet() {
        plain();
        Set<K> out = new LinkedHashSet<>();
        for (int p : holder().readable()) {
            holder().forEach(p, (k, v) -> out.add(key(k)));
        }
        return out;
    }

    @Override
    public String asAnsiTable() {
        WindowedChangelogSetTable<K, E> w = windowed;
        if (w != null) {
            return w.asAnsiTable();
        }
        List<String[]> rows = new ArrayList<>();
        for (int p : holder().readable()) {
            holder().forEach(p, (k, v) -> rows.add(new String[] {String.valueOf(key(k)), String.valueOf(elements(v))}));
        }
        rows.sort(Comparator.comparing((String[] r) -> r[0]));
        return TextTable.render(help().isEmpty() ? name() : name() + ": " + help(), new String[] {"Key", "Members"}, rows);
    }

    // ---- changes ------------------------------------------------------------------------------

    /**
     * Changes a key's set and writes the change: Faust's single-element add and discard
     * operations, or an update carrying what was added and what was removed.
     *
     * @return whether the set changed (when it did not, nothing is written)
     */
    private boolean change(K key, Consumer<Set<E>> op, int single) {
        plain();
        byte[] kb = keyBytes(key);
        return changeAt(writePartition(kb), key, kb, op, single, Headers.empty(), CurrentEvent.get() != null) != null;
    }

    /**
     * Changes the set stored under a key (a plain key, or a window of one) and writes the change.
     *
     * @param partition the partition
     * @param key the key, for the sensors
     * @param storeKey the set's key as stored, which the changelog's {@code [operation, key]} carries
     * @param op the change
     * @param single {@link #ADD} or {@link #DISCARD} to write a single-element operation when it is one, else {@link #UPDATE}
     * @param headers the changelog record's headers
     * @param commits whether the write belongs to the next commit (an agent's event, or the runtime as a commit begins)
     * @return the set after the change, or null when it did not change (then nothing is written)
     */
    @Nullable Set<E> changeAt(int partition, K key, byte[] storeKey, Consumer<Set<E>> op, int single, Headers headers,
                              boolean commits) {
        Set<E> before = elements(read(storeKey));
        Set<E> after = new LinkedHashSet<>(before);
        op.accept(after);
        Set<E> added = new LinkedHashSet<>(after);
        added.removeAll(before);
        Set<E> removed = new LinkedHashSet<>(before);
        removed.removeAll(after);
        if (added.isEmpty() && removed.isEmpty() && single != MARK) {
            return null;
        }
        byte[] clKey;
        byte[] clValue;
        if (single == ADD && removed.isEmpty() && added.size() == 1) {
            clKey = operationKey(ADD, storeKey);
            clValue = elementBytes(added.iterator().next());
        } else if (single == DISCARD && added.isEmpty() && removed.size() == 1) {
            clKey = operationKey(DISCARD, storeKey);
            clValue = elementBytes(removed.iterator().next());
        } else {
            clKey = operationKey(UPDATE, storeKey);
            clValue = JsonArrays.join(List.of(encode(added), encode(removed)));
        }
        write(partition, storeKey, stored(after), clKey, clValue, headers, commits);
        if (after.isEmpty()) {
            rt.sensors().onTableDel(name(), key);
        } else {
            rt.sensors().onTableSet(name(), key, after);
        }
        return after;
    }

    @Override
    public boolean add(K key, E element) {
        return change(key, s -> s.add(element), ADD);
    }

    @Override
    public boolean discard(K key, E element) {
        return change(key, s -> s.remove(element), DISCARD);
    }

    @Override
    public boolean addAll(K key, Collection<? extends E> elements) {
        return change(key, s -> s.addAll(elements), UPDATE);
    }

    @Override
    public boolean removeAll(K key, Collection<? extends E> elements) {
        return change(key, s -> s.removeAll(elements), UPDATE);
    }

    @Override
    public boolean retainAll(K key, Collection<? extends E> elements) {
        return change(key, s -> s.retainAll(elements), UPDATE);
    }

    @Override
    public boolean symmetricDifference(K key, Collection<? extends E> elements) {
        return change(key, s -> {
            for (E e : elements) {
                if (!s.remove(e)) {
                    s.add(e);
                }
            }
        }, UPDATE);
    }

    @Override
    public void clear(K key) {
        change(key, Set::clear, UPDATE);
    }

    // ---- the manager ----------------------------------------------------------------------------

    @Override
    public SetTable.Manager<K, E> manager() {
        if (manager == null) {
            throw new ImproperlyConfiguredException("set table '" + name() + "' has no manager: declare it with "
                    + "startManager(true) (Faust's start_manager=True) to route set operations through its manager topic");
        }
        return manager;
    }

    /** @return the manager topic, or null when the table has no manager */
    public @Nullable Topic<K, byte[]> managerTopic() {
        return manager == null ? null : manager.channel();
    }

    /**
     * The manager agent (Faust's {@code faust.SetTable.manager}): applies each operation from the
     * manager topic to this table, on the worker that holds the key.
     *
     * @param stream the manager topic's stream
     */
    public void runManager(Stream<K, byte[]> stream) {
        for (Event<K, byte[]> event : stream.events()) {
            K key = event.key();
            SetManager.Operation op;
            List<E> members = new ArrayList<>();
            try {
                if (key == null) {
                    throw new IllegalArgumentException("a set operation needs the set's key");
                }
                op = SetManager.parse(event.value());
                for (byte[] m : op.members()) {
                    members.add(element(m));
                }
            } catch (RuntimeException e) {
                Message m = event.message();
                log.error("[{}] set table '{}' manager: skipping the operation at {}[{}]@{}: {}", rt.settings().id(), name(),
                        m.topic(), m.partition(), m.offset(), e.getMessage());
                continue;
            }
            switch (op.action()) {
                case "ADD" -> addAll(key, members);
                case "DISCARD" -> removeAll(key, members);
                case "CLEAR" -> clear(key);
                case "INTERSECTION" -> retainAll(key, members);
                case "SYMDIFF" -> symmetricDifference(key, members);
                default -> {
                    Message m = event.message();
                    log.error("[{}] set table '{}' manager: skipping the operation at {}[{}]@{}: unknown action '{}' (known: "
                            + "ADD, DISCARD, CLEAR, INTERSECTION, SYMDIFF)", rt.settings().id(), name(), m.topic(),
                            m.partition(), m.offset(), op.action());
                }
            }
        }
    }

    @Override
    public String toString() {
        return (isGlobal() ? "SetGlobalTable(" : "SetTable(") + name() + ", " + partitions() + " partitions, changelog "
                + changelogTopic() + ")";
    }
}
