package faust.bench;

import faust.App;
import faust.stream.Headers;
import faust.stream.internal.CurrentEvent;
import faust.stream.internal.EventImpl;
import faust.table.Table;
import faust.topic.TP;
import faust.transport.TrackedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * A table's {@code get} and {@code put} of one key ({@code String} key, {@code Long} value, JSON as
 * Faust writes them) on {@code memory://} and {@code rocksdb://}, beside plain rocksdbjni
 * {@code get}/{@code put} of the same bytes in one RocksDB with the write-ahead log off (as the
 * store runs it). 100,000 keys are loaded first; each operation takes the next key.
 *
 * <ul>
 *   <li>{@code tableGet}: a read from an agent's event (the event's partition first, as Faust reads).</li>
 *   <li>{@code tablePut}: a write outside any event (a table with {@code use_partitioner}): encode,
 *       the store's write, the changelog send (to {@code discard://}).</li>
 *   <li>{@code tablePutInEvent}: a write from an agent's event: it goes to the write cache and the
 *       changelog's pending records; the store write happens batched at the next commit, so this is the
 *       agent thread's share only (the commit's batch write is in {@code bench/tables wordcount}).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TableBenchmark {
    private static final int KEYS = 100_000;

    @Param({"memory", "rocksdb"})
    public String store;

    private App app;
    private Table<String, Long> table;
    private Path dir;
    private String[] keys;
    private byte[][] keyBytes;
    private final byte[] valueBytes = "12345".getBytes(StandardCharsets.US_ASCII);
    private int next;
    private RocksDB rocks;
    private Options rocksOptions;
    private WriteOptions rocksWrite;
    private EventImpl<String, String> event;

    @Setup(Level.Trial)
    public void start() throws RocksDBException, IOException {
        dir = Files.createTempDirectory("table-jmh-");
        String id = "table-bench-" + UUID.randomUUID();
        app = App.create(id, cfg -> cfg.broker("discard://" + id).store(store + "://").datadir(dir)
                .set("web_enabled", false).environment(Map.of()));
        table = app.table("t", String.class, Long.class, () -> 0L, o -> o.partitions(1).usePartitioner(true));
        keys = new String[KEYS];
        keyBytes = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key-" + i;
            keyBytes[i] = ("\"" + keys[i] + "\"").getBytes(StandardCharsets.US_ASCII);
            table.put(keys[i], 12345L);
        }
        RocksDB.loadLibrary();
        rocksOptions = new Options().setCreateIfMissing(true);
        rocksWrite = new WriteOptions().setDisableWAL(true);
        rocks = RocksDB.open(rocksOptions, dir.resolve("plain.db").toString());
        for (int i = 0; i < KEYS; i++) {
            rocks.put(rocksWrite, keyBytes[i], valueBytes);
        }
        TrackedMessage m = new TrackedMessage(new TP("in", 0), 0, 0, null, null, Headers.empty(), null, 0);
        event = new EventImpl<>("k", "v", Headers.empty(), m, null);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        CurrentEvent.set(null);
        app.stop();
        rocks.close();
        rocksOptions.close();
        rocksWrite.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
        app.awaitStopped(Duration.ofSeconds(30));
    }

    private int nextKey() {
        int i = next;
        next = i + 1 == KEYS ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public Long tableGet() {
        CurrentEvent.set(event);
        try {
            return table.get(keys[nextKey()]);
        } finally {
            CurrentEvent.set(null);
        }
    }

    @Benchmark
    public void tablePut() {
        table.put(keys[nextKey()], 12345L);
    }

    @Benchmark
    public void tablePutInEvent() {
        CurrentEvent.set(event);
        try {
            table.put(keys[nextKey()], 12345L);
        } finally {
            CurrentEvent.set(null);
        }
    }

    @Benchmark
    public byte[] rocksdbGet() throws RocksDBException {
        return rocks.get(keyBytes[nextKey()]);
    }

    @Benchmark
    public void rocksdbPut() throws RocksDBException {
        rocks.put(rocksWrite, keyBytes[nextKey()], valueBytes);
    }
}
