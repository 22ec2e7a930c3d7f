package faust;

import faust.agent.internal.AgentRegistry;
import faust.codec.Codecs;
import faust.internal.AppRuntime;
import faust.internal.ConsumerLoop;
import faust.settings.BrokerSettings;
import faust.settings.CommonSettings;
import faust.settings.TableSettings;
import faust.settings.WebSettings;
import faust.stream.Headers;
import faust.stream.KeyValue;
import faust.testing.ManualClock;
import faust.topic.TP;
import faust.topic.Topic;
import faust.topic.internal.TopicImpl;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Drives apps in a test without a broker (Kafka Streams' {@code TopologyTestDriver}, Faust's
 * {@code test_context}): each app runs on the driver's private in-process broker
 * ({@code memory://}) and {@link ManualClock}; {@link #pipeInput} returns once every agent has
 * processed what it was given, {@link #readOutput} returns what agents sent, and
 * {@link #advanceTime} runs the timers that come due.
 *
 * <pre>{@code
 * try (AppTestDriver driver = AppTestDriver.create()) {
 *     App app = driver.app("word-count");
 *     Topic<String, String> words = app.topic("words", String.class, String.class);
 *     Topic<String, Integer> lengths = app.topic("lengths", String.class, Integer.class);
 *     app.agent("measure", words, stream -> { for (String w : stream) lengths.send(w, w.length()); });
 *     driver.start(app);
 *     driver.pipeInput(words, "hello");
 *     assertThat(driver.readValues(lengths)).containsExactly(5);
 * }
 * }</pre>
 *
 * <p>Apps made here are test-friendly: a short commit interval (100 ms), no environment variables
 * and no system properties read, the web server off; settings the test gives win. Thread-safe
 * enough for one test thread; {@link #close()} stops every app it started.
 */
public final class AppTestDriver implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    private final String brokerUrl;
    private final MemoryBroker broker;
    private final ManualClock clock = new ManualClock();
    private final List<App> started = new CopyOnWriteArrayList<>();
    private final Map<TP, Long> readPositions = new HashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    private AppTestDriver() {
        String name = "test-" + UUID.randomUUID();
        this.brokerUrl = "memory://" + name;
        this.broker = MemoryBroker.named(name);
    }

    /** @return a driver with a broker and a clock of its own */
    public static AppTestDriver create() {
        return new AppTestDriver();
    }

    /**
     * @param t how long {@link #awaitIdle}, {@link #pipeInput} and {@link #advanceTime} wait at most (default 30 s)
     * @return this
     */
    public AppTestDriver timeout(Duration t) {
        this.timeout = Objects.requireNonNull(t, "t");
        return this;
    }

    /** @return the URL of the driver's broker, {@code memory://test-<uuid>} */
    public String brokerUrl() {
        return brokerUrl;
    }

    /** @return the clock the driver's apps run their timers on */
    public ManualClock clock() {
        return clock;
    }

    /**
     * The configuration of a test app: {@code more} first, then, for what it left unset, the
     * driver's broker and clock and the {@linkplain #testFriendly test-friendly defaults}. Pass it
     * to an app factory of your own: {@code App.create("orders", driver.configure(cfg -> ...))}.
     *
     * @param more the test's own settings; it must not set {@code broker}
     * @return the configuration
     */
    public Consumer<AppConfig> configure(Consumer<AppConfig> more) {
        Objects.requireNonNull(more, "more");
        return testFriendly(cfg -> {
            more.accept(cfg);
            if (cfg.isSet(CommonSettings.BROKER)) {
                throw new IllegalArgumentException("an AppTestDriver runs apps on its own broker (" + brokerUrl
                        + "); do not set broker in the test's configuration");
            }
            cfg.broker(brokerUrl);
            if (!cfg.hasClock()) {
                cfg.clock(clock);
            }
        });
    }

    /**
     * The configuration of an app for a test that brings its own broker (a {@code memory://} one
     * shared by several apps, or a real Kafka) and runs on the system clock: {@code more} first,
     * then, for what it left unset, a 100 ms commit interval and table cleanup interval, no
     * environment variables, the web server off; system properties are never read.
     *
     * @param more the test's own settings, the broker among them
     * @return the configuration
     */
    public static Consumer<AppConfig> testFriendly(Consumer<AppConfig> more) {
        Objects.requireNonNull(more, "more");
        return cfg -> {
            more.accept(cfg);
            if (!cfg.isSet(BrokerSettings.BROKER_COMMIT_INTERVAL)) {
                cfg.brokerCommitInterval(COMMIT_INTERVAL);
            }
            if (!cfg.isSet(TableSettings.TABLE_CLEANUP_INTERVAL)) {
                cfg.set(TableSettings.TABLE_CLEANUP_INTERVAL, COMMIT_INTERVAL);     // expired windows go at each commit
            }
            if (!cfg.isSet(WebSettings.WEB_ENABLED)) {
                cfg.webEnabled(false);
            }
            if (!cfg.hasEnvironment()) {
                cfg.environment(Map.of());
            }
            cfg.ignoreSystemProperties();
        };
    }

    /**
     * @param id the app id
     * @return a test app on the driver's broker and clock, not started
     */
    public App app(String id) {
        return app(id, cfg -> { });
    }

    /**
     * @param id the app id
     * @param more the test's own settings
     * @return a test app on the driver's broker and clock, not started
     */
    public App app(String id, Consumer<AppConfig> more) {
        return App.create(id, configure(more));
    }

    /**
     * Starts an app made for this driver and waits until it has its partitions and is idle.
     *
     * @param app the app
     * @throws IllegalArgumentException if the app does not run on this driver's broker
     * @throws AssertionError if it does not become idle in time
     */
    public void start(App app) {
        if (!app.conf().get(CommonSettings.BROKER).equals(List.of(URI.create(brokerUrl)))) {
            throw new IllegalArgumentException("app " + app.conf().id() + " runs on " + app.conf().get(CommonSettings.BROKER)
                    + ", not on this driver's broker " + brokerUrl + "; make it with driver.app(...) or driver.configure(...)");
        }
        started.add(app);
        app.start();
        awaitIdle();
    }

    /**
     * Sends a value to a topic, as a client outside the app would, then waits until every app is idle.
     *
     * @param topic the topic
     * @param value the value
     * @param <K> key type
     * @param <V> value type
     */
    public <K, V> void pipeInput(Topic<K, V> topic, @Nullable V value) {
        pipeInput(topic, null, value);
    }

    /**
     * Sends a key and value to a topic (its partition chosen from the key, as Kafka's producer
     * does), then waits until every app is idle.
     *
     * @param topic the topic
     * @param key the key
     * @param value the value
     * @param <K> key type
     * @param <V> value type
     */
    public <K, V> void pipeInput(Topic<K, V> topic, @Nullable K key, @Nullable V value) {
        append(topic, key, value, null);
        awaitIdle();
    }

    /**
     * Sends a key and value with a record timestamp (event time, for windowed tables), then waits
     * until every app is idle.
     *
     * @param topic the topic
     * @param key the key
     * @param value the value
     * @param timestamp the record's timestamp
     * @param <K> key type
     * @param <V> value type
     */
    public <K, V> void pipeInput(Topic<K, V> topic, @Nullable K key, @Nullable V value, Instant timestamp) {
        append(topic, key, value, timestamp.toEpochMilli());
        awaitIdle();
    }

    /**
     * Sends each record in order, then waits once until every app is idle.
     *
     * @param topic the topic
     * @param records keys and values
     * @param <K> key type
     * @param <V> value type
     */
    public <K, V> void pipeInputs(Topic<K, V> topic, Iterable<KeyValue<K, V>> records) {
        for (KeyValue<K, V> kv : records) {
            append(topic, kv.key(), kv.value(), null);
        }
        awaitIdle();
    }

    private <K, V> void append(Topic<K, V> topic, @Nullable K key, @Nullable V value, @Nullable Long timestamp) {
        TopicImpl<K, V> t = impl(topic);
        Codecs codecs = t.runtime().codecs();
        byte[] k = key == null ? null : codecs.dumpsKey(key, t.keyCodec());
        byte[] v = value == null ? null : codecs.dumpsValue(value, t.valueCodec());
        int partitions = t.declaration(t.topics().get(0)).partitions();
        broker.append(t.topics().get(0), null, timestamp, k, v, Headers.empty(), partitions);
    }

    /**
     * What was sent to a topic since the last read of it, decoded with the topic's codecs, in
     * partition and offset order; records of transactions that have not committed are not seen.
     *
     * @param topic the topic
     * @param <K> key type
     * @param <V> value type
     * @return keys and values
     */
    public <K, V> List<KeyValue<K, V>> readOutput(Topic<K, V> topic) {
        TopicImpl<K, V> t = impl(topic);
        Codecs codecs = t.runtime().codecs();
        List<KeyValue<K, V>> out = new ArrayList<>();
        for (String name : t.topics()) {
            int partitions = broker.partitionCount(name).orElse(0);
            for (int p = 0; p < partitions; p++) {
                TP tp = new TP(name, p);
                long from = readPositions.getOrDefault(tp, 0L);
                for (TrackedMessage m : broker.visible(tp, from)) {
                    K key = m.key() == null ? null : codecs.loadsKey(t.keyType(), m.key(), t.keyCodec());
                    V value = m.value() == null ? null : codecs.loadsValue(t.valueType(), m.value(), t.valueCodec());
                    out.add(new KeyValue<>(key, value));
                    from = m.offset() + 1;
                }
                readPositions.put(tp, from);
            }
        }
        return out;
    }

    /**
     * @param topic the topic
     * @param <K> key type
     * @param <V> value type
     * @return the values sent to it since the last read of it
     */
    public <K, V> List<@Nullable V> readValues(Topic<K, V> topic) {
        List<@Nullable V> out = new ArrayList<>();
        for (KeyValue<K, V> kv : readOutput(topic)) {
            out.add(kv.value());
        }
        return out;
    }

    /**
     * Moves the clock forward, running every timer and crontab at each time it comes due in
     * order, then waits until every app is idle.
     *
     * @param d how far
     */
    public void advanceTime(Duration d) {
        Objects.requireNonNull(d, "d");
        Duration left = d;
        clock.awaitTimers(timeout);
        while (true) {
            Optional<Duration> next = clock.untilNextTimer();
            if (next.isEmpty() || next.get().compareTo(left) > 0) {
                clock.advance(left);
                clock.awaitTimers(timeout);
                break;
            }
            clock.advance(next.get());
            left = left.minus(next.get());
            clock.awaitTimers(timeout);
        }
        awaitIdle();
    }

    /**
     * Waits until every started app is idle: its group has settled, it has fetched and processed
     * every record its partitions hold, its agents hold no event, and (exactly-once) no output
     * waits for a transaction to commit.
     *
     * @throws AssertionError naming what is still pending when that does not happen in time
     */
    public void awaitIdle() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String pending = pending();
            if (pending == null) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("apps not idle after " + timeout + ": " + pending);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the apps to be idle", e);
            }
        }
    }

    /** @return what keeps the apps from being idle, or null when they are */
    private @Nullable String pending() {
        for (App app : started) {
            AppRuntime rt = app.runtime();
            String id = app.conf().id();
            ConsumerLoop loop = rt.consumerLoop();
            if (loop == null) {
                continue;      // stopped, or started without consuming
            }
            if (!broker.settled(id) || !loop.settled()) {
                return id + ": a rebalance or a rewind is under way";
            }
            // the partitions are checked one after another: a record an agent writes meanwhile to a
            // partition already checked (a groupBy's repartition topic) shows as a changed end below
            long endsBefore = endsSum(loop.assignment(), rt.exactlyOnce());
            for (TP tp : loop.assignment()) {
                long end = broker.visibleEnd(tp, rt.exactlyOnce());
                if (end == 0) {
                    continue;
                }
                Long processed = loop.processedUpTo(tp);
                if (processed == null) {
                    processed = broker.committed(id, tp);
                }
                if (processed == null || processed < end) {
                    return id + ": " + tp + " processed up to offset " + processed + " of " + end;
                }
            }
            AgentRegistry agents = app.agentRegistry();
            if (!agents.streamsIdle()) {
                return id + ": an agent is processing an event";
            }
            int closes = app.tableManager().windowsDue();
            if (closes > 0) {
                return id + ": " + closes + " table partitions have windows due to close or expire at the next commit";
            }
            int changelog = app.tableManager().pendingChangelogRecords();
            if (changelog > 0) {
                return id + ": " + changelog + " table changelog records wait for the next commit";
            }
            for (Map.Entry<TP, Long> e : app.tableManager().standbyPositions().entrySet()) {
                long end = broker.visibleEnd(e.getKey(), rt.exactlyOnce());
                if (e.getValue() < end) {
                    return id + ": standby " + e.getKey() + " read up to offset " + e.getValue() + " of " + end;
                }
            }
            if (rt.exactlyOnce() && broker.hasOpenTransactions()) {
                return id + ": output waits for its transaction to commit";
            }
            if (endsSum(loop.assignment(), rt.exactlyOnce()) != endsBefore) {
                return id + ": records arrived while the partitions were checked";
            }
        }
        return null;
    }

    private long endsSum(Set<TP> partitions, boolean readCommitted) {
        long sum = 0;
        for (TP tp : partitions) {
            sum += broker.visibleEnd(tp, readCommitted);
        }
        return sum;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> TopicImpl<K, V> impl(Topic<K, V> topic) {
        if (!(topic instanceof TopicImpl<?, ?> t)) {
            throw new IllegalArgumentException("topic " + topic + " was not made by app.topic(...)");
        }
        return (TopicImpl<K, V>) t;
    }

    /** Stops every app the driver started. */
    @Override
    public void close() {
        for (App app : started) {
            app.stop();
        }
        started.clear();
    }
}
