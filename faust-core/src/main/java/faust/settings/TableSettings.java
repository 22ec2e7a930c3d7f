package faust.settings;

import static faust.settings.Parsers.intAtLeast;

import java.time.Duration;
import java.util.List;

/** Table settings. */
public final class TableSettings {
    private static final Definer D = new Definer(Section.TABLE);

    /** {@code table_cleanup_interval}: how often expired windows are removed. */
    public static final Setting<Duration> TABLE_CLEANUP_INTERVAL = D.define("table_cleanup_interval",
            Parsers.duration(true), "30.0", "TABLE_CLEANUP_INTERVAL", "How often expired windows are removed.");
    /** {@code table_standby_replicas}: the standby replicas per table partition. */
    public static final Setting<Integer> TABLE_STANDBY_REPLICAS = D.define("table_standby_replicas", intAtLeast(0), "1",
            "TABLE_STANDBY_REPLICAS", "Standby replicas kept of each table partition.");
    /** {@code table_key_index_size}: the size of the key-to-partition cache. */
    public static final Setting<Integer> TABLE_KEY_INDEX_SIZE = D.define("table_key_index_size", intAtLeast(1), "1000",
            "TABLE_KEY_INDEX_SIZE", "Size of the key-to-partition cache used by table lookups.");

    private TableSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
