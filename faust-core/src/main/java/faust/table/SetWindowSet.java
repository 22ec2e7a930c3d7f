package faust.table;

import java.util.Set;

/**
 * One key of a {@link WindowedSetTable} across its windows (Faust's {@code SetWindowSet}): reads
 * as a {@link WindowSet} of sets, and adds or discards an element in every window holding the
 * table's timestamp of the current event. The changelog carries Faust's windowed set operations,
 * {@code [operation, [key, [start, end]]]}.
 *
 * @param <K> key type
 * @param <E> element type
 */
public interface SetWindowSet<K, E> extends WindowSet<K, Set<E>> {
    /**
     * @param element added to the set of every window holding the timestamp that has not closed
     */
    void add(E element);

    /**
     * @param element discarded from the set of every window holding the timestamp that has not closed
     */
    void discard(E element);
}
