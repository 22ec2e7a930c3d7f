package faust.bench.tables;

import faust.App;
import faust.table.Table;
import faust.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * The stateful job, on each system: lines are split into words, repartitioned by word, and counted
 * in a RocksDB table whose changelog is the job's output.
 */
sealed interface WordCountJob extends AutoCloseable {
    Pattern SPACE = Pattern.compile(" ");

    /** @return the changelog topic the counts reach */
    String changelog();

    /** @return a failure seen in the background, or null */
    @Nullable Throwable failure();

    @Override
    void close();

    /**
     * faust-java, as Faust's word_count.py: agent {@code split} sends each word to topic
     * {@code words} keyed by the word; agent {@code count} does {@code counts[word] += 1} on
     * {@code rocksdb://}.
     */
    final class Faust implements WordCountJob {
        private final App app;

        Faust(String id, String brokerUrl, String input, int partitions, boolean exactlyOnce, long commitMs, Path datadir) {
            app = App.create(id, cfg -> cfg.broker(brokerUrl).store("rocksdb://").datadir(datadir)
                    .set("processing_guarantee", exactlyOnce ? "exactly_once" : "at_least_once")
                    .set("producer_acks", -1)
                    .brokerCommitInterval(Duration.ofMillis(commitMs))
                    .topicPartitions(partitions).keySerializer("raw").valueSerializer("raw")
                    .set("web_enabled", false));
            Topic<byte[], String> lines = app.topic(input, byte[].class, String.class);
            Topic<String, String> words = app.topic(id + "-words", String.class, String.class);
            Table<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L);
            app.agent("split", lines, stream -> {
                for (String line : stream) {
                    for (String w : SPACE.split(line)) {
                        words.send(w, w);
                    }
                }
            });
            app.agent("count", words, stream -> {
                for (String w : stream) {
                    counts.merge(w, 1L, Long::sum);
                }
            });
            app.start();
        }

        @Override
        public String changelog() {
            return app.conf().id() + "-counts-changelog";
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
     * Kafka Streams: {@code stream(lines).flatMapValues(split).groupBy(word).count()} with its
     * default RocksDB store, record cache and changelog, one stream thread.
     */
    final class Streams implements WordCountJob {
        private final KafkaStreams streams;
        private final String id;
        private volatile @Nullable Throwable failure;

        Streams(String id, Map<String, Object> client, String input, boolean exactlyOnce, long commitMs, Path stateDir) {
            this.id = id;
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
            b.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.String()))
                    .flatMapValues(line -> List.of(SPACE.split(line)))
                    .groupBy((k, w) -> w, Grouped.with("words", Serdes.String(), Serdes.String()))
                    .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
                            .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
            streams = new KafkaStreams(b.build(), p);
            streams.setUncaughtExceptionHandler(e -> {
                failure = e;
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
        }

        @Override
        public String changelog() {
            return id + "-counts-changelog";
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
