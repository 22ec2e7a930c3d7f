package faust.sensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Operation counts for one table, like Faust's {@code faust.sensors.monitor.TableState}.
 *
 * <p>Thread-safe: the counts are live and updated by {@link Monitor} without locks.
 *
 * @see Monitor#tables()
 */
public final class TableState {
    private final String table;
    final LongAdder keysRetrieved = new LongAdder();
    final LongAdder keysUpdated = new LongAdder();
    final LongAdder keysDeleted = new LongAdder();

    TableState(String table) {
        this.table = table;
    }

    /** @return the table's name */
    public String table() {
        return table;
    }

    /** @return how many keys were read ({@code keys_retrieved}) */
    public long keysRetrieved() {
        return keysRetrieved.sum();
    }

    /** @return how many keys were written ({@code keys_updated}) */
    public long keysUpdated() {
        return keysUpdated.sum();
    }

    /** @return how many keys were deleted ({@code keys_deleted}) */
    public long keysDeleted() {
        return keysDeleted.sum();
    }

    /** @return {@code keys_retrieved}, {@code keys_updated} and {@code keys_deleted}, as in Faust's {@code asdict()} */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keys_retrieved", keysRetrieved());
        m.put("keys_updated", keysUpdated());
        m.put("keys_deleted", keysDeleted());
        return m;
    }

    @Override
    public String toString() {
        return "TableState{" + table + ", " + asMap() + "}";
    }
}
