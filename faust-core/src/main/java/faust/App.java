package faust;

import faust.agent.Agent;
import faust.agent.AgentFunction;
import faust.agent.AgentOptions;
import faust.agent.AgentProxy;
import faust.agent.AgentProxyOptions;
import faust.agent.AgentProxySpec;
import faust.agent.AgentSpec;
import faust.agent.YieldingAgentFunction;
import faust.agent.internal.AgentRegistry;
import faust.codec.Codecs;
import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.internal.ConsumerLoop;
import faust.internal.LeaderElection;
import faust.sensor.Monitor;
import faust.sensor.Sensors;
import faust.sensor.internal.SensorDelegate;
import faust.service.Service;
import faust.service.ServiceState;
import faust.service.TimerClock;
import faust.service.TimerOptions;
import faust.settings.CommonSettings;
import faust.settings.Settings;
import faust.settings.StreamSettings;
import faust.stream.Stream;
import faust.table.GlobalTable;
import faust.table.SetTable;
import faust.table.StateTable;
import faust.table.Table;
import faust.table.TableOptions;
import faust.table.TableSpec;
import faust.table.internal.ChangelogSetTable;
import faust.table.internal.TableManager;
import faust.topic.Channel;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.topic.Topic;
import faust.topic.TopicOptions;
import faust.topic.TopicSpec;
import faust.topic.internal.ChannelImpl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faust-java application: the factory for topics, channels, agents, timers and tasks, and the
 * service that runs them (Faust's {@code faust.App}). A facade over the runtime, the
 * {@linkplain AgentRegistry agents}, the {@linkplain LeaderElection leader election} and the app's
 * own {@link Service}, which owns tasks, timers and crontabs.
 *
 * <pre>{@code
 * App app = App.create("hello", cfg -> cfg.broker("memory://"));
 * Topic<String, String> greetings = app.topic("greetings", String.class, String.class);
 * app.agent("print", greetings, stream -> { for (String g : stream) System.out.println(g); });
 * app.timer(Duration.ofSeconds(1), t -> t.name("greet"), () -> greetings.send("hello"));
 * app.main(args);
 * }</pre>
 *
 * <p>Thread-safe. Declare topics and agents before {@link #start()}; an agent declared later
 * starts at once.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Settings settings;
    private final AppRuntime rt;
    private final Monitor monitor = new Monitor();
    private final SensorDelegate sensors = new SensorDelegate();
    private final AgentRegistry agents;
    private final TableManager tables;
    private final LeaderElection leader;
    private final AppService service;
    private volatile @Nullable Throwable crashReason;

    private final class AppService extends Service {
        AppService() {
            super("app-" + settings.id());
        }

        @Override
        protected boolean isLeader() {
            return leader.isLeader();
        }

        @Override
        protected void onStop() {
            stopRuntime();
        }
    }

    private App(Settings settings, TimerClock clock) {
        this.settings = settings;
        this.sensors.add(monitor);
        this.sensors.timeSendsDirectly(monitor);
        this.rt = new AppRuntime(settings, Codecs.defaults(), sensors, monitor);
        this.agents = new AgentRegistry(rt, this::crash);
        this.tables = new TableManager(rt);
        this.leader = new LeaderElection(rt);
        this.service = new AppService();
        this.service.useClock(clock);
        this.service.addCrashListener((s, reason) -> crashReason = reason);
        this.service.addTimer(Duration.ofSeconds(1), t -> t.name("monitor-sample"), () -> {
            monitor.sample();
            rt.badInput().flush();
        });
    }

    /**
     * Creates an app. Settings come from defaults, an optional properties file, the environment,
     * {@code configure} and system properties, and are validated now.
     *
     * @param id the app id: names the consumer group and internal topics
     * @param configure sets settings, e.g. {@code cfg -> cfg.broker("kafka://localhost:9092")}
     * @return the app
     * @throws ImproperlyConfiguredException naming the setting, the bad value and what is allowed
     */
    public static App create(String id, Consumer<AppConfig> configure) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(configure, "configure");
        AppConfig cfg = AppConfig.forApp(id);
        configure.accept(cfg);
        return new App(cfg.build(), cfg.clock());
    }

    /**
     * Creates an app with default settings (plus the properties file, environment and system properties).
     *
     * @param id the app id
     * @return the app
     * @throws ImproperlyConfiguredException if a setting from the environment is not allowed
     */
    public static App create(String id) {
        return create(id, cfg -> { });
    }

    /** @return the validated settings (Faust's {@code app.conf}); read one with {@code conf().get(SETTING)} */
    public Settings conf() {
        return settings;
    }

    /** @return the codec registry: register custom codecs here before declaring topics that use them */
    public Codecs codecs() {
        return rt.codecs();
    }

    /** @return the sensors the runtime reports to; add your own with {@code sensors().add(...)} */
    public Sensors sensors() {
        return sensors;
    }

    /** @return the monitor keeping statistics (Faust's {@code app.monitor}) */
    public Monitor monitor() {
        return monitor;
    }

    // ---- topics and channels -----------------------------------------------------------------

    /**
     * The topic of this name and types with default options (Faust's {@code app.topic(name)}).
     * Calling it again with the same arguments returns the same topic.
     *
     * @param name topic name
     * @param keyType key type ({@code byte[]}, {@code String}, a record, ...)
     * @param valueType value type
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     * @throws ImproperlyConfiguredException for a blank name
     */
    public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType) {
        return topic(name, keyType, valueType, o -> { });
    }

    /**
     * The topic of this name, types and options:
     * {@code app.topic("orders", String.class, Order.class, t -> t.partitions(4))}.
     *
     * @param name topic name
     * @param keyType key type
     * @param valueType value type
     * @param options partitions, retention, serializers, ...
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     * @throws ImproperlyConfiguredException for a blank name, a bad option or an unknown codec
     */
    public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType, Consumer<TopicOptions> options) {
        return topics(List.of(name), keyType, valueType, options);
    }

    /**
     * Several topic names read as one channel; sends go to the first.
     *
     * @param names the topic names
     * @param keyType key type
     * @param valueType value type
     * @param options options
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     * @throws ImproperlyConfiguredException for a blank name, a bad option or an unknown codec
     */
    public <K, V> Topic<K, V> topics(List<String> names, Class<K> keyType, Class<V> valueType,
                                     Consumer<TopicOptions> options) {
        return rt.topics().topic(names, null, keyType, valueType, TopicSpec.of(options), false);
    }

    /**
     * A read-only topic of every topic whose name matches {@code pattern}.
     *
     * @param pattern topic names to subscribe to
     * @param keyType key type
     * @param valueType value type
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     */
    public <K, V> Topic<K, V> topicPattern(Pattern pattern, Class<K> keyType, Class<V> valueType) {
        return rt.topics().topic(List.of(), Objects.requireNonNull(pattern, "pattern"), keyType, valueType,
                TopicSpec.defaults(), false);
    }

    /**
     * An in-memory channel: values sent to it go straight to the streams reading it, with no broker
     * and no serialization (Faust's {@code app.channel()}).
     *
     * @param keyType key type
     * @param valueType value type
     * @param <K> key type
     * @param <V> value type
     * @return a new channel
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
     * Sends to a topic by name (Faust's {@code app.send}), with the default codecs; the topic is
     * made once, not per call.
     *
     * @param topic topic name
     * @param key key
     * @param value value
     * @return completes with where the message landed
     */
    public CompletableFuture<RecordMetadata> send(String topic, @Nullable Object key, @Nullable Object value) {
        return topic(topic, Object.class, Object.class).send(key, value);
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
     * An agent: {@code fn} loops over a stream of {@code channel} on its own virtual thread (Faust's
     * {@code @app.agent(channel)}).
     *
     * @param name agent name, unique in the app
     * @param channel what it reads
     * @param fn the loop
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken
     */
    public <K, V> Agent<K, V, Void> agent(String name, Channel<K, V> channel, AgentFunction<K, V> fn) {
        return agent(name, channel, o -> { }, fn);
    }

    /**
     * An agent with options: {@code app.agent("count", topic, a -> a.concurrency(4), stream -> ...)}.
     *
     * @param name agent name, unique in the app
     * @param channel what it reads
     * @param options concurrency, supervisor, ...
     * @param fn the loop
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken or the options do not fit
     */
    public <K, V> Agent<K, V, Void> agent(String name, Channel<K, V> channel, Consumer<AgentOptions> options,
                                          AgentFunction<K, V> fn) {
        return agents.add(name, channel, AgentSpec.of(options), fn);
    }

    /**
     * An agent reading its own topic {@code <app id>-<name>} (Faust's {@code @app.agent()} without a channel).
     *
     * @param name agent name, unique in the app
     * @param keyType key type of its topic
     * @param valueType value type of its topic
     * @param fn the loop
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken
     */
    public <K, V> Agent<K, V, Void> agent(String name, Class<K> keyType, Class<V> valueType, AgentFunction<K, V> fn) {
        return agent(name, ownTopic(name, keyType, valueType), fn);
    }

    /**
     * An agent with options, reading its own topic {@code <app id>-<name>}.
     *
     * @param name agent name, unique in the app
     * @param keyType key type of its topic
     * @param valueType value type of its topic
     * @param options concurrency, supervisor, ...
     * @param fn the loop
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken or the options do not fit
     */
    public <K, V> Agent<K, V, Void> agent(String name, Class<K> keyType, Class<V> valueType, Consumer<AgentOptions> options,
                                          AgentFunction<K, V> fn) {
        return agent(name, ownTopic(name, keyType, valueType), options, fn);
    }

    /**
     * An agent that emits results of type {@code R}: each answers the current event's RPC request
     * (if it is one) and goes to the agent's sinks (Faust's agents that {@code yield}).
     *
     * @param name agent name, unique in the app
     * @param channel what it reads
     * @param resultType the type of its results, into which replies to {@code ask} are decoded
     * @param fn the loop, emitting results
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken
     */
    public <K, V, R> Agent<K, V, R> agent(String name, Channel<K, V> channel, Class<R> resultType,
                                          YieldingAgentFunction<K, V, R> fn) {
        return agent(name, channel, resultType, o -> { }, fn);
    }

    /**
     * An agent that emits results, with options (sinks, concurrency, ...).
     *
     * @param name agent name, unique in the app
     * @param channel what it reads
     * @param resultType the type of its results
     * @param options options
     * @param fn the loop, emitting results
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken or the options do not fit
     */
    public <K, V, R> Agent<K, V, R> agent(String name, Channel<K, V> channel, Class<R> resultType,
                                          Consumer<AgentOptions> options, YieldingAgentFunction<K, V, R> fn) {
        return agents.add(name, channel, resultType, AgentSpec.of(options), fn);
    }

    /**
     * An agent that emits results, reading its own topic {@code <app id>-<name>}.
     *
     * @param name agent name, unique in the app
     * @param keyType key type of its topic
     * @param valueType value type of its topic
     * @param resultType the type of its results
     * @param fn the loop, emitting results
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken
     */
    public <K, V, R> Agent<K, V, R> agent(String name, Class<K> keyType, Class<V> valueType, Class<R> resultType,
                                          YieldingAgentFunction<K, V, R> fn) {
        return agent(name, keyType, valueType, resultType, o -> { }, fn);
    }

    /**
     * An agent that emits results, with options, reading its own topic {@code <app id>-<name>}.
     *
     * @param name agent name, unique in the app
     * @param keyType key type of its topic
     * @param valueType value type of its topic
     * @param resultType the type of its results
     * @param options options
     * @param fn the loop, emitting results
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken or the options do not fit
     */
    public <K, V, R> Agent<K, V, R> agent(String name, Class<K> keyType, Class<V> valueType, Class<R> resultType,
                                          Consumer<AgentOptions> options, YieldingAgentFunction<K, V, R> fn) {
        return agent(name, ownTopic(name, keyType, valueType), resultType, options, fn);
    }

    private <K, V> Topic<K, V> ownTopic(String name, Class<K> keyType, Class<V> valueType) {
        return rt.topics().topic(List.of(settings.id() + "-" + name), null, keyType, valueType,
                TopicSpec.of(o -> o.internal(true)), true);
    }

    /** @return the agents, in declaration order */
    public List<Agent<?, ?, ?>> agents() {
        return agents.all();
    }

    /**
     * A handle for an agent that runs elsewhere (another app, or a Python Faust worker), by the
     * topic it reads; asks in the {@code agent_use_reply_headers} form. The topic is never
     * consumed by this app.
     *
     * @param topic the remote agent's topic, e.g. {@code app.topic("billing-rates.mul", String.class, Double.class)}
     *     for Faust's {@code @app.agent()} {@code mul} in module {@code rates} of app {@code billing}
     * @param resultType what its replies are decoded into
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the proxy
     * @throws ImproperlyConfiguredException if the topic is not one named topic of this app
     */
    public <K, V, R> AgentProxy<K, V, R> agentProxy(Topic<K, V> topic, Class<R> resultType) {
        return agentProxy(topic, resultType, p -> { });
    }

    /**
     * A handle for an agent that runs elsewhere, with options:
     * {@code app.agentProxy(topic, Point.class, p -> p.replyForm(ReplyForm.ENVELOPE))}.
     *
     * @param topic the remote agent's topic
     * @param resultType what its replies are decoded into
     * @param options reply form (as the remote agent reads requests) and default timeout
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the proxy
     * @throws ImproperlyConfiguredException if the topic is not one named topic of this app
     */
    public <K, V, R> AgentProxy<K, V, R> agentProxy(Topic<K, V> topic, Class<R> resultType,
                                                    Consumer<AgentProxyOptions> options) {
        return agents.proxy(topic, resultType, AgentProxySpec.of(options));
    }

    // ---- tasks, timers, services -------------------------------------------------------------

    /**
     * A task: runs once on its own virtual thread while the app runs (Faust's {@code @app.task}).
     *
     * @param name task name
     * @param body what to run
     */
    public void task(String name, Runnable body) {
        Objects.requireNonNull(body, "body");
        service.addTask(name, body::run);
    }

    /**
     * A timer: runs {@code body} every {@code interval}, drift-corrected (Faust's {@code @app.timer}).
     *
     * @param interval time between runs, positive
     * @param body what to run; an exception is logged and the timer goes on
     * @throws ImproperlyConfiguredException if the interval is not positive
     */
    public void timer(Duration interval, Runnable body) {
        timer(interval, t -> { }, body);
    }

    /**
     * A timer with options: {@code app.timer(Duration.ofSeconds(10), t -> t.name("report").onLeader(), body)}.
     *
     * @param interval time between runs, positive
     * @param options the timer's name and whether it runs on the group's leader only
     * @param body what to run; an exception is logged and the timer goes on
     * @throws ImproperlyConfiguredException if the interval is not positive or the name blank
     */
    public void timer(Duration interval, Consumer<TimerOptions> options, Runnable body) {
        service.addTimer(interval, options, body);
    }

    /**
     * A cron job (Faust's {@code @app.crontab}): {@code app.crontab("0 9 * * 1-5", t -> t.onLeader(), body)}.
     * The spec is read in the {@code timezone} setting unless the options give a zone.
     *
     * @param spec a cron spec, e.g. {@code 0 9 * * 1-5}
     * @param options name, time zone and whether it runs on the leader only
     * @param body what to run; an exception is logged and the job goes on
     * @throws ImproperlyConfiguredException if the spec cannot be parsed
     */
    public void crontab(String spec, Consumer<TimerOptions> options, Runnable body) {
        Objects.requireNonNull(options, "options");
        service.addCrontab(spec, t -> {
            t.timezone(settings.get(CommonSettings.TIMEZONE));
            options.accept(t);
        }, body);
    }

    /** @param s a service started and stopped with the app; its leader-only timers follow the app's leader */
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
        return leader.isLeader();
    }

    // ---- tables --------------------------------------------------------------------------------

    /**
     * A table with default options (Faust's {@code app.Table(name, default=...)}): a partitioned map
     * whose every write goes to the compacted changelog topic {@code {app_id}-{name}-changelog}, and
     * which a worker rebuilds from that changelog when it takes a partition over.
     *
     * @param name the table's name
     * @param keyType key type
     * @param valueType value type
     * @param defaultValue the value of a missing key (Faust's {@code default=int} is {@code () -> 0L}),
     *     or null for none
     * @param <K> key type
     * @param <V> value type
     * @return the table
     * @throws ImproperlyConfiguredException when the name is taken, or a serializer or the store is unknown
     */
    public <K, V> Table<K, V> table(String name, Class<K> keyType, Class<V> valueType,
                                    @Nullable Supplier<? extends V> defaultValue) {
        return table(name, keyType, valueType, defaultValue, o -> { });
    }

    /**
     * A table with options: {@code app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(4))}.
     *
     * @param name the table's name
     * @param keyType key type
     * @param valueType value type
     * @param defaultValue the value of a missing key, or null for none
     * @param options sets the table's options
     * @param <K> key type
     * @param <V> value type
     * @return the table
     * @throws ImproperlyConfiguredException when the name is taken, or a serializer or the store is unknown
     */
    public <K, V> Table<K, V> table(String name, Class<K> keyType, Class<V> valueType,
                                    @Nullable Supplier<? extends V> defaultValue, Consumer<TableOptions> options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        return tables.table(name, keyType, valueType, defaultValue, TableSpec.of(options), false);
    }

    /**
     * A global table with default options (Faust's {@code app.GlobalTable(name, default=...)}).
     *
     * @param name the table's name
     * @param keyType key type
     * @param valueType value type
     * @param defaultValue the value of a missing key, or null for none
     * @param <K> key type
     * @param <V> value type
     * @return the table
     * @throws ImproperlyConfiguredException when the name is taken, or a serializer or the store is unknown
     */
    public <K, V> GlobalTable<K, V> globalTable(String name, Class<K> keyType, Class<V> valueType,
                                                @Nullable Supplier<? extends V> defaultValue) {
        return globalTable(name, keyType, valueType, defaultValue, o -> { });
    }

    /**
     * A table every worker holds whole and keeps following (Faust's {@code app.GlobalTable}).
     *
     * @param name the table's name
     * @param keyType key type
     * @param valueType value type
     * @param defaultValue the value of a missing key, or null for none
     * @param options sets the table's options
     * @param <K> key type
     * @param <V> value type
     * @return the table
     * @throws ImproperlyConfiguredException when the name is taken, or a serializer or the store is unknown
     */
    public <K, V> GlobalTable<K, V> globalTable(String name, Class<K> keyType, Class<V> valueType,
                                                @Nullable Supplier<? extends V> defaultValue,
                                                Consumer<TableOptions> options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        return (GlobalTable<K, V>) tables.table(name, keyType, valueType, defaultValue, TableSpec.of(options), true);
    }

    /**
     * A table whose values are sets (Faust's {@code app.SetTable}), with default options.
     *
     * @param name the table's name
     * @param keyType key type
     * @param elementType the sets' element type
     * @param <K> key type
     * @param <E> element type
     * @return the table
     * @throws ImproperlyConfiguredException when the name is taken or the store is unknown
     */
    public <K, E> SetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType) {
        return setTable(name, keyType, elementType, o -> { });
    }

    /**
     * A set table with options, e.g. {@code o -> o.startManager(true)} (Faust's {@code start_manager=True}).
     *
     * @param name the table's name
     * @param keyType key type
     * @param elementType the sets' element type
     * @param options sets the table's options
     * @param <K> key type
     * @param <E> element type
     * @return the table
     * @throws ImproperlyConfiguredException when the name is taken, the store is unknown or a serializer is not json
     */
    public <K, E> SetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType,
                                          Consumer<TableOptions> options) {
        return setTable(name, keyType, elementType, options, false);
    }

    /**
     * A set table every worker holds whole and keeps following (Faust's {@code app.SetGlobalTable}).
     *
     * @param name the table's name
     * @param keyType key type
     * @param elementType the sets' element type
     * @param options sets the table's options
     * @param <K> key type
     * @param <E> element type
     * @return the table
     * @throws ImproperlyConfiguredException when the name is taken, the store is unknown or a serializer is not json
     */
    public <K, E> SetTable<K, E> setGlobalTable(String name, Class<K> keyType, Class<E> elementType,
                                                Consumer<TableOptions> options) {
        return setTable(name, keyType, elementType, options, true);
    }

    private <K, E> SetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType,
                                           Consumer<TableOptions> options, boolean global) {
        ChangelogSetTable<K, E> t = tables.setTable(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(keyType, "keyType"), Objects.requireNonNull(elementType, "elementType"),
                TableSpec.of(options), global);
        Topic<K, byte[]> manager = t.managerTopic();
        if (manager != null) {
            agents.add(name + "-setmanager", manager, AgentSpec.of(o -> { }), t::runManager);
        }
        return t;
    }

    /** @return the tables, in declaration order (Faust's {@code app.tables}) */
    public List<StateTable> tables() {
        return tables.tables();
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /** Starts everything (consumer group, agents, tasks, timers). */
    public void start() {
        start(BootStrategy.FULL);
    }

    /**
     * @param boot what to start: everything, only what a client of other workers needs, or only the producer
     */
    public void start(BootStrategy boot) {
        log.info("[{}] starting ({}) on {}", settings.id(), boot, settings.get(CommonSettings.BROKER));
        rt.producer();
        if (boot == BootStrategy.FULL) {
            rt.topics().declareAll();
            leader.start();
            agents.start();
            tables.startConsuming();
            rt.startConsumer(agents, tables);
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

    /** Stops the app, as {@link #stop()}: {@code try (App app = ...) { ... }}. */
    @Override
    public void close() {
        stop();
    }

    private void stopRuntime() {
        agents.stop();
        rt.shutdown();
        tables.stop();
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
     * Runs the umbrella command line ({@code worker}, {@code agents}, ...), like Faust's
     * {@code app.main()}; the command line comes with the {@code faust-cli} module, found through
     * {@link ServiceLoader}. Exits the JVM with the command's code when it is not 0.
     *
     * @param args command-line arguments
     * @throws ImproperlyConfiguredException when faust-cli is not on the class path
     */
    public void main(String... args) {
        CommandLine cli = ServiceLoader.load(CommandLine.class).findFirst().orElseThrow(() ->
                new ImproperlyConfiguredException("app.main(args) needs the faust-cli module on the class path "
                        + "(it holds the worker command); add the io.faustjava:faust-cli dependency"));
        int code = cli.run(this, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** @return the runtime, for the test driver */
    AppRuntime runtime() {
        return rt;
    }

    /** @return the agents, for the test driver */
    TableManager tableManager() {
        return tables;
    }

    AgentRegistry agentRegistry() {
        return agents;
    }

    /** @return monitor statistics (Faust's stats view) */
    public Map<String, Object> stats() {
        return monitor.asMap();
    }
}
