package faust.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a store is opened for.
 *
 * @param appId the app's id (with its version, as in topic names)
 * @param table the table's name
 * @param url the store URL (the table's own, or the {@code store} setting)
 * @param tableDir the directory a store that writes files keeps the table's partitions in:
 *     the {@code tabledir} setting, under {@code datadir/v{version}}; created by the store if needed
 */
public record StoreContext(String appId, String table, URI url, Path tableDir) {
    /** Checks the parts. */
    public StoreContext {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tableDir, "tableDir");
    }
}
