package faust.bench.e2e;

import faust.bench.e2e.Options.Mode;
import faust.bench.e2e.Options.SystemKind;
import faust.embedded.EmbeddedKafka;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * The end-to-end benchmark: starts one embedded Kafka broker, fills an input topic (not timed),
 * then runs the job {@code input → transform → output} on each chosen system under each chosen
 * guarantee, each run with a new output topic and consumer group, and times it from just before
 * the system starts until a verifier has read every output back. Prints a table of msgs/s and,
 * last, the ratio line {@code ratio faust/kafka-streams alo=<x> eos=<y> faust/raw alo=<z>}.
 *
 * <p>Each (system, mode) first does warm-up runs (not reported; rounds of runs as large as the
 * measured ones, until the JIT compilers are done or {@code --warmup-rounds} is reached), so that
 * every system is measured at steady state: the JIT compilers of this JVM and of the broker's have
 * compiled what the job runs, including code that runs per request or per run rather than per
 * message. Each run reports the CPU its JIT compilers took, so that a run that was not at steady
 * state shows. With several rounds the order of the systems
 * rotates from round to round; the table shows each system's median.
 */
public final class E2eBenchmark {
    private static final String INPUT = "e2e-in";
    private static final String WARMUP_INPUT = "e2e-warmup-in";
    /** Warm-up rounds run at least (fewer only when {@code --warmup-rounds} says so). */
    private static final int MIN_WARMUP_ROUNDS = 2;
    /** JIT compiler CPU per message under which a warm-up run counts as steady. */
    private static final double STEADY_JIT_MICROS = 0.25;

    private final Options options;
    private final PrintStream out;
    private final String nonce = UUID.randomUUID().toString().substring(0, 8);
    private int runs;

    private E2eBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the benchmark; exits with 0 when every run delivered every output, 1 when one did not,
     * 2 on bad options.
     *
     * @param args see {@link Options#USAGE}
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("bench/e2e: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        List<Result> results = run(options, System.out);
        System.out.flush();
        System.exit(results.stream().allMatch(Result::ok) ? 0 : 1);
    }

    /**
     * Runs the benchmark and prints the table and ratio line.
     *
     * @param options what to run
     * @param out where to print
     * @return every measured run
     * @throws Exception when the broker or a topic cannot be set up
     */
    static List<Result> run(Options options, PrintStream out) throws Exception {
        return new E2eBenchmark(options, out).runAll();
    }

    private List<Result> runAll() throws Exception {
        out.printf(Locale.ROOT, "e2e: %,d messages of %d bytes, %d partitions; systems %s; modes %s; warm-up runs of %,d, "
                + "up to %d rounds; rounds %d%n", options.messages(), options.valueSize(), options.partitions(),
                options.systems().stream().map(s -> s.flag).toList(), options.modes().stream().map(m -> m.flag).toList(),
                options.warmup(), options.warmupRounds(), options.rounds());
        out.printf(Locale.ROOT, "e2e: producers acks=all linger.ms=%d batch.size=%d; commit interval alo=%d ms eos=%d ms%n",
                options.lingerMs(), options.batchSize(), options.commitMsAlo(), options.commitMsEos());
        out.printf(Locale.ROOT, "e2e: JDK %s (%s), %d CPUs, load %.2f; broker in %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), load(),
                options.childJvm() ? "a child JVM " + options.brokerJvmOptions() : "this JVM");
        EmbeddedKafka.Builder builder = EmbeddedKafka.newBuilder().nodes(1).childJvm(options.childJvm());
        if (options.childJvm()) {
            builder.childJvmOptions(options.brokerJvmOptions());
        }
        List<Result> results = new ArrayList<>();
        try (EmbeddedKafka kafka = builder.start();
             Admin admin = Admin.create(kafka.clientProperties())) {
            Map<String, Object> client = kafka.clientProperties();
            fill(admin, client, INPUT, options.messages());
            if (options.warmup() > 0) {
                String warmupInput = INPUT;
                if (options.warmup() != options.messages()) {
                    warmupInput = WARMUP_INPUT;
                    fill(admin, client, WARMUP_INPUT, options.warmup());
                }
                warmUp(admin, kafka, warmupInput);
            }
            List<Contender> order = new ArrayList<>(options.contenders());
            for (int round = 1; round <= options.rounds(); round++) {
                for (Mode mode : options.modes()) {
                    for (Contender c : order) {
                        Result r = runOnce(admin, kafka, c, mode, INPUT, options.messages());
                        out.printf(Locale.ROOT, "measured %-17s %s %s%n", c.label(), mode.flag, describe(r));
                        results.add(r);
                    }
                }
                Collections.rotate(order, -1);   // each system takes its turn at running first in a mode
            }
        }
        Report.print(out, results, options);
        return results;
    }

    /**
     * Warm-up rounds (not reported), each one run of every system in every mode, rotating the order
     * like the measured rounds: at least {@link #MIN_WARMUP_ROUNDS}, then more until a round in which
     * every run spent at most {@link #STEADY_JIT_MICROS} µs of JIT compiler CPU per message, or
     * {@code --warmup-rounds} in all. Code that runs per request or per run rather than per message
     * (the producer's sender, fetch sessions, group joins, the broker's request handling) is only
     * compiled after several runs.
     */
    private void warmUp(Admin admin, EmbeddedKafka kafka, String input) throws Exception {
        List<Contender> order = new ArrayList<>(options.contenders());
        double worstJit = Double.NaN;
        int round = 0;
        while (round < options.warmupRounds()) {
            round++;
            worstJit = 0;
            for (Mode mode : options.modes()) {
                for (Contender c : order) {
                    Result r = runOnce(admin, kafka, c, mode, input, options.warmup());
                    out.printf(Locale.ROOT, "warm-up  %-17s %s %s%n", c.label(), mode.flag, describe(r));
                    worstJit = Math.max(worstJit, r.jitCpuMicrosPerMessage());   // NaN (no /proc) stays NaN
                }
            }
            Collections.rotate(order, -1);
            boolean steady = worstJit <= STEADY_JIT_MICROS || Double.isNaN(worstJit);     // NaN: no /proc to tell
            if (round >= Math.min(MIN_WARMUP_ROUNDS, options.warmupRounds()) && steady) {
                break;
            }
        }
        out.printf(Locale.ROOT, "warm-up: %d round(s); JIT compiler CPU in the last one at most %.2f us/msg%s%n", round,
                worstJit, worstJit <= STEADY_JIT_MICROS ? " (steady)" : Double.isNaN(worstJit) ? " (not measurable here)"
                        : " (still compiling: raise --warmup-rounds)");
    }

    private Result runOnce(Admin admin, EmbeddedKafka kafka, Contender contender, Mode mode, String input, long n)
            throws Exception {
        SystemKind system = contender.kind();
        String runId = "e2e-" + system.flag + "-" + mode.flag + "-" + (++runs) + "-" + nonce;
        String output = runId + "-out";
        createTopic(admin, output);
        RunSpec spec = new RunSpec(runId, kafka.clientProperties(), kafka.brokerUrl(), input, output, n, mode, options, contender);
        double load = load();
        @Nullable String error = null;
        long t0 = System.nanoTime();
        double cpu0 = 0;
        double brokerCpu0 = 0;
        double clientCpu = Double.NaN;
        double brokerCpu = Double.NaN;
        double jit0 = Double.NaN;
        double jitCpu = Double.NaN;
        ThreadCpu threads0 = ThreadCpu.snapshot();
        String threadCpu = "";
        String threadAlloc = "";
        String jvm = "";
        String producers = "";
        String consumers = "";
        Verifier verifier = new Verifier(kafka.clientProperties(), output, options.partitions(), n, options.valueSize(), mode);
        try {
            verifier.start();
            Pipeline pipeline = switch (system) {
                case RAW -> new RawPipeline(spec);
                case STREAMS -> new StreamsPipeline(spec);
                case FAUST -> new FaustPipeline(spec);
            };
            cpu0 = CpuTime.process();
            brokerCpu0 = CpuTime.broker();
            jit0 = JitCpu.seconds();
            threads0 = ThreadCpu.snapshot();
            t0 = System.nanoTime();
            try {
                pipeline.start();
                error = await(verifier, pipeline, Duration.ofSeconds(options.timeoutSeconds()));
                clientCpu = CpuTime.process() - cpu0;
                brokerCpu = CpuTime.broker() - brokerCpu0;
                jitCpu = JitCpu.seconds() - jit0;
                ThreadCpu threads1 = ThreadCpu.snapshot();
                threadCpu = threads1.perMessageSince(threads0, n, 8);
                threadAlloc = threads1.allocatedPerMessageSince(threads0, n, 6);
                jvm = threads1.jvmSince(threads0, clientCpu * 1e9, n);
                producers = options.verbose() ? ClientStats.producers(n) : "";
                consumers = options.verbose() ? ClientStats.consumers(n) : "";
            } catch (Exception e) {
                error = "could not start: " + e;
            } finally {
                pipeline.close();
            }
            if (options.verbose() && !pipeline.diagnostics().isEmpty()) {
                out.println("         " + contender.label() + " " + mode.flag + ": " + pipeline.diagnostics());
            }
            if (options.verbose() && !threadCpu.isEmpty()) {
                out.println("         " + contender.label() + " " + mode.flag + ": client CPU by thread, us/msg: " + threadCpu);
                out.println("         " + contender.label() + " " + mode.flag + ": allocated by thread, B/msg: " + threadAlloc
                        + "; " + jvm);
                if (!producers.isEmpty()) {
                    out.println("         " + contender.label() + " " + mode.flag + ": producer: " + producers);
                }
                if (!consumers.isEmpty()) {
                    out.println("         " + contender.label() + " " + mode.flag + ": consumers: " + consumers);
                }
            }
            verifier.drain(Duration.ofMillis(500), Duration.ofSeconds(10));   // count late duplicates
        } finally {
            verifier.close();
        }
        admin.deleteTopics(List.of(output)).all().get(60, TimeUnit.SECONDS);
        long done = verifier.doneNanos();
        double seconds = done == 0 ? Double.NaN : (done - t0) / 1e9;
        double steady = done == 0 || verifier.firstNanos() == 0 ? Double.NaN : (done - verifier.firstNanos()) / 1e9;
        if (error == null && verifier.invalid() > 0) {
            error = verifier.invalid() + " outputs were not the transform of an input";
        }
        return new Result(contender, mode, n, seconds, steady, verifier.total(), verifier.distinct(), verifier.invalid(),
                clientCpu, brokerCpu, jitCpu, load, error);
    }

    /** Waits for every output, watching for failures of the system and the verifier. */
    private static @Nullable String await(Verifier verifier, Pipeline pipeline, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (verifier.awaitComplete(Duration.ofMillis(200))) {
                return null;
            }
            if (verifier.failure() != null) {
                return "verifier failed: " + verifier.failure();
            }
            if (pipeline.failure() != null) {
                return "system failed: " + pipeline.failure();
            }
        }
        return String.format(Locale.ROOT, "timed out after %d s with %,d of %,d outputs", timeout.toSeconds(),
                verifier.distinct(), verifier.expected());
    }

    private static String describe(Result r) {
        if (!r.ok()) {
            return "FAILED: " + r.error() + String.format(Locale.ROOT, " (%,d of %,d outputs, %,d invalid)", r.distinct(),
                    r.messages(), r.invalid());
        }
        return String.format(Locale.ROOT, "%,10.0f msgs/s  (%.2f s; first to last output %,.0f msgs/s; %,d duplicates; "
                + "CPU per msg: clients %.2f us, broker %.2f us, of which JIT %.2f us; load %.2f)", r.rate(), r.seconds(),
                r.steadyRate(), r.duplicates(), r.clientCpuMicrosPerMessage(), r.brokerCpuMicrosPerMessage(),
                r.jitCpuMicrosPerMessage(), r.load1());
    }

    private void createTopic(Admin admin, String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, options.partitions(), (short) 1))).all().get(60, TimeUnit.SECONDS);
    }

    /** Creates {@code topic} and writes {@code n} messages to it, round-robin over the partitions. */
    private void fill(Admin admin, Map<String, Object> client, String topic, long n) throws Exception {
        createTopic(admin, topic);
        Map<String, Object> p = new HashMap<>(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        long begin = System.nanoTime();
        int partitions = options.partitions();
        AtomicReference<@Nullable Exception> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, (int) (i % partitions), null, Payload.input(i, options.valueSize())),
                        (md, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        Exception e = failed.get();
        if (e != null) {
            throw new IllegalStateException("could not fill the input topic " + topic + ": " + e, e);
        }
        out.printf(Locale.ROOT, "filled %s with %,d messages in %.1f s (not timed)%n", topic, n, (System.nanoTime() - begin) / 1e9);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
