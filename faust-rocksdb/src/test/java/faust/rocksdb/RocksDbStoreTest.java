package faust.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.errors.ImproperlyConfiguredException;
import faust.store.StateStore;
import faust.store.StoreContext;
import faust.store.StoreFactory;
import faust.store.StoreWrite;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rocksdb:// store on real RocksDB: the layout, the offset written with the data, reopening, bad directories. */
class RocksDbStoreTest {
    @TempDir
    Path tmp;

    static StoreFactory factory() {
        for (StoreFactory f : ServiceLoader.load(StoreFactory.class)) {
            if (f.schemes().contains("rocksdb")) {
                return f;
            }
        }
        throw new AssertionError("no rocksdb:// store on the class path");
    }

    private StateStore open(String url, Path dir) {
        return factory().open(new StoreContext("app", "counts", URI.create(url), dir));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> contents(StateStore s, int p) {
        Map<String, String> out = new TreeMap<>();
        s.forEach(p, (k, v) -> out.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void writes_and_their_offset_survive_reopening_in_faust_s_layout_and_the_offset_key_stays_hidden() {
        Path dir = tmp.resolve("tables");
        try (StateStore s = open("rocksdb:///", dir)) {
            s.openPartition(3);
            assertThat(s.persistedOffset(3)).isEqualTo(StateStore.NO_OFFSET);
            s.apply(3, List.of(new StoreWrite(b("\"apple\""), b("2")), new StoreWrite(b("\"pear\""), b("5"))), 41);
            s.apply(3, List.of(new StoreWrite(b("\"apple\""), b("3")), new StoreWrite(b("\"pear\""), null)), 42);
            s.put(3, b("\"plum\""), b("1"));
            s.persistOffset(3, 43);
            s.persistOffset(3, 10);     // lower: ignored
            assertThat(contents(s, 3)).containsExactly(Map.entry("\"apple\"", "3"), Map.entry("\"plum\"", "1"));
            assertThat(s.size(3)).isEqualTo(2);
        }
        assertThat(dir.resolve("counts-3.db")).as("{tabledir}/{table}-{partition}.db, as Faust").isDirectory();
        try (StateStore s = open("rocksdb:///", dir)) {
            s.openPartition(3);
            assertThat(s.persistedOffset(3)).isEqualTo(43);
            assertThat(new String(s.get(3, b("\"apple\"")), StandardCharsets.UTF_8)).isEqualTo("3");
            assertThat(s.get(3, b("\"pear\""))).isNull();
            s.dropPartition(3);
            assertThat(s.size(3)).isZero();
            assertThat(s.persistedOffset(3)).isEqualTo(StateStore.NO_OFFSET);
        }
    }

    @Test
    void a_corrupt_partition_directory_is_deleted_and_starts_empty() throws Exception {
        Path dir = tmp.resolve("tables");
        try (StateStore s = open("rocksdb:///", dir)) {
            s.openPartition(0);
            s.apply(0, List.of(new StoreWrite(b("k"), b("v"))), 7);
        }
        Path db = dir.resolve("counts-0.db");
        Files.writeString(db.resolve("CURRENT"), "MANIFEST-999999\n");     // names a manifest that is not there
        try (StateStore s = open("rocksdb:///", dir)) {
            s.openPartition(0);
            assertThat(s.persistedOffset(0)).as("rebuilt: recovery reads the whole changelog").isEqualTo(StateStore.NO_OFFSET);
            assertThat(s.size(0)).isZero();
        }
    }

    @Test
    void a_directory_that_cannot_be_created_and_unknown_options_fail_naming_them() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> open("rocksdb:///", file.resolve("tables")))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> open("rocksdb:///?block_cache=1", tmp))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("block_cache")
                .hasMessageContaining("block_cache_mb");
        assertThatThrownBy(() -> open("rocksdb:///?write_buffer_mb=lots", tmp))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("write_buffer_mb=lots");
    }

    @Test
    void further_rocksdb_options_pass_by_rocksdb_s_names_and_reach_every_partition_db() throws Exception {
        Path dir = tmp.resolve("tuned");
        try (StateStore s = open("rocksdb:///?max_background_jobs=3&compression=kNoCompression&block_cache_mb=8", dir)) {
            s.openPartition(0);
            s.put(0, b("k"), b("v"));
        }
        String options;
        try (var files = Files.list(dir.resolve("counts-0.db"))) {
            Path latest = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")).sorted()
                    .reduce((a, c) -> c).orElseThrow();
            options = Files.readString(latest);
        }
        assertThat(options).as("RocksDB's own record of the options it opened the DB with")
                .contains("max_background_jobs=3").contains("compression=kNoCompression");
        assertThatThrownBy(() -> open("rocksdb:///?max_backgroud_jobs=3", tmp))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("max_backgroud_jobs=3")
                .hasMessageContaining("RocksDB does not take");
        assertThatThrownBy(() -> open("rocksdb:///?compression=kZipCompression", tmp))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("compression=kZipCompression");
        assertThatThrownBy(() -> open("rocksdb:///?max_background_jobs", tmp))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("without a value");
    }

    @Test
    void a_partition_still_open_elsewhere_is_waited_for_instead_of_failing_with_a_lock_error() throws Exception {
        Path dir = tmp.resolve("tables");
        StateStore first = open("rocksdb:///", dir);
        first.openPartition(1);
        first.put(1, b("k"), b("v"));
        Thread releaser = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            first.close();      // the revoked partition's handle goes, as on a fast rebalance
        });
        try (StateStore second = open("rocksdb:///", dir)) {
            second.openPartition(1);
            assertThat(new String(second.get(1, b("k")), StandardCharsets.UTF_8)).isEqualTo("v");
        }
        releaser.join();
    }
}
