package faust.table.internal;

import faust.stream.Headers;
import faust.table.WindowSet;
import faust.table.WindowedTable;
import faust.transport.TrackedMessage;
import faust.window.Window;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A windowed {@link ChangelogTable}: each window of a key is a plain value stored and changelogged
 * under Faust's {@code [key, [start, end]]}; an expired window is a tombstone.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class WindowedChangelogTable<K, V> extends AbstractWindowedTable<K, V, WindowedTable<K, V>> {
    private final ChangelogTable<K, V> table;

    WindowedChangelogTable(ChangelogTable<K, V> table, Window window, @Nullable ChangelogTable<K, Integer> keyIndex) {
        super(table, window, keyIndex);
        this.table = table;
    }

    @Override
    public WindowSet<K, V> get(K key) {
        return new WindowSetImpl<>(this, Objects.requireNonNull(key, "key"));
    }

    @Override
    @Nullable V read(byte[] storeKey) {
        return table.orDefault(table.stored(storeKey));
    }

    @Override
    V decode(byte[] stored) {
        return table.value(stored);
    }

    @Override
    @Nullable V write(int partition, K key, byte[] storeKey, UnaryOperator<@Nullable V> fn, Headers headers,
                      boolean commits, boolean held) {
        V next = fn.apply(held ? read(storeKey) : table.orDefault(null));
        byte[] b = next == null ? null : table.valueBytes(next);
        table.write(partition, storeKey, b, storeKey, b, headers, commits);
        table.changed(key, next);
        return next;
    }

    @Override
    void expire(int partition, byte[] storeKey, byte[] stored, Headers headers) {
        table.write(partition, storeKey, null, storeKey, null, headers, true);
    }

    @Override
    void mark(int partition, byte[] storeKey, byte[] stored, Headers headers) {
        table.write(partition, storeKey, stored, storeKey, stored, headers, true);
    }

    /** Recovery and standbys: a changelog record of a window, whose key is {@code [key, [start, end]]}. */
    void recover(TrackedMessage m, ChangelogBatch batch) {
        byte[] k = m.key();
        if (k == null) {
            throw new IllegalArgumentException("a changelog record without a key");
        }
        WindowedKeys.Decoded d = WindowedKeys.decode(k, window);
        byte[] sk = WindowedKeys.encode(table.canonicalKey(d.key()), d.range(), window);
        byte[] v = m.value();
        if (v != null) {
            table.value(v);
        }
        batch.put(sk, v);
        recovered(m, d.range(), sk, v == null);
    }
}
