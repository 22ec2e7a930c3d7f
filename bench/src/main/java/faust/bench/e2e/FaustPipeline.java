package faust.bench.e2e;

import faust.App;
import faust.bench.e2e.Options.Mode;
import faust.topic.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The job on faust-java: an {@link App} on {@code kafka://} with one agent that transforms each
 * value and sends it to the output topic, without waiting for the send:
 *
 * <pre>{@code
 * app.agent("transform", in, stream -> {
 *     for (byte[] value : stream) {
 *         out.send(Payload.transform(value));
 *     }
 * });
 * }</pre>
 *
 * <p>Settings: {@link #settings} — the shared producer and commit settings in Faust's names,
 * {@code raw} codecs, the web server off; everything else at faust-java's defaults unless
 * {@code --faust KEY=VALUE} says otherwise.
 */
final class FaustPipeline implements Pipeline {
    private final RunSpec spec;
    private final Path dataDir;
    private final FaustDiagnostics diagnostics = new FaustDiagnostics();
    private @Nullable App app;

    FaustPipeline(RunSpec spec) throws IOException {
        this.spec = spec;
        this.dataDir = Files.createTempDirectory("e2e-faust-");
    }

    /**
     * @param spec the run
     * @param dataDir the app's data directory
     * @return the faust-java settings of this run, by Faust name, in the order they are set
     */
    static Map<String, Object> settings(RunSpec spec, Path dataDir) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("broker", spec.brokerUrl());
        s.put("processing_guarantee", spec.mode() == Mode.EOS ? "exactly_once" : "at_least_once");
        s.put("producer_acks", -1);
        s.put("producer_linger_ms", spec.options().lingerMs());
        s.put("producer_max_batch_size", spec.options().batchSize());
        s.put("broker_commit_interval", Duration.ofMillis(spec.commitMs()));
        s.put("topic_partitions", spec.options().partitions());
        s.put("key_serializer", "raw");
        s.put("value_serializer", "raw");
        s.put("web_enabled", false);
        s.put("datadir", dataDir);
        s.putAll(spec.options().faustSettings());
        s.putAll(spec.contender().faustSettings());
        return s;
    }

    @Override
    public void start() {
        Map<String, Object> settings = settings(spec, dataDir);
        App a = App.create(spec.runId(), cfg -> settings.forEach(cfg::set));
        Topic<byte[], byte[]> in = a.topic(spec.inTopic(), byte[].class, byte[].class);
        Topic<byte[], byte[]> out = a.topic(spec.outTopic(), byte[].class, byte[].class);
        a.agent("transform", in, stream -> {
            for (byte[] value : stream) {
                out.send(Payload.transform(value));
            }
        });
        if (spec.options().verbose()) {
            a.sensors().add(diagnostics);
        }
        app = a;
        a.start();
    }

    @Override
    public String diagnostics() {
        return diagnostics.toString();
    }

    @Override
    public @Nullable Throwable failure() {
        App a = app;
        return a == null ? null : a.crashReason();
    }

    @Override
    public void close() throws IOException {
        App a = app;
        if (a != null) {
            a.stop();
            a.awaitStopped(Duration.ofSeconds(60));
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
