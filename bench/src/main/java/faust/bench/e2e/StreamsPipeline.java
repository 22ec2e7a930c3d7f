package faust.bench.e2e;

import faust.bench.e2e.Options.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.jspecify.annotations.Nullable;

/**
 * The job on Kafka Streams: {@code stream(in).mapValues(transform).to(out)}, one stream thread,
 * {@code processing.guarantee} {@code at_least_once} or {@code exactly_once_v2}, the shared
 * producer settings and commit interval; everything else at Kafka Streams' defaults.
 */
final class StreamsPipeline implements Pipeline {
    private final RunSpec spec;
    private final Path stateDir;
    private @Nullable KafkaStreams streams;
    private volatile @Nullable Throwable failure;

    StreamsPipeline(RunSpec spec) throws IOException {
        this.spec = spec;
        this.stateDir = Files.createTempDirectory("e2e-streams-");
    }

    @Override
    public void start() {
        Properties p = new Properties();
        spec.client().forEach(p::put);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, spec.runId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                spec.mode() == Mode.EOS ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, spec.commitMs());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        for (Map.Entry<String, Object> e : spec.producerProps().entrySet()) {
            String k = e.getKey();
            if (k.equals(ProducerConfig.ACKS_CONFIG) || k.equals(ProducerConfig.LINGER_MS_CONFIG)
                    || k.equals(ProducerConfig.BATCH_SIZE_CONFIG)) {
                p.put(StreamsConfig.producerPrefix(k), e.getValue());
            }
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(spec.inTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .mapValues(Payload::transform)
                .to(spec.outTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        KafkaStreams s = new KafkaStreams(builder.build(), p);
        s.setUncaughtExceptionHandler(e -> {
            failure = e;
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams = s;
        s.start();
    }

    @Override
    public @Nullable Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        KafkaStreams s = streams;
        if (s != null) {
            s.close(Duration.ofSeconds(60));
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
