package faust.bench;

import faust.App;
import faust.sensor.Monitor;
import faust.topic.RecordMetadata;
import faust.topic.Topic;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

/**
 * faust-java's own cost of one at-least-once {@code topic.send}: encode, sensors, the in-flight
 * count and the futures, against a producer that acknowledges at once ({@code discard://}).
 *
 * <p>{@code monitorTiming=direct} is the runtime as shipped: it times sends for the app's
 * Monitor itself, with nothing allocated per send for it. {@code hooks} puts a Monitor behind the
 * generic sensor hooks instead (a state boxed per send), as every send was timed before.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SendPathBenchmark {
    @Param({"direct", "hooks"})
    public String monitorTiming;

    private App app;
    private Topic<byte[], byte[]> out;
    private final byte[] value = new byte[100];

    @Setup(Level.Trial)
    public void start() {
        String id = "send-bench-" + UUID.randomUUID();
        app = App.create(id, cfg -> cfg.broker("discard://" + id).set("key_serializer", "raw").set("value_serializer", "raw")
                .set("web_enabled", false).environment(java.util.Map.of()));
        out = app.topic("out", byte[].class, byte[].class, o -> o.partitions(1));
        if ("hooks".equals(monitorTiming)) {
            app.sensors().remove(app.monitor());
            app.sensors().add(new Monitor());
        }
        app.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
        app.stop();
        app.awaitStopped(Duration.ofSeconds(30));
    }

    @Benchmark
    public CompletableFuture<RecordMetadata> send() {
        return out.send(null, value);
    }
}
