package faust.bench.tables;

import faust.App;
import faust.table.WindowedTable;
import faust.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.jspecify.annotations.Nullable;

/**
 * The windowed job, on each system: events counted per key in tumbling windows of
 * {@link WindowInput#SIZE} over a RocksDB store, each window's final count sent to a results topic
 * once the window closes on stream time (end + grace), as {@code key -> "<window start ms>:<count>"}.
 */
sealed interface WindowCountJob extends AutoCloseable {
    /** @return a failure seen in the background, or null */
    @Nullable Throwable failure();

    @Override
    void close();

    /**
     * faust-java: agent {@code count} does {@code counts[key] += 1} on a windowed {@code rocksdb://}
     * table relative to the stream, whose final results go to the results topic.
     */
    final class Faust implements WindowCountJob {
        private final App app;

        Faust(String id, String brokerUrl, String input, String output, int partitions, boolean exactlyOnce, long commitMs,
              Duration grace, Path datadir) {
            app = App.create(id, cfg -> cfg.broker(brokerUrl).store("rocksdb://").datadir(datadir)
                    .set("processing_guarantee", exactlyOnce ? "exactly_once" : "at_least_once")
                    .set("producer_acks", -1)
                    .brokerCommitInterval(Duration.ofMillis(commitMs))
                    .topicPartitions(partitions).keySerializer("raw").valueSerializer("raw")
                    .set("web_enabled", false));
            Topic<String, byte[]> events = app.topic(input, String.class, byte[].class);
            Topic<String, String> results = app.topic(output, String.class, String.class);
            WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L)
                    .tumbling(WindowInput.SIZE, grace)          // grace defaults to expires
                    .relativeToStream()
                    .finalResults(results, (key, window, count) -> window.start().toEpochMilli() + ":" + count);
            app.agent("count", events, stream -> {
                for (var e : stream.events()) {
                    counts.get(e.key()).merge(1L, Long::sum);
                }
            });
            app.start();
        }

        @Override
        public @Nullable Throwable failure() {
            return app.crashReason();
        }

        @Override
        public void close() {
            app.stop();
            app.awaitStopped(Duration.ofSeconds(60));
        }
    }

    /**
     * Kafka Streams: {@code groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(size, grace)).count()
     * .suppress(untilWindowCloses(unbounded()))} with its default RocksDB window store, record cache
     * and changelogs, one stream thread.
     */
    final class Streams implements WindowCountJob {
        private final KafkaStreams streams;
        private volatile @Nullable Throwable failure;

        Streams(String id, Map<String, Object> client, String input, String output, boolean exactlyOnce, long commitMs,
                Duration grace, Path stateDir) {
            Properties p = new Properties();
            client.forEach(p::put);
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, exactlyOnce ? StreamsConfig.EXACTLY_ONCE_V2
                    : StreamsConfig.AT_LEAST_ONCE);
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
            p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            p.put(StreamsConfig.producerPrefix("acks"), "all");
            StreamsBuilder b = new StreamsBuilder();
            b.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                    .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
                    .windowedBy(TimeWindows.ofSizeAndGrace(WindowInput.SIZE, grace))
                    .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts")
                            .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                    .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final"))
                    .toStream()
                    .map((window, count) -> KeyValue.pair(window.key(), window.window().start() + ":" + count))
                    .to(output, Produced.with(Serdes.String(), Serdes.String()));
            streams = new KafkaStreams(b.build(), p);
            streams.setUncaughtExceptionHandler(e -> {
                failure = e;
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
        }

        @Override
        public @Nullable Throwable failure() {
            return failure;
        }

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(60));
        }
    }
}
