package faust.bench;

import faust.App;
import faust.stream.Headers;
import faust.topic.Topic;
import faust.transport.internal.MemoryBroker;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Topic -> stream -> agent on the memory transport: how long one agent takes to see {@value #EVENTS} events
 * that are already in a one-partition topic. The score is nanoseconds per event.
 *
 * <p>The topic is filled once per trial, straight into the in-process broker (no producer path). Each
 * invocation starts a new app (a new consumer group, so it reads from offset 0) and waits until its agent
 * holds the first event, so startup and the rebalance are not measured; the clock then runs from releasing
 * the agent until it has seen the last event. What is measured is the whole consume path: broker fetch,
 * decoding into events, the channel buffer with back-pressure, the agent's iteration, per-event acks and
 * offset tracking, sensors, and periodic commits.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(MemoryPipelineBenchmark.EVENTS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class MemoryPipelineBenchmark {
    static final int EVENTS = 1_000_000;
    private static final int VALUE_BYTES = 100;

    /** A small model for the {@code json} variant; encodes to about 100 bytes with Faust's metadata. */
    public record Order(long id, String account, String product, double price, int quantity) {}

    /** Value codec: {@code raw} hands the agent the stored bytes; {@code json} decodes an {@link Order}. */
    @Param({"raw", "json"})
    public String serializer;

    /**
     * Whether the app's {@link faust.sensor.Monitor} stays registered ({@code on}, the default for every app) or
     * is removed before start ({@code off}), to show what the per-event statistics cost.
     */
    @Param({"on", "off"})
    public String monitor;

    private String broker;
    private App app;
    private CountDownLatch ready;
    private CountDownLatch go;
    private CountDownLatch done;
    private volatile long seen;
    /** Keeps the agent's use of each value from being optimized away. */
    private volatile long consumed;

    @Setup(Level.Trial)
    public void fill() {
        broker = "bench-" + UUID.randomUUID();
        MemoryBroker b = MemoryBroker.named(broker);
        App encoder = App.create("bench-encoder", cfg -> cfg.broker("memory://" + broker));
        for (int i = 0; i < EVENTS; i++) {
            byte[] value;
            if (serializer.equals("json")) {
                value = encoder.codecs().dumpsValue(new Order(i, "acct-" + (i % 1000), "widget", 9.99, 1 + i % 7), "json");
            } else {
                value = new byte[VALUE_BYTES];
                value[0] = (byte) i;
            }
            b.append("in", 0, null, null, value, Headers.empty(), 1);
        }
    }

    @TearDown(Level.Trial)
    public void forget() {
        MemoryBroker.reset(broker);
    }

    @Setup(Level.Invocation)
    public void startApp() throws InterruptedException {
        ready = new CountDownLatch(1);
        go = new CountDownLatch(1);
        done = new CountDownLatch(1);
        seen = 0;
        app = App.create("bench-" + UUID.randomUUID(), cfg -> cfg.broker("memory://" + broker).streamBufferMaxsize(4096));
        Class<?> valueType = serializer.equals("json") ? Order.class : byte[].class;
        wire(app.topic("in", byte[].class, valueType,
                o -> o.partitions(1).keySerializer("raw").valueSerializer(serializer)));
        if (monitor.equals("off")) {
            app.sensors().remove(app.monitor());
        }
        app.start();
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the agent did not receive its first event within 60 s");
        }
    }

    private <V> void wire(Topic<byte[], V> topic) {
        app.agent("sink", topic, stream -> {
            Iterator<V> it = stream.iterator();
            if (!it.hasNext()) {
                return;
            }
            ready.countDown();      // assigned and flowing: start the clock from here
            go.await();
            long n = 0;
            long sink = 0;
            while (it.hasNext()) {
                V v = it.next();
                sink += v.hashCode() & 1;
                if (++n == EVENTS) {
                    consumed = sink;
                    seen = n;
                    done.countDown();
                }
            }
        });
    }

    @TearDown(Level.Invocation)
    public void stopApp() {
        app.stop();
        if (seen != EVENTS) {
            throw new IllegalStateException("the agent saw " + seen + " events, expected " + EVENTS);
        }
    }

    /** Releases the agent and waits until it has seen every event. */
    @Benchmark
    public void topicToAgent() throws InterruptedException {
        go.countDown();
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the agent did not see " + EVENTS + " events within 5 minutes");
        }
    }
}
