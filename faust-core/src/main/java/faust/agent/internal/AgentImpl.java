package faust.agent.internal;

import faust.agent.Agent;
import faust.agent.AgentSpec;
import faust.agent.AgentTestContext;
import faust.agent.Sink;
import faust.agent.SupervisorStrategy;
import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.settings.AgentSettings;
import faust.stream.internal.AbstractChannel;
import faust.stream.internal.EventQueue;
import faust.topic.Channel;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import faust.topic.TP;
import faust.topic.internal.TopicImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent: its {@link Actor}s, their {@link Supervisor}, the per-partition actors of
 * {@code isolated_partitions} ({@link PartitionActors}), and its RPC side ({@link Asker}).
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
public final class AgentImpl<K, V, R> extends AbstractAgentRef<K, V, R> implements Agent<K, V, R> {
    private static final Logger log = LoggerFactory.getLogger(AgentImpl.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final AppRuntime rt;
    private final String name;
    private final AbstractChannel<K, V> channel;
    private final AgentBody<K, V> body;
    private final AgentSpec spec;
    private final Supervisor supervisor;
    private final @Nullable Asker asker;
    private final List<Actor<K, V>> actors = new CopyOnWriteArrayList<>();
    private final @Nullable PartitionActors partitionActors;
    private final List<Consumer<Set<TP>>> onAssigned = new CopyOnWriteArrayList<>();
    private final List<Consumer<Set<TP>>> onRevoked = new CopyOnWriteArrayList<>();
    private final Consumer<Throwable> crashApp;
    private volatile boolean running;

    /**
     * @param rt runtime
     * @param name agent name
     * @param channel the channel read
     * @param body the agent's function
     * @param resultType the type RPC replies are decoded into ({@link Void} for agents that emit nothing)
     * @param spec options
     * @param replies the app's reply consumer
     * @param crashApp crashes the app (CRASHING strategy, restart limit)
     * @throws ImproperlyConfiguredException when the options do not fit the function or the channel
     */
    AgentImpl(AppRuntime rt, String name, AbstractChannel<K, V> channel, AgentBody<K, V> body, Class<R> resultType,
              AgentSpec spec, ReplyConsumer replies, Consumer<Throwable> crashApp) {
        super(rt.settings());
        this.rt = rt;
        this.name = name;
        this.channel = channel;
        this.body = body;
        this.spec = spec;
        this.crashApp = crashApp;
        this.asker = channel instanceof TopicImpl<?, ?> t
                ? new Asker(rt, t, resultType, AgentRegistry.replyForm(rt, spec.replyForm()), replies) : null;
        SupervisorStrategy strategy = spec.supervisorStrategy() != null ? spec.supervisorStrategy()
                : SupervisorStrategy.fromName(rt.settings().get(AgentSettings.AGENT_SUPERVISOR));
        this.supervisor = new Supervisor(strategy, spec.maxRestarts(), spec.restartWindow());
        if (!body.yields() && !spec.sinks().isEmpty()) {
            throw new ImproperlyConfiguredException("agent " + name + " has sinks but does not emit results: "
                    + "declare it with a YieldingAgentFunction, (stream, results) -> ..., and call results.emit(value)");
        }
        if (spec.isolatedPartitions() && !(channel instanceof TopicImpl<?, ?>)) {
            throw new ImproperlyConfiguredException("agent " + name + ": isolatedPartitions needs a topic (one actor per "
                    + "partition), but its channel " + channel.label() + " has no partitions; use app.topic(...)");
        }
        if (spec.isolatedPartitions() && spec.concurrency() > 1) {
            throw new ImproperlyConfiguredException("agent " + name + ": isolatedPartitions needs concurrency 1, got "
                    + spec.concurrency());
        }
        this.partitionActors = spec.isolatedPartitions() ? new PartitionActors(channel.maxsize()) : null;
        if (body.yields()) {
            channel.setUnwrapper(ReqRep::unwrap);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Channel<K, V> channel() {
        return channel;
    }

    /**
     * Starts the actors and subscribes the channel. With {@code isolated_partitions} no actor
     * starts here: each assigned partition gets its own buffer and actor when it is assigned.
     */
    void start() {
        if (channel instanceof TopicImpl<?, ?> t && t.topics().size() > 1) {
            // events of one key must reach the same actor whichever topic they come from
            rt.transport().checkCopartitioned("agent " + name, t.topics());
        }
        running = true;
        if (partitionActors != null) {
            channel.setPartitionRouter(partitionActors);
            channel.subscribe();
            return;
        }
        channel.subscribe();
        for (int i = 0; i < spec.concurrency(); i++) {
            startActor(i, null);
        }
    }

    private void startActor(int index, @Nullable TP partition) {
        EventQueue isolated = partition == null || partitionActors == null ? null : partitionActors.apply(partition);
        Actor<K, V> a = new Actor<>(rt, name, index, partition, isolated, channel, spec.concurrency(), body, null,
                this::supervise);
        if (partition != null && partitionActors != null) {
            partitionActors.put(partition, a);
        }
        actors.add(a);
        a.start();
    }

    /** Stops every actor. */
    void stop() {
        running = false;
        for (Actor<K, V> a : actors) {
            a.stop();
        }
        for (Actor<K, V> a : actors) {
            a.join(STOP_WAIT);
        }
        actors.clear();
        if (partitionActors != null) {
            partitionActors.clear();
        }
    }

    /** @return whether every actor's streams are waiting for events (nothing in hand) */
    boolean idle() {
        for (Actor<K, V> a : actors) {
            if (!a.idle()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void supervise(Actor<?, ?> actor, Throwable t) {
        Actor<K, V> crashed = (Actor<K, V>) actor;
        callOnError(t);
        if (!running) {
            return;
        }
        switch (supervisor.onCrash(System.nanoTime())) {
            case CRASH_APP -> crashApp.accept(t);
            case TOO_MANY_RESTARTS -> {
                log.error("[{}] agent {} restarted more than {} times within {}; crashing the app", rt.settings().id(), name,
                        spec.maxRestarts(), spec.restartWindow());
                crashApp.accept(t);
            }
            case FORFEIT_ACTOR -> {
                actors.remove(crashed);
                TP p = crashed.partition();
                if (p != null && partitionActors != null) {
                    partitionActors.remove(p, crashed);
                }
            }
            case FORFEIT_ALL -> stopAll();
            case RESTART_ACTOR -> {
                actors.remove(crashed);
                log.info("[{}] restarting agent {} actor {}", rt.settings().id(), name, crashed.label());
                TP p = crashed.partition();
                if (p == null) {
                    startActor(crashed.index(), null);
                } else if (partitionActors != null && partitionActors.remove(p, crashed)) {
                    startActor(p.partition(), p);
                }
            }
            case RESTART_ALL -> {
                stopAll();
                log.info("[{}] restarting all actors of agent {}", rt.settings().id(), name);
                if (partitionActors != null) {
                    for (TP p : partitionActors.clear()) {
                        startActor(p.partition(), p);
                    }
                } else {
                    for (int i = 0; i < spec.concurrency(); i++) {
                        startActor(i, null);
                    }
                }
            }
        }
    }

    private void stopAll() {
        for (Actor<K, V> a : actors) {
            a.stop();
        }
        actors.clear();
    }

    private void callOnError(Throwable t) {
        var handler = spec.onError();
        if (handler == null) {
            return;
        }
        try {
            handler.accept(this, t);
        } catch (RuntimeException e) {
            log.warn("[{}] on_error handler of agent {} failed", rt.settings().id(), name, e);
        }
    }

    @Override
    public CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value) {
        return channel.send(key, value, SendOptions.defaults());
    }

    @Override
    String describe() {
        return "agent " + name;
    }

    @Override
    @SuppressWarnings("unchecked")      // the reply is decoded as the result type
    CompletableFuture<R> request(@Nullable K key, @Nullable V value, SendOptions options, Duration timeout) {
        if (asker == null) {
            return CompletableFuture.failedFuture(new ImproperlyConfiguredException("agent " + name + " reads "
                    + channel.label() + ", a plain channel; ask() needs a topic (app.topic(...)) the request can be sent to"));
        }
        if (!body.yields()) {
            // its stream would not even unwrap the request, and no reply could ever come
            return CompletableFuture.failedFuture(new ImproperlyConfiguredException("agent " + name + " does not emit results, "
                    + "so ask() would never get a reply; create it with a result type and function (app.agent(name, channel, "
                    + "Result.class, (stream, results) -> ...)) or use send()/cast() to send without waiting"));
        }
        return (CompletableFuture<R>) (CompletableFuture<?>) asker.ask(key, value, options, timeout);
    }

    @Override
    public void onPartitionsAssigned(Consumer<Set<TP>> callback) {
        onAssigned.add(callback);
    }

    @Override
    public void onPartitionsRevoked(Consumer<Set<TP>> callback) {
        onRevoked.add(callback);
    }

    /**
     * Runs the partition callbacks; with {@code isolated_partitions}, starts an actor for each
     * newly assigned partition of the agent's topics.
     *
     * @param assigned partitions assigned to this worker
     */
    void partitionsAssigned(Set<TP> assigned) {
        if (partitionActors != null && running) {
            for (TP tp : new TreeSet<>(assigned)) {
                if (reads(tp) && !partitionActors.has(tp)) {
                    startActor(tp.partition(), tp);
                }
            }
        }
        for (Consumer<Set<TP>> c : onAssigned) {
            c.accept(assigned);
        }
    }

    /**
     * Runs the partition callbacks; with {@code isolated_partitions}, stops the actors of the
     * revoked partitions.
     *
     * @param revoked partitions revoked from this worker
     */
    void partitionsRevoked(Set<TP> revoked) {
        for (Consumer<Set<TP>> c : onRevoked) {
            c.accept(revoked);
        }
        if (partitionActors != null) {
            List<Actor<?, ?>> stopped = new ArrayList<>();
            for (TP tp : revoked) {
                Actor<?, ?> a = partitionActors.revoke(tp);
                if (a != null) {
                    a.stop();
                    actors.remove(a);
                    stopped.add(a);
                }
            }
            for (Actor<?, ?> a : stopped) {
                a.join(STOP_WAIT);
            }
        }
    }

    private boolean reads(TP tp) {
        return channel instanceof TopicImpl<?, ?> t && t.reads(tp.topic());
    }

    /** @return the partitions that have their own actor ({@code isolated_partitions}) */
    public Set<TP> isolatedPartitions() {
        return partitionActors == null ? Set.of() : partitionActors.partitions();
    }

    @Override
    public Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("channel", channel.label());
        m.put("concurrency", spec.concurrency());
        m.put("yields", body.yields());
        m.put("sinks", spec.sinks().stream().map(AgentImpl::describe).toList());
        m.put("supervisor_strategy", supervisor.strategy().name().toLowerCase(Locale.ROOT));
        m.put("isolated_partitions", spec.isolatedPartitions());
        m.put("actors", actors.size());
        m.put("running", running);
        if (spec.help() != null) {
            m.put("help", spec.help());
        }
        return m;
    }

    private static String describe(Sink sink) {
        return switch (sink) {
            case Sink.ToAgent(Agent<?, ?, ?> a) -> "agent:" + a.name();
            case Sink.ToChannel(Channel<?, ?> c) -> "channel:" + c.label();
            case Sink.ToCallback(Consumer<?> c) -> "callback:" + c;
        };
    }

    @Override
    public AgentTestContext<K, V, R> testContext() {
        return new TestContext<>(this, rt, channel);
    }

    /** Starts an actor over a test channel, recording results, reporting crashes. */
    Actor<K, V> startTestActor(AbstractChannel<K, V> source, Consumer<Object> recorder, Actor.CrashHandler onCrash) {
        if (body.yields()) {
            source.setUnwrapper(ReqRep::unwrap);
        }
        Actor<K, V> a = new Actor<>(rt, name, 0, null, null, source, spec.concurrency(), body, recorder, onCrash);
        a.start();
        return a;
    }
}
