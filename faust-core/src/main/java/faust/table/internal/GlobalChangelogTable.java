package faust.table.internal;

import faust.table.GlobalTable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GlobalTable}: a {@link ChangelogTable} whose every partition this worker holds and keeps
 * following (see {@link GlobalFollower}).
 *
 * @param <K> key type
 * @param <V> value type
 */
final class GlobalChangelogTable<K, V> extends ChangelogTable<K, V> implements GlobalTable<K, V> {
    GlobalChangelogTable(TableContext c, Class<K> keyType, Class<V> valueType, @Nullable Supplier<? extends V> defaultValue) {
        super(c, keyType, valueType, defaultValue);
    }
}
