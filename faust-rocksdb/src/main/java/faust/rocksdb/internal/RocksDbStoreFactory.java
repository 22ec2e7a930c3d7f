package faust.rocksdb.internal;

import faust.errors.ImproperlyConfiguredException;
import faust.store.StateStore;
import faust.store.StoreContext;
import faust.store.StoreFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code rocksdb://} store. Options go in the URL's query:
 * {@code rocksdb://?block_cache_mb=64&write_buffer_mb=64} (the defaults) size the block cache and
 * the write-buffer budget that every RocksDB of the worker shares; any other parameter is a
 * RocksDB option by its RocksDB name (as in an OPTIONS file), for example
 * {@code rocksdb://?max_background_jobs=4&compression=kLZ4Compression}, applied to every
 * partition DB of the table. An option RocksDB does not know fails the declaration, naming it.
 */
public final class RocksDbStoreFactory implements StoreFactory {
    static final long DEFAULT_BLOCK_CACHE_MB = 64;
    static final long DEFAULT_WRITE_BUFFER_MB = 64;
    private static final Set<String> OPTIONS = Set.of("block_cache_mb", "write_buffer_mb");

    @Override
    public Set<String> schemes() {
        return Set.of("rocksdb");
    }

    @Override
    public StateStore open(StoreContext context) {
        Map<String, String> q = query(context);
        long cache = megabytes(context, q, "block_cache_mb", DEFAULT_BLOCK_CACHE_MB);
        long buffers = megabytes(context, q, "write_buffer_mb", DEFAULT_WRITE_BUFFER_MB);
        Map<String, String> rocks = new LinkedHashMap<>(q);
        rocks.keySet().removeAll(OPTIONS);
        RocksOptions options = RocksOptions.parse(context.table(), String.valueOf(context.url()), rocks);
        Path dir = context.tableDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new ImproperlyConfiguredException("table '" + context.table() + "': cannot create the table directory " + dir
                    .toAbsolutePath() + " (" + e + "); set the datadir or tabledir setting to a writable directory", e);
        }
        if (!Files.isWritable(dir)) {
            throw new ImproperlyConfiguredException("table '" + context.table() + "': the table directory " + dir
                    .toAbsolutePath() + " is not writable; set the datadir or tabledir setting to a writable directory");
        }
        return new RocksDbStore(dir, context.table(), RocksResources.get(cache << 20, buffers << 20), options);
    }

    private static Map<String, String> query(StoreContext context) {
        Map<String, String> out = new HashMap<>();
        String raw = context.url().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            if (eq < 0) {
                throw new ImproperlyConfiguredException("table '" + context.table() + "': store " + context.url()
                        + " has option '" + name + "' without a value; write it as " + name + "=<value>");
            }
            out.put(name, URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static long megabytes(StoreContext context, Map<String, String> q, String name, long dflt) {
        String v = q.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ImproperlyConfiguredException("table '" + context.table() + "': store " + context.url() + " option "
                + name + "=" + v + " is not a whole number of MiB, at least 1");
    }
}
