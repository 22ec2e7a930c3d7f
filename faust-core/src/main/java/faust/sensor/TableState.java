package faust.sensor;

import java.util.LinkedHashMap;
import java.util.List;
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
    final LongAdder standbyRecords = new LongAdder();
    final LongAdder lateWrites = new LongAdder();
    final LongAdder windowsClosed = new LongAdder();

    private volatile List<Integer> activePartitions = List.of();
    private volatile List<Integer> standbyPartitions = List.of();
    /** The last recovery's figures: records read, records to read, milliseconds, whether it finished. */
    private volatile Recovery recovery = new Recovery(0, 0, 0, false);

    /**
     * A table's last recovery on this worker, as of now.
     *
     * @param recordsRead changelog records read so far
     * @param recordsTotal changelog records it had to read when it began
     * @param millis how long it has taken
     * @param finished whether it is over (the source partitions resumed)
     */
    public record Recovery(long recordsRead, long recordsTotal, long millis, boolean finished) {
        /** @return changelog records read per second, 0 before the first */
        public double rate() {
            return millis == 0 ? 0 : recordsRead * 1000.0 / millis;
        }
    }

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

    /** @return the partitions this worker holds (recovered and written by its agents), ascending */
    public List<Integer> activePartitions() {
        return activePartitions;
    }

    /** @return the partitions this worker follows as a standby replica (or a global table's others), ascending */
    public List<Integer> standbyPartitions() {
        return standbyPartitions;
    }

    /** @return changelog records the standby partitions read since the worker started */
    public long standbyRecords() {
        return standbyRecords.sum();
    }

    /**
     * @return writes to a windowed table's windows that had already closed, dropped (an event later
     *     than the grace), since the worker started
     */
    public long lateWrites() {
        return lateWrites.sum();
    }

    /** @return a windowed table's closes on this worker (one per key and window) since it started */
    public long windowsClosed() {
        return windowsClosed.sum();
    }

    /** @return the last recovery's figures (all zero before the first assignment) */
    public Recovery recovery() {
        return recovery;
    }

    void assigned(List<Integer> active, List<Integer> standby) {
        activePartitions = active;
        standbyPartitions = standby;
    }

    void recovery(Recovery r) {
        recovery = r;
    }

    /**
     * @return {@code keys_retrieved}, {@code keys_updated} and {@code keys_deleted}, as in Faust's
     *     {@code asdict()}, then {@code active_partitions}, {@code standby_partitions}, {@code standby_records},
     *     {@code late_writes}, {@code windows_closed} and
     *     {@code recovery}
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keys_retrieved", keysRetrieved());
        m.put("keys_updated", keysUpdated());
        m.put("keys_deleted", keysDeleted());
        m.put("active_partitions", activePartitions);
        m.put("standby_partitions", standbyPartitions);
        m.put("standby_records", standbyRecords());
        m.put("late_writes", lateWrites());
        m.put("windows_closed", windowsClosed());
        Recovery r = recovery;
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("records_read", r.recordsRead());
        rec.put("records_total", r.recordsTotal());
        rec.put("millis", r.millis());
        rec.put("finished", r.finished());
        m.put("recovery", rec);
        return m;
    }

    @Override
    public String toString() {
        return "TableState{" + table + ", " + asMap() + "}";
    }
}
