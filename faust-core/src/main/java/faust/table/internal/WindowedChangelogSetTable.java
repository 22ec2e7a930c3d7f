package faust.table.internal;

import faust.stream.Headers;
import faust.table.SetWindowSet;
import faust.table.WindowedSetTable;
import faust.window.Window;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A windowed {@link ChangelogSetTable}: each window of a key is a set, stored under Faust's
 * {@code [key, [start, end]]} and changelogged as Faust's set operations on it
 * ({@code [operation, [key, [start, end]]]}); an expired window is an update removing every
 * element.
 *
 * @param <K> key type
 * @param <E> element type
 */
public final class WindowedChangelogSetTable<K, E> extends AbstractWindowedTable<K, Set<E>, WindowedSetTable<K, E>>
        implements WindowedSetTable<K, E> {
    private final ChangelogSetTable<K, E> table;

    WindowedChangelogSetTable(ChangelogSetTable<K, E> table, Window window, @Nullable ChangelogTable<K, Integer> keyIndex) {
        super(table, window, keyIndex);
        this.table = table;
    }

    @Override
    public SetWindowSet<K, E> get(K key) {
        return new SetWindowSetImpl<>(this, Objects.requireNonNull(key, "key"));
    }

    @Override
    Set<E> read(byte[] storeKey) {
        return table.elements(table.read(storeKey));
    }

    @Override
    Set<E> decode(byte[] stored) {
        return table.elements(stored);
    }

    @Override
    @Nullable Set<E> write(int partition, K key, byte[] storeKey, UnaryOperator<@Nullable Set<E>> fn, Headers headers,
                           boolean commits, boolean held) {
        return change(partition, key, storeKey, s -> {
            Set<E> next = fn.apply(Set.copyOf(s));
            s.clear();
            if (next != null) {
                s.addAll(next);
            }
        }, ChangelogSetTable.UPDATE, headers, commits);
    }

    /** Applies a set operation to a window, as {@link ChangelogSetTable#changeAt}. */
    private Set<E> change(int partition, K key, byte[] storeKey, Consumer<Set<E>> op, int single, Headers headers,
                          boolean commits) {
        Set<E> after = table.changeAt(partition, key, storeKey, op, single, headers, commits);
        return after != null ? after : read(storeKey);
    }

    /**
     * @param key the key
     * @param element added (or discarded) in every window holding the timestamp that has not closed
     * @param add whether to add
     */
    void addOrDiscard(K key, E element, boolean add) {
        int single = add ? ChangelogSetTable.ADD : ChangelogSetTable.DISCARD;
        forEachWindow(key, (partition, storeKey, headers, commits, held) -> change(partition, key, storeKey,
                s -> {
                    if (add) {
                        s.add(element);
                    } else {
                        s.remove(element);
                    }
                }, single, headers, commits));
    }

    @Override
    void expire(int partition, byte[] storeKey, byte[] stored, Headers headers) {
        table.changeAt(partition, keyOf(storeKey), storeKey, Set::clear, ChangelogSetTable.UPDATE, headers, true);
    }

    @Override
    void mark(int partition, byte[] storeKey, byte[] stored, Headers headers) {
        table.changeAt(partition, keyOf(storeKey), storeKey, s -> { }, ChangelogSetTable.MARK, headers, true);
    }

    private K keyOf(byte[] storeKey) {
        return table.key(WindowedKeys.decode(storeKey, window).key());
    }
}
