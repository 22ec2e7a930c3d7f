package faust;

import faust.agent.Agent;
import faust.agent.AgentFunction;
import faust.agent.AgentOptions;
import faust.agent.YieldingAgentFunction;
import faust.agent.internal.AgentImpl;
import faust.agent.internal.ReplyConsumer;
import faust.codec.Codecs;
import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.internal.ConsumerLoop;
import faust.sensor.Monitor;
import faust.sensor.SensorDelegate;
import faust.service.Crontab;
import faust.service.Service;
import faust.service.ServiceState;
import faust.settings.CommonSettings;
import faust.settings.Settings;
import faust.settings.StreamSettings;
import faust.settings.TopicSettings;
import faust.stream.Stream;
import faust.topic.Channel;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.topic.Topic;
import faust.topic.TopicOptions;
import faust.topic.internal.AbstractChannel;
import faust.topic.internal.ChannelImpl;
import faust.topic.internal.TopicImpl;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faust-java application: the factory for topics, channels, agents, timers and tasks, and
 * the service that runs them. A facade over the runtime ({@code AppRuntime}), the agents and the
 * app's own {@link Service} (which owns tasks, timers and crontabs).
 *
 * <pre>{@code
 * App app = App.create("hello", cfg -> cfg.broker("memory://"));
 * Topic<String, String> greetings = app.topic("greetings", String.class, String.class);
 * app.agent("print", greetings, stream -> { for (String g : stream) System.out.println(g); });
 * app.timer(Duration.ofSeconds(1), () -> greetings.send("hello"));
 * app.main(args);
 * }</pre>
 *
 * <p>Thread-safe. Declare topics and agents before {@link #start()}.
 */
public final class App {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Settings settings;
    private final AppRuntime rt;
    private final Monitor monitor = new Monitor();
    private final SensorDelegate sensors = new SensorDelegate();
    private final ReplyConsumer replies;
    private final List<AgentImpl<?, ?, ?>> agents = new CopyOnWriteArrayList<>();
    private final AppService service;
    private final AtomicInteger timerIds = new AtomicInteger();
    private final TopicImpl<byte[], byte[]> leaderTopic;
    private volatile @Nullable Throwable crashReason;

    private final class AppService extends Service {
        AppService() {
            super("app-" + settings.id());
        }

        @Override
        protected void onStop() {
            stopRuntime();
        }
    }

    private App(Settings settings) {
        this.settings = settings;
        this.sensors.add(monitor);
        this.sensors.timeSendsDirectly(monitor);
        this.rt = new AppRuntime(this, settings, Codecs.defaults(), sensors, monitor);
        this.replies = new ReplyConsumer(rt);
        this.service = new AppService();
        this.service.addCrashListener((s, reason) -> crashReason = reason);
        this.leaderTopic = rt.registerTopic(new TopicImpl<>(rt, List.of(rt.leaderTopicName()), null,
                byte[].class, byte[].class, new TopicOptions().partitions(1).internal(true).keySerializer("raw")
                        .valueSerializer("raw").spec(), true));
    }

    /**
     * Creates an app. Settings come from defaults, an optional properties file, the environment
     * and {@code configure}, and are validated now.
     *
     * @param id the app id: names the consumer group and internal topics
     * @param configure sets settings, e.g. {@code cfg -> cfg.broker("kafka://localhost:9092")}
     * @return the app
     * @throws ImproperlyConfiguredException naming the setting, the bad value and what is allowed
     */
    public static App create(String id, Consumer<AppConfig> configure) {
        Objects.requireNonNull(id, "id");
        AppConfig cfg = AppConfig.forApp(id);
        configure.accept(cfg);
        return new App(cfg.build());
    }

    /**
     * @param id the app id
     * @return an app with default settings (plus properties file and environment)
     */
    public static App create(String id) {
        return create(id, cfg -> { });
    }

    /** @return the validated settings (Faust's {@code app.conf}) */
    public Settings conf() {
        return settings;
    }

    /** @return the codec registry: register custom codecs here */
    public Codecs codecs() {
        return rt.codecs();
    }

    /** @return the sensors; add your own with {@code sensors().add(...)} */
    public SensorDelegate sensors() {
        return sensors;
    }

    /** @return the monitor keeping statistics */
    public Monitor monitor() {
        return monitor;
    }

    // ---- topics and channels -----------------------------------------------------------------

    /**
     * @param name topic name
     * @param keyType key type ({@code byte[]}, {@code String}, a record, ...)
     * @param valueType value type
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     */
    public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType) {
        return topic(name, keyType, valueType, o -> { });
    }

    /**
     * @param name topic name
     * @param keyType key type
     * @param valueType value type
     * @param options partitions, retention, serializers, ...
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     */
    public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType, Consumer<TopicOptions> options) {
        return topics(List.of(name), keyType, valueType, options);
    }

    /**
     * @param names several topic names read as one channel (sends go to the first)
     * @param keyType key type
     * @param valueType value type
     * @param options options
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     */
    public <K, V> Topic<K, V> topics(List<String> names, Class<K> keyType, Class<V> valueType, Consumer<TopicOptions> options) {
        TopicOptions o = new TopicOptions();
        options.accept(o);
        return rt.registerTopic(new TopicImpl<>(rt, names, null, keyType, valueType, o.spec(), false));
    }

    /**
     * @param pattern topic names to subscribe to (read only)
     * @param keyType key type
     * @param valueType value type
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     */
    public <K, V> Topic<K, V> topicPattern(Pattern pattern, Class<K> keyType, Class<V> valueType) {
        return rt.registerTopic(new TopicImpl<>(rt, List.of(), pattern, keyType, valueType, new TopicOptions().spec(), false));
    }

    /**
     * @param keyType key type
     * @param valueType value type
     * @param <K> key type
     * @param <V> value type
     * @return an in-memory channel (no broker)
     */
    public <K, V> Channel<K, V> channel(Class<K> keyType, Class<V> valueType) {
        return new ChannelImpl<>(rt, keyType, valueType, settings.get(StreamSettings.STREAM_BUFFER_MAXSIZE));
    }

    /**
     * @param channel a channel or topic
     * @param <K> key type
     * @param <V> value type
     * @return a new stream over it (for use in tasks)
     */
    public <K, V> Stream<K, V> stream(Channel<K, V> channel) {
        return channel.stream();
    }

    /**
     * Sends to a topic by name (created with {@code raw} key and {@code json} value serializers).
     *
     * @param topic topic name
     * @param key key
     * @param value value
     * @return completes with where the message landed
     */
    @SuppressWarnings("unchecked")
    public CompletableFuture<RecordMetadata> send(String topic, @Nullable Object key, @Nullable Object value) {
        Topic<Object, Object> t = topic(topic, Object.class, Object.class);
        return t.send(key, value);
    }

    /**
     * @param channel destination
     * @param key key
     * @param value value
     * @param <K> key type
     * @param <V> value type
     * @return completes with where the message landed
     */
    public <K, V> CompletableFuture<RecordMetadata> send(Channel<K, V> channel, @Nullable K key, @Nullable V value) {
        return channel.send(key, value);
    }

    // ---- agents ------------------------------------------------------------------------------

    /**
     * @param name agent name
     * @param channel what it reads
     * @param fn the loop
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     */
    public <K, V> Agent<K, V, Object> agent(String name, Channel<K, V> channel, AgentFunction<K, V> fn) {
        return agent(name, channel, AgentOptions.create(), fn);
    }

    /**
     * @param name agent name
     * @param channel what it reads
     * @param options concurrency, supervisor, ...
     * @param fn the loop
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     */
    public <K, V> Agent<K, V, Object> agent(String name, Channel<K, V> channel, AgentOptions options, AgentFunction<K, V> fn) {
        return addAgent(name, channel, options, fn, null);
    }

    /**
     * An agent reading its own topic {@code <app id>-<name>}.
     *
     * @param name agent name
     * @param keyType key type of its topic
     * @param valueType value type of its topic
     * @param fn the loop
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     */
    public <K, V> Agent<K, V, Object> agent(String name, Class<K> keyType, Class<V> valueType, AgentFunction<K, V> fn) {
        return addAgent(name, ownTopic(name, keyType, valueType), AgentOptions.create(), fn, null);
    }

    /**
     * An agent that emits results (RPC replies and sinks).
     *
     * @param name agent name
     * @param channel what it reads
     * @param options options (sinks, result type, ...)
     * @param fn the loop, emitting results
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the agent
     */
    public <K, V, R> Agent<K, V, R> agent(String name, Channel<K, V> channel, AgentOptions options,
                                          YieldingAgentFunction<K, V, R> fn) {
        return addAgent(name, channel, options, null, fn);
    }

    /**
     * An emitting agent reading its own topic {@code <app id>-<name>}.
     *
     * @param name agent name
     * @param keyType key type
     * @param valueType value type
     * @param options options
     * @param fn the loop
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the agent
     */
    public <K, V, R> Agent<K, V, R> agent(String name, Class<K> keyType, Class<V> valueType, AgentOptions options,
                                          YieldingAgentFunction<K, V, R> fn) {
        return addAgent(name, ownTopic(name, keyType, valueType), options, null, fn);
    }

    private <K, V> Topic<K, V> ownTopic(String name, Class<K> keyType, Class<V> valueType) {
        return rt.registerTopic(new TopicImpl<>(rt, List.of(settings.id() + "-" + name), null, keyType, valueType,
                new TopicOptions().internal(true).spec(), true));
    }

    @SuppressWarnings("unchecked")
    private <K, V, R> Agent<K, V, R> addAgent(String name, Channel<K, V> channel, AgentOptions options,
                                              @Nullable AgentFunction<K, V> fn, @Nullable YieldingAgentFunction<K, V, R> yfn) {
        Objects.requireNonNull(name, "name");
        for (AgentImpl<?, ?, ?> a : agents) {
            if (a.name().equals(name)) {
                throw new ImproperlyConfiguredException("an agent named '" + name + "' already exists; agent names must be unique");
            }
        }
        AgentImpl<K, V, R> a = new AgentImpl<>(rt, name, (AbstractChannel<K, V>) AbstractChannel.of(channel), fn, yfn,
                options.spec(), replies, this::crash);
        agents.add(a);
        if (service.state() == ServiceState.RUNNING) {
            a.start();
        }
        return a;
    }

    /** @return the agents, in declaration order */
    public List<Agent<?, ?, ?>> agents() {
        return List.copyOf(agents);
    }

    // ---- tasks, timers, services -------------------------------------------------------------

    /**
     * @param name task name
     * @param body runs once on its own virtual thread while the app runs
     */
    public void task(String name, Runnable body) {
        service.addTask(name, body::run);
    }

    /**
     * @param interval time between runs (drift-corrected)
     * @param body what to run
     */
    public void timer(Duration interval, Runnable body) {
        timer(interval, false, body);
    }

    /**
     * @param interval time between runs
     * @param onLeader run only on the group's leader worker
     * @param body what to run
     */
    public void timer(Duration interval, boolean onLeader, Runnable body) {
        service.addTimer("timer-" + timerIds.incrementAndGet(), interval, onLeader ? this::isLeader : () -> true, body);
    }

    /**
     * @param spec a cron spec, e.g. {@code 0 9 * * 1-5}
     * @param timezone zone the spec is read in (default: the {@code timezone} setting)
     * @param onLeader run only on the leader
     * @param body what to run
     */
    public void crontab(String spec, @Nullable ZoneId timezone, boolean onLeader, Runnable body) {
        Crontab cron = Crontab.parse(spec, timezone != null ? timezone : settings.get(CommonSettings.TIMEZONE));
        service.addCrontab("crontab-" + timerIds.incrementAndGet(), cron, onLeader ? this::isLeader : () -> true, body);
    }

    /** @param s a service started and stopped with the app */
    public void service(Service s) {
        service.addDependency(s);
    }

    /** @return the partitions assigned to this worker now (empty when not consuming) */
    public Set<TP> assignment() {
        ConsumerLoop loop = rt.consumerLoop();
        return loop == null ? Set.of() : loop.assignment();
    }

    /** @return whether this worker is the group's leader (owns partition 0 of the leader topic) */
    public boolean isLeader() {
        ConsumerLoop loop = rt.consumerLoop();
        return loop != null && loop.assignment().contains(new TP(leaderTopic.topics().get(0), 0));
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /** Starts everything (consumer group, agents, tasks, timers). */
    public void start() {
        start(BootStrategy.FULL);
    }

    /**
     * @param boot what to start
     */
    public void start(BootStrategy boot) {
        log.info("[{}] starting ({}) on {}", settings.id(), boot, settings.get(CommonSettings.BROKER));
        rt.producer();
        if (boot == BootStrategy.FULL) {
            rt.declareAll();
            replies.start();
            if (!settings.get(TopicSettings.TOPIC_DISABLE_LEADER)) {
                leaderTopic.subscribe();
            }
            for (AgentImpl<?, ?, ?> a : agents) {
                a.start();
            }
            rt.startConsumer(new ConsumerLoop.Hooks() {
                @Override
                public void onRevoked(Set<TP> revoked) {
                    agents.forEach(a -> a.partitionsRevoked(revoked));
                }

                @Override
                public void onAssigned(Set<TP> assigned) {
                    agents.forEach(a -> a.partitionsAssigned(assigned));
                }

                @Override
                public boolean streamsIdle() {
                    return agents.stream().allMatch(AgentImpl::idle);
                }

                @Override
                public void consumerFailed(Throwable reason) {
                    Thread.ofVirtual().name("faust-crash").start(() -> crash(reason));   // not on the consumer thread it stops
                }
            });
            service.addTimer("monitor-sample", Duration.ofSeconds(1), monitor::sample);
            service.start();
        }
    }

    /** Stops agents, commits what is done, stops tasks and timers and closes the transport. */
    public void stop() {
        if (service.state() == ServiceState.RUNNING || service.state() == ServiceState.STARTING) {
            service.stop();
        } else {
            stopRuntime();
        }
    }

    private void stopRuntime() {
        for (AgentImpl<?, ?, ?> a : agents) {
            a.stop();
        }
        replies.stop();
        rt.shutdown();
        log.info("[{}] stopped", settings.id());
    }

    /**
     * Stops the app because something it cannot recover from happened.
     *
     * @param reason why
     */
    public void crash(Throwable reason) {
        log.error("[{}] crashed", settings.id(), reason);
        crashReason = reason;
        Thread.ofVirtual().name("crash-" + settings.id()).start(() -> service.crash(reason));
    }

    /** @return the app's state */
    public ServiceState state() {
        return service.state();
    }

    /** @return why the app crashed, or null */
    public @Nullable Throwable crashReason() {
        return crashReason;
    }

    /**
     * @param timeout longest wait
     * @return true when the app stopped within the timeout
     */
    public boolean awaitStopped(Duration timeout) {
        return service.waitUntilStopped(timeout);
    }

    /**
     * Runs the umbrella command line ({@code worker}, ...), like Faust's {@code app.main()}.
     *
     * @param args command-line arguments
     */
    public void main(String... args) {
        int code = faust.cli.FaustCommand.run(this, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** @return monitor statistics (Faust's stats view) */
    public Map<String, Object> stats() {
        return monitor.asMap();
    }
}
