package faust.rocksdb.internal;

import faust.errors.ImproperlyConfiguredException;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * RocksDB options a {@code rocksdb://} URL passes by RocksDB's own names ({@code max_background_jobs},
 * {@code compression}, ...), each checked once to be a DB or a column-family option RocksDB knows.
 * The block cache, the write-buffer manager and the table format stay faust-java's (shared by
 * every partition DB of the worker); the rest is the user's.
 */
final class RocksOptions {
    static final RocksOptions NONE = new RocksOptions(new Properties(), new Properties());

    private final Properties db;
    private final Properties columnFamily;

    private RocksOptions(Properties db, Properties columnFamily) {
        this.db = db;
        this.columnFamily = columnFamily;
    }

    /**
     * @param table the table, for errors
     * @param url the store URL, for errors
     * @param options RocksDB option names and values
     * @return the options, sorted into DB and column-family ones
     * @throws ImproperlyConfiguredException naming an option RocksDB does not take, or takes not with that value
     */
    static RocksOptions parse(String table, String url, Map<String, String> options) {
        if (options.isEmpty()) {
            return NONE;
        }
        RocksDB.loadLibrary();
        Properties db = new Properties();
        Properties cf = new Properties();
        for (Map.Entry<String, String> e : options.entrySet()) {
            Properties one = new Properties();
            one.setProperty(e.getKey(), e.getValue());
            if (valid(DBOptions.getDBOptionsFromProps(one))) {
                db.setProperty(e.getKey(), e.getValue());
            } else if (valid(ColumnFamilyOptions.getColumnFamilyOptionsFromProps(one))) {
                cf.setProperty(e.getKey(), e.getValue());
            } else {
                throw new ImproperlyConfiguredException("table '" + table + "': store " + url + " has option " + e.getKey()
                        + "=" + e.getValue() + ", which RocksDB does not take: use a RocksDB DB or column-family option "
                        + "name as in an OPTIONS file (e.g. max_background_jobs=4, compression=kLZ4Compression), or "
                        + "block_cache_mb / write_buffer_mb");
            }
        }
        return new RocksOptions(db, cf);
    }

    private static boolean valid(@Nullable AutoCloseable options) {
        if (options == null) {
            return false;
        }
        try {
            options.close();
        } catch (Exception ignored) {
            // closing native options does not fail
        }
        return true;
    }

    /** @return new options with the user's settings; the caller closes them */
    Options create() {
        if (db.isEmpty() && columnFamily.isEmpty()) {
            return new Options();
        }
        DBOptions d = db.isEmpty() ? new DBOptions() : DBOptions.getDBOptionsFromProps(db);
        ColumnFamilyOptions c = columnFamily.isEmpty() ? new ColumnFamilyOptions()
                : ColumnFamilyOptions.getColumnFamilyOptionsFromProps(columnFamily);
        try {
            return new Options(d, c);
        } finally {
            d.close();
            c.close();
        }
    }
}
