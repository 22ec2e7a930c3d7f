package faust.table;

import faust.topic.RecordMetadata;
import faust.window.HoppingWindow;
import faust.window.TumblingWindow;
import faust.window.Window;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A table whose values are sets (Faust's {@code SetTable}), made by
 * {@link faust.App#setTable(String, Class, Class) App.setTable}.
 *
 * <pre>{@code
 * SetTable<String, String> members = app.setTable("members", String.class, String.class);
 * app.agent("join", joins, stream -> {
 *     for (Join j : stream) {
 *         members.add(j.room(), j.user());         // Faust: members[room].add(user)
 *     }
 * });
 * }</pre>
 *
 * <p>Partitioned and written as a {@link Table} is: a change goes to the partition of the current
 * event. The changelog carries operations, exactly as Faust writes them, and is not compacted: the
 * key is the JSON array {@code [operation, key]} and the value the element, with operation
 * {@code 1} for add, {@code 2} for discard, and {@code 15} for an update whose value is
 * {@code [[added...], [removed...]]} ({@link #clear} is an update removing every element). Recovery
 * replays the operations. Keys and elements are encoded as JSON, so a set table's serializers must
 * be {@code json}.
 *
 * <p>A change that changes nothing (adding an element already there) writes nothing. Sets read
 * from the table are copies.
 *
 * @param <K> key type
 * @param <E> element type
 */
public interface SetTable<K, E> extends StateTable {
    /**
     * @param key a key
     * @return a copy of its set, empty when the key is missing
     */
    Set<E> get(K key);

    /**
     * @param key a key
     * @param element an element
     * @return whether the key's set holds it
     */
    boolean contains(K key, E element);

    /**
     * Adds an element to a key's set (Faust's {@code table[key].add(element)}).
     *
     * @param key a key
     * @param element the element
     * @return true when the set changed
     */
    boolean add(K key, E element);

    /**
     * Removes an element from a key's set (Faust's {@code table[key].discard(element)}).
     *
     * @param key a key
     * @param element the element
     * @return true when the set changed
     */
    boolean discard(K key, E element);

    /**
     * Adds elements (Faust's {@code update}); one changelog record for all of them.
     *
     * @param key a key
     * @param elements the elements
     * @return true when the set changed
     */
    boolean addAll(K key, Collection<? extends E> elements);

    /**
     * Removes elements (Faust's {@code difference_update}); one changelog record for all of them.
     *
     * @param key a key
     * @param elements the elements
     * @return true when the set changed
     */
    boolean removeAll(K key, Collection<? extends E> elements);

    /**
     * Keeps only the given elements (Faust's {@code intersection_update}).
     *
     * @param key a key
     * @param elements the elements to keep
     * @return true when the set changed
     */
    boolean retainAll(K key, Collection<? extends E> elements);

    /**
     * Keeps the elements in exactly one of the set and the given ones (Faust's
     * {@code symmetric_difference_update}).
     *
     * @param key a key
     * @param elements the elements
     * @return true when the set changed
     */
    boolean symmetricDifference(K key, Collection<? extends E> elements);

    /**
     * Empties a key's set and removes the key (Faust's {@code table[key].clear()}).
     *
     * @param key a key
     */
    void clear(K key);

    /**
     * @param key a key
     * @return whether its set has an element
     */
    boolean containsKey(K key);

    /** @return the keys held by this worker whose sets are not empty (a copy) */
    Set<K> keySet();

    /**
     * Changes routed to the worker that holds the key, through the table's manager topic (Faust's
     * {@code set_table.manager}); for code outside an agent, a web view say, that cannot write the
     * table itself. Needs {@link TableOptions#startManager(boolean) startManager(true)}.
     *
     * @return the manager
     * @throws faust.errors.ImproperlyConfiguredException when the table was declared without a manager
     */
    Manager<K, E> manager();

    /**
     * Sends set operations to the table's manager agent, which applies them on the worker that
     * holds the key. The topic is {@code {table}-setmanager}; the value is Faust's
     * {@code SetManagerOperation} record ({@code {"action": "ADD", "members": [...]}}), so Python
     * Faust and faust-java workers can route operations to each other.
     *
     * @param <K> key type
     * @param <E> element type
     */
    interface Manager<K, E> {
        /** @return the manager topic's name */
        String topic();

        /**
         * @param key a key
         * @param element the element to add
         * @return completes when the operation is on the topic
         */
        CompletableFuture<RecordMetadata> add(K key, E element);

        /**
         * @param key a key
         * @param element the element to remove
         * @return completes when the operation is on the topic
         */
        CompletableFuture<RecordMetadata> discard(K key, E element);

        /**
         * @param key a key
         * @return completes when the operation is on the topic
         */
        CompletableFuture<RecordMetadata> clear(K key);

        /**
         * @param key a key
         * @param elements the elements to remove
         * @return completes when the operation is on the topic
         */
        CompletableFuture<RecordMetadata> differenceUpdate(K key, Collection<? extends E> elements);

        /**
         * @param key a key
         * @param elements the elements to keep
         * @return completes when the operation is on the topic
         */
        CompletableFuture<RecordMetadata> intersectionUpdate(K key, Collection<? extends E> elements);

        /**
         * @param key a key
         * @param elements the elements
         * @return completes when the operation is on the topic
         */
        CompletableFuture<RecordMetadata> symmetricDifferenceUpdate(K key, Collection<? extends E> elements);
    }

    // ---- windows ----------------------------------------------------------------------------------

    /**
     * Makes this a windowed set table over tumbling windows (Faust's {@code SetTable(...).tumbling(size, expires)}).
     *
     * @param size each window's length
     * @param expires how long after its end a window is kept, or null for ever
     * @return the windowed set table
     */
    default WindowedSetTable<K, E> tumbling(Duration size, @Nullable Duration expires) {
        return usingWindow(new TumblingWindow(size, expires), false);
    }

    /**
     * Makes this a windowed set table over hopping windows (Faust's {@code hopping(size, step, expires)}).
     *
     * @param size each window's length
     * @param step how far apart windows start, at most {@code size}
     * @param expires how long after its end a window is kept, or null for ever
     * @return the windowed set table
     */
    default WindowedSetTable<K, E> hopping(Duration size, Duration step, @Nullable Duration expires) {
        return usingWindow(new HoppingWindow(size, step, expires), false);
    }

    /**
     * Makes this a windowed set table: its changelog carries Faust's windowed set operations
     * ({@code [operation, [key, [start, end]]]}), deleted after the windows' lifetime, and the plain
     * methods of this table refuse to run. Call it once, when declaring the table.
     *
     * @param window the windows
     * @param keyIndex whether to keep the companion {@code {table}-key_index} table
     * @return the windowed set table
     * @throws faust.errors.ImproperlyConfiguredException when the table is global, already windowed,
     *     has a manager, or the app has started
     */
    WindowedSetTable<K, E> usingWindow(Window window, boolean keyIndex);
}
