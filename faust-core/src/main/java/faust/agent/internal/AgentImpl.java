package faust.agent.internal;

import faust.agent.Agent;
import faust.agent.AgentFunction;
import faust.agent.AgentOptions;
import faust.agent.AgentTestContext;
import faust.agent.SupervisorStrategy;
import faust.agent.YieldingAgentFunction;
import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.settings.AgentSettings;
import faust.settings.RpcSettings;
import faust.stream.Event;
import faust.stream.KeyValue;
import faust.stream.Stream;
import faust.stream.internal.StreamContext;
import faust.stream.internal.StreamImpl;
import faust.topic.Channel;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import faust.topic.TP;
import faust.topic.internal.AbstractChannel;
import faust.topic.internal.EventQueue;
import faust.topic.internal.TopicImpl;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent: its actors (virtual threads), supervisor, sinks and RPC.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
public final class AgentImpl<K, V, R> implements Agent<K, V, R> {
    private static final Logger log = LoggerFactory.getLogger(AgentImpl.class);

    private final AppRuntime rt;
    private final String name;
    private final AbstractChannel<K, V> channel;
    private final @Nullable AgentFunction<K, V> fn;
    private final @Nullable YieldingAgentFunction<K, V, R> yieldingFn;
    private final AgentOptions.Spec options;
    private final SupervisorStrategy strategy;
    private final AgentRpc<K, V, R> rpc;
    private final List<Actor> actors = new CopyOnWriteArrayList<>();
    private final Deque<Long> restarts = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Consumer<Set<TP>>> onAssigned = new CopyOnWriteArrayList<>();
    private final List<Consumer<Set<TP>>> onRevoked = new CopyOnWriteArrayList<>();
    private final Consumer<Throwable> crashApp;
    private volatile boolean running;
    /** isolated_partitions: one buffer and one actor per assigned partition. */
    private final Map<TP, EventQueue> partitionQueues = new ConcurrentHashMap<>();
    private final Map<TP, Actor> partitionActors = new ConcurrentHashMap<>();

    /** One actor: a virtual thread running the agent function over its own stream. */
    final class Actor {
        final int index;
        final StreamContext context;
        final Thread thread;
        final AbstractChannel<K, V> source;
        final @Nullable Consumer<Object> recorder;
        final @Nullable Consumer<Throwable> onCrash;
        final @Nullable TP partition;

        Actor(int index, AbstractChannel<K, V> source, @Nullable Consumer<Object> recorder, @Nullable Consumer<Throwable> onCrash) {
            this(index, null, source, recorder, onCrash);
        }

        Actor(int index, @Nullable TP partition, AbstractChannel<K, V> source, @Nullable Consumer<Object> recorder,
              @Nullable Consumer<Throwable> onCrash) {
            this.index = index;
            this.partition = partition;
            this.source = source;
            this.recorder = recorder;
            this.onCrash = onCrash;
            this.context = new StreamContext(name, options.concurrency());
            if (partition != null) {
                context.isolate(source, partitionQueue(partition));
            }
            String suffix = partition == null ? String.valueOf(index) : partition.topic() + "-" + partition.partition();
            this.thread = Thread.ofVirtual().name("agent-" + name + "-" + suffix).unstarted(this::run);
        }

        private void run() {
            String label = partition == null ? "agent-" + name + "-" + index
                    : "agent-" + name + "-" + partition.topic() + "-" + partition.partition();
            StreamImpl<K, V> stream = new StreamImpl<>(rt, source, context, label);
            try {
                try {
                    if (yieldingFn != null) {
                        yieldingFn.process(stream, value -> emit(value, recorder));
                    } else {
                        Stream<K, V> s = recorder == null ? stream : stream.addProcessor(recorder::accept);
                        Objects.requireNonNull(fn).process(s);
                    }
                } finally {
                    context.reportAcks();    // events finished before the function returned or threw
                }
                if (!context.stopped()) {
                    log.warn("[{}] agent {} actor {} returned while the app runs; it will not read more events", rt.settings().id(),
                            name, index);
                }
            } catch (Throwable t) {
                if (context.stopped() && (t instanceof InterruptedException || t.getCause() instanceof InterruptedException)) {
                    return;
                }
                Event<?, ?> e = Event.current();
                Event.setCurrent(null);
                // exactly-once: what this event sent must not commit; read again from the last commit
                rt.requestRewind("agent " + name + " actor " + index + " crashed: " + t);
                context.returnLeftovers();
                if (e != null) {
                    log.error("[{}] agent {} actor {} crashed processing topic={} partition={} offset={}", rt.settings().id(), name,
                            index, e.message().topic(), e.message().partition(), e.message().offset(), t);
                } else {
                    log.error("[{}] agent {} actor {} crashed", rt.settings().id(), name, index, t);
                }
                if (onCrash != null) {
                    onCrash.accept(t);
                } else {
                    supervise(this, t);
                }
                if (e != null && !rt.exactlyOnce()) {
                    e.ack();   // the event was handed to the agent: it is done, as in Faust
                }
            }
        }

        void stop() {
            context.stop();
        }
    }

    /**
     * @param rt runtime
     * @param name agent name
     * @param channel the channel read
     * @param fn a plain agent function, or null
     * @param yieldingFn a yielding agent function, or null
     * @param options options
     * @param replies the app's reply consumer
     * @param crashApp crashes the app (CRASHING strategy, restart limit)
     */
    public AgentImpl(AppRuntime rt, String name, AbstractChannel<K, V> channel, @Nullable AgentFunction<K, V> fn,
                     @Nullable YieldingAgentFunction<K, V, R> yieldingFn, AgentOptions.Spec options, ReplyConsumer replies,
                     Consumer<Throwable> crashApp) {
        this.rt = rt;
        this.name = name;
        this.channel = channel;
        this.fn = fn;
        this.yieldingFn = yieldingFn;
        this.options = options;
        this.rpc = new AgentRpc<>(rt, name, channel, yieldingFn != null, options, replies);
        this.crashApp = crashApp;
        this.strategy = options.supervisorStrategy() != null ? options.supervisorStrategy()
                : SupervisorStrategy.fromName(rt.settings().get(AgentSettings.AGENT_SUPERVISOR));
        if (yieldingFn == null && !options.sinks().isEmpty()) {
            throw new ImproperlyConfiguredException("agent " + name + " has sinks but does not emit results: "
                    + "declare it with a YieldingAgentFunction, (stream, results) -> ..., and call results.emit(value)");
        }
        if (options.isolatedPartitions() && !(channel instanceof TopicImpl<?, ?>)) {
            throw new ImproperlyConfiguredException("agent " + name + ": isolatedPartitions needs a topic (one actor per "
                    + "partition), but its channel " + channel.label() + " has no partitions; use app.topic(...)");
        }
        if (options.isolatedPartitions() && options.concurrency() > 1) {
            throw new ImproperlyConfiguredException("agent " + name + ": isolatedPartitions needs concurrency 1, got "
                    + options.concurrency());
        }
        if (yieldingFn != null) {
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
    public void start() {
        if (channel instanceof TopicImpl<?, ?> t && t.topics().size() > 1) {
            // events of one key must reach the same actor whichever topic they come from
            rt.transport().checkCopartitioned("agent " + name, t.topics());
        }
        running = true;
        if (options.isolatedPartitions()) {
            channel.setPartitionRouter(new AbstractChannel.PartitionBuffers() {
                @Override
                public EventQueue apply(TP tp) {
                    return partitionQueue(tp);
                }

                @Override
                public void clearAll() {
                    partitionQueues.values().forEach(EventQueue::clear);
                }
            });
            channel.subscribe();
            return;
        }
        channel.subscribe();
        for (int i = 0; i < options.concurrency(); i++) {
            startActor(i);
        }
    }

    private EventQueue partitionQueue(TP tp) {
        return partitionQueues.computeIfAbsent(tp, k -> new EventQueue(channel.maxsize()));
    }

    private void startActor(int index) {
        Actor a = new Actor(index, channel, null, null);
        actors.add(a);
        a.thread.start();
    }

    private void startPartitionActor(TP tp) {
        Actor a = new Actor(tp.partition(), tp, channel, null, null);
        partitionActors.put(tp, a);
        actors.add(a);
        a.thread.start();
    }

    private boolean reads(TP tp) {
        return channel instanceof TopicImpl<?, ?> t && t.reads(tp.topic());
    }

    /** Stops every actor. */
    public void stop() {
        running = false;
        for (Actor a : actors) {
            a.stop();
        }
        for (Actor a : actors) {
            try {
                a.thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        actors.clear();
        partitionActors.clear();
    }

    /** @return whether every actor's streams are waiting for events (nothing in hand) */
    public boolean idle() {
        for (Actor a : actors) {
            if (!a.context.idle()) {
                return false;
            }
        }
        return true;
    }

    private void supervise(Actor crashed, Throwable t) {
        BiConsumerCall.call(options.onError(), this, t, name);
        if (!running) {
            return;
        }
        switch (strategy) {
            case CRASHING -> crashApp.accept(t);
            case FORFEIT_ONE_FOR_ONE -> {
                actors.remove(crashed);
                if (crashed.partition != null) {
                    partitionActors.remove(crashed.partition, crashed);
                }
            }
            case FORFEIT_ONE_FOR_ALL -> {
                for (Actor a : actors) {
                    a.stop();
                }
                actors.clear();
            }
            case ONE_FOR_ONE, ONE_FOR_ALL -> {
                if (!allowRestart()) {
                    log.error("[{}] agent {} restarted more than {} times within {}; crashing the app", rt.settings().id(), name,
                            options.maxRestarts(), options.restartWindow());
                    crashApp.accept(t);
                    return;
                }
                if (strategy == SupervisorStrategy.ONE_FOR_ONE) {
                    actors.remove(crashed);
                    log.info("[{}] restarting agent {} actor {}", rt.settings().id(), name, crashed.thread.getName());
                    if (crashed.partition != null) {
                        if (partitionActors.remove(crashed.partition, crashed)) {
                            startPartitionActor(crashed.partition);
                        }
                    } else {
                        startActor(crashed.index);
                    }
                } else {
                    for (Actor a : actors) {
                        a.stop();
                    }
                    actors.clear();
                    log.info("[{}] restarting all actors of agent {}", rt.settings().id(), name);
                    if (options.isolatedPartitions()) {
                        List<TP> owned = List.copyOf(partitionActors.keySet());
                        partitionActors.clear();
                        owned.forEach(this::startPartitionActor);
                    } else {
                        for (int i = 0; i < options.concurrency(); i++) {
                            startActor(i);
                        }
                    }
                }
            }
        }
    }

    private boolean allowRestart() {
        lock.lock();
        try {
            long now = System.nanoTime();
            long window = options.restartWindow().toNanos();
            while (!restarts.isEmpty() && now - restarts.peekFirst() > window) {
                restarts.pollFirst();
            }
            restarts.addLast(now);
            return restarts.size() <= options.maxRestarts();
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void emit(@Nullable Object value, @Nullable Consumer<Object> recorder) {
        Event<?, ?> e = Event.current();
        if (e != null && e.replyTo() != null && e.correlationId() != null) {
            // Detached from the event's transaction under exactly-once: the asker may be inside an
            // event of this worker, and its transaction cannot commit until the reply arrives. A
            // reply sent twice (the request processed again) is ignored by the asker.
            rt.produceDetached(e.replyTo(), null, ReqRep.response(rt, e.key(), value, e.correlationId()),
                    faust.stream.Headers.empty());
        }
        if (recorder != null) {
            recorder.accept(value);
        }
        for (Object sink : options.sinks()) {
            if (sink instanceof Agent a) {
                a.send(null, value);
            } else if (sink instanceof Channel c) {
                c.send(value);
            } else if (sink instanceof Consumer c) {
                c.accept(value);
            }
        }
    }

    @Override
    public CompletableFuture<RecordMetadata> cast(@Nullable V value) {
        return channel.send(null, value, SendOptions.defaults());
    }

    @Override
    public CompletableFuture<RecordMetadata> cast(@Nullable K key, @Nullable V value) {
        return channel.send(key, value, SendOptions.defaults());
    }

    @Override
    public CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value) {
        return cast(key, value);
    }

    @Override
    public R ask(@Nullable V value) {
        return rpc.ask(null, value, rt.settings().get(RpcSettings.REPLY_EXPIRES));
    }

    @Override
    public R ask(@Nullable K key, @Nullable V value, Duration timeout) {
        return rpc.ask(key, value, timeout);
    }

    @Override
    public CompletableFuture<R> askAsync(@Nullable K key, @Nullable V value) {
        return rpc.askAsync(key, value);
    }

    @Override
    public Iterable<R> map(Iterable<? extends V> values) {
        return rpc.map(values);
    }

    @Override
    public Iterable<R> kvmap(Iterable<KeyValue<K, V>> items) {
        return rpc.kvmap(items);
    }

    @Override
    public List<R> join(Iterable<? extends V> values) {
        return rpc.join(values);
    }

    @Override
    public List<R> kvjoin(Iterable<KeyValue<K, V>> items) {
        return rpc.kvjoin(items);
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
    public void partitionsAssigned(Set<TP> assigned) {
        if (options.isolatedPartitions() && running) {
            for (TP tp : new java.util.TreeSet<>(assigned)) {
                if (reads(tp) && !partitionActors.containsKey(tp)) {
                    startPartitionActor(tp);
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
    public void partitionsRevoked(Set<TP> revoked) {
        for (Consumer<Set<TP>> c : onRevoked) {
            c.accept(revoked);
        }
        if (options.isolatedPartitions()) {
            List<Actor> stopped = new ArrayList<>();
            for (TP tp : revoked) {
                Actor a = partitionActors.remove(tp);
                if (a != null) {
                    a.stop();
                    actors.remove(a);
                    stopped.add(a);
                }
                EventQueue q = partitionQueues.remove(tp);
                if (q != null) {
                    q.clear();
                }
            }
            for (Actor a : stopped) {
                try {
                    a.thread.join(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** @return the partitions that have their own actor ({@code isolated_partitions}) */
    public Set<TP> isolatedPartitions() {
        return Set.copyOf(partitionActors.keySet());
    }

    @Override
    public Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("channel", channel.label());
        m.put("concurrency", options.concurrency());
        m.put("yields", yieldingFn != null);
        m.put("sinks", options.sinks().stream().map(Object::toString).toList());
        m.put("supervisor_strategy", strategy.name().toLowerCase(java.util.Locale.ROOT));
        m.put("isolated_partitions", options.isolatedPartitions());
        m.put("actors", actors.size());
        m.put("running", running);
        if (options.help() != null) {
            m.put("help", options.help());
        }
        return m;
    }

    @Override
    public AgentTestContext<K, V, R> testContext() {
        return new TestContext<>(this, rt, channel);
    }

    /** Starts an actor over a test channel, recording results, reporting crashes. */
    Actor startTestActor(AbstractChannel<K, V> source, Consumer<Object> recorder, Consumer<Throwable> onCrash) {
        if (yieldingFn != null) {
            source.setUnwrapper(ReqRep::unwrap);
        }
        Actor a = new Actor(0, source, recorder, onCrash);
        a.thread.start();
        return a;
    }

    boolean yields() {
        return yieldingFn != null;
    }

    /** Calls an on_error handler, catching its failure. */
    private static final class BiConsumerCall {
        static void call(java.util.function.@Nullable BiConsumer<Agent<?, ?, ?>, Throwable> h, Agent<?, ?, ?> a, Throwable t,
                         String name) {
            if (h == null) {
                return;
            }
            try {
                h.accept(a, t);
            } catch (RuntimeException e) {
                log.warn("on_error handler of agent {} failed", name, e);
            }
        }
    }
}
