/**
 * The {@code rocksdb://} table store, found by faust-core through {@link java.util.ServiceLoader}.
 * It exports no API: a table chooses it with the {@code store} setting or
 * {@code TableOptions.store("rocksdb://")}.
 */
module faust.rocksdb {
    requires faust.core;
    requires rocksdbjni;
    requires org.slf4j;
    requires static transitive org.jspecify;

    provides faust.store.StoreFactory with faust.rocksdb.internal.RocksDbStoreFactory;
}
