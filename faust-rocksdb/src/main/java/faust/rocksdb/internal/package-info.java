/**
 * The RocksDB store: {@link faust.rocksdb.internal.RocksDbStoreFactory} and the per-table store.
 *
 * <p><strong>Internal package.</strong> Not part of the supported API; excluded from the published
 * Javadoc; may change in any release without notice.
 */
@NullMarked
package faust.rocksdb.internal;

import org.jspecify.annotations.NullMarked;
