package faust.bench.rpc;

import faust.App;
import faust.Faust;
import faust.agent.Agent;
import faust.agent.ReplyForm;
import faust.embedded.EmbeddedKafka;
import faust.stream.Event;
import faust.stream.Header;
import faust.stream.Headers;
import faust.topic.SendOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Agent RPC on Kafka: asks per second and the latency of one ask, at several numbers of
 * concurrent askers, against a doubling agent on one embedded broker (a child JVM).
 *
 * <pre>{@code
 * bench/rpc                                  # 1, 8 and 64 askers, 10,000 asks each, both reply forms
 * bench/rpc --askers 1,8 --asks 2000 --forms headers
 * bench/rpc --faust producer_linger_ms=5     # any faust-java setting
 * }</pre>
 *
 * <p>Each asker is a virtual thread that calls {@code agent.ask(value)} in a loop and records how
 * long each call took; the askers share the asks of a round equally. A warm-up round of the same
 * size runs first at each number of askers and is not reported. Each request carries its send
 * time in a header, so the agent measures the request's way to it (produce, broker, fetch,
 * hand-over to the agent); the rest of the mean round trip is the reply's way back (reply
 * produce, broker, the reply consumer, waking the asker).
 */
public final class RpcBenchmark {
    /** The header an ask carries its send time in (this JVM's nanoTime), so the agent can time the request's way to it. */
    private static final String SENT_AT = "bench-sent-at";
    private final RpcOptions options;
    private final LongAdder requestLegNanos = new LongAdder();

    private RpcBenchmark(RpcOptions options) {
        this.options = options;
    }

    /**
     * @param args see {@code bench/rpc --help}
     * @throws Exception on a failed run
     */
    public static void main(String[] args) throws Exception {
        RpcOptions options = RpcOptions.parse(args);
        if (options == null) {
            System.out.println(RpcOptions.USAGE);
            return;
        }
        System.exit(new RpcBenchmark(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf(Locale.ROOT, "rpc: %,d asks per round; askers %s; reply forms %s; broker in a child JVM %s%n",
                options.asks(), options.askers(), options.forms(), options.brokerJvmOptions());
        List<RpcResult> results = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.newBuilder().nodes(1).childJvm(true)
                .childJvmOptions(options.brokerJvmOptions()).start()) {
            for (int i = 0; i < options.warmupPasses(); i++) {
                System.out.println("warm-up pass " + (i + 1) + " of " + options.warmupPasses() + " (not reported)");
                runForm(kafka, options.forms().get(0));
            }
            for (ReplyForm form : options.forms()) {
                results.addAll(runForm(kafka, form));
            }
            if (options.raw()) {
                RpcResult raw = RawPingPong.run(kafka, options.asks()).labelled("raw kafka-clients", 1);
                System.out.println(raw.line());
                results.add(raw);
            }
        }
        System.out.println();
        System.out.println(RpcResult.TABLE_HEADER);
        results.forEach(r -> System.out.println(r.row()));
        return results.stream().allMatch(r -> r.failures() == 0);
    }

    private List<RpcResult> runForm(EmbeddedKafka kafka, ReplyForm form) throws Exception {
        String id = "rpc-" + form.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("broker", kafka.brokerUrl());
        settings.put("web_enabled", false);
        settings.put("topic_partitions", 1);
        settings.putAll(options.faustSettings());
        App app = App.create(id, cfg -> settings.forEach(cfg::set));
        Agent<String, Integer, Integer> doubler = app.agent("double", String.class, Integer.class, Integer.class,
                o -> o.replyForm(form), (stream, results) -> {
                    for (Integer v : stream) {
                        Event<?, ?> e = Objects.requireNonNull(Faust.currentEvent());
                        String sent = e.headers().lastString(SENT_AT);
                        if (sent != null) {
                            requestLegNanos.add(System.nanoTime() - Long.parseLong(sent));
                        }
                        results.emit(v * 2);
                    }
                });
        List<RpcResult> out = new ArrayList<>();
        app.start();
        try {
            doubler.ask(1, Duration.ofSeconds(60));        // the group has formed and the reply consumer reads
            for (int askers : options.askers()) {
                round(doubler, askers, options.asks());      // warm-up
                requestLegNanos.reset();
                RpcResult r = round(doubler, askers, options.asks()).withRequestLeg(requestLegNanos.sum() / options.asks());
                out.add(r.labelled("faust-java " + form.name().toLowerCase(Locale.ROOT), askers));
                System.out.println(out.get(out.size() - 1).line());
            }
        } finally {
            app.stop();
            app.awaitStopped(Duration.ofSeconds(60));
        }
        return out;
    }

    private RpcResult round(Agent<String, Integer, Integer> agent, int askers, int asks) throws InterruptedException {
        long[] latencies = new long[asks];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(askers);
        long t0 = System.nanoTime();
        for (int a = 0; a < askers; a++) {
            Thread.ofVirtual().name("asker-" + a).start(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < asks; i = next.getAndIncrement()) {
                        long s = System.nanoTime();
                        try {
                            SendOptions stamped = SendOptions.defaults().withHeaders(
                                    Headers.of(List.of(Header.of(SENT_AT, Long.toString(System.nanoTime())))));
                            Integer r = agent.ask(null, i, stamped, Duration.ofSeconds(30));
                            if (r == null || r != i * 2) {
                                throw new IllegalStateException("ask(" + i + ") returned " + r);
                            }
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                        }
                        latencies[i] = System.nanoTime() - s;
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long elapsed = System.nanoTime() - t0;
        Throwable f = firstFailure.get();
        if (f != null) {
            System.err.println("first failure: " + f);
        }
        Arrays.sort(latencies);
        long total = 0;
        for (long l : latencies) {
            total += l;
        }
        return new RpcResult(null, askers, asks, elapsed, latencies[asks / 2], latencies[(int) (asks * 0.99)],
                latencies[asks - 1], total / asks, 0, failures.get());
    }
}
