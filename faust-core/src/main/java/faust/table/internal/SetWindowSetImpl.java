package faust.table.internal;

import faust.table.SetWindowSet;
import java.util.Objects;
import java.util.Set;

/**
 * One key of a {@link WindowedChangelogSetTable}: the reads of any window set, and add and discard
 * applied to every window holding the timestamp.
 *
 * @param <K> key type
 * @param <E> element type
 */
final class SetWindowSetImpl<K, E> extends WindowSetImpl<K, Set<E>> implements SetWindowSet<K, E> {
    private final WindowedChangelogSetTable<K, E> table;

    SetWindowSetImpl(WindowedChangelogSetTable<K, E> table, K key) {
        super(table, key);
        this.table = table;
    }

    @Override
    public void add(E element) {
        table.addOrDiscard(key(), Objects.requireNonNull(element, "element"), true);
    }

    @Override
    public void discard(E element) {
        table.addOrDiscard(key(), Objects.requireNonNull(element, "element"), false);
    }
}
