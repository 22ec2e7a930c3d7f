package faust.agent.internal;

import faust.agent.Agent;
import faust.agent.AgentFunction;
import faust.agent.AgentProxy;
import faust.agent.AgentProxySpec;
import faust.agent.AgentSpec;
import faust.agent.ReplyForm;
import faust.agent.YieldingAgentFunction;
import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.internal.ConsumerLoop;
import faust.settings.AgentSettings;
import faust.stream.internal.AbstractChannel;
import faust.topic.Channel;
import faust.topic.TP;
import faust.topic.Topic;
import faust.topic.internal.TopicImpl;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An app's agents: their names are unique; they start and stop together with the app's reply
 * consumer; and they are the consumer loop's {@link ConsumerLoop.Hooks}, told of rebalances and
 * asked whether every stream is at an event boundary. Thread-safe.
 */
public final class AgentRegistry implements ConsumerLoop.Hooks {
    private final AppRuntime rt;
    private final ReplyConsumer replies;
    private final Consumer<Throwable> crashApp;
    private final List<AgentImpl<?, ?, ?>> agents = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    /**
     * @param rt the runtime
     * @param crashApp crashes the app (an agent's supervisor gave up; the consumer thread failed)
     */
    public AgentRegistry(AppRuntime rt, Consumer<Throwable> crashApp) {
        this.rt = rt;
        this.replies = new ReplyConsumer(rt);
        this.crashApp = crashApp;
    }

    /**
     * A handle for an agent that runs elsewhere, reading {@code topic}; it never subscribes.
     *
     * @param topic the agent's topic
     * @param resultType what replies are decoded into
     * @param spec reply form and timeout
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the proxy
     * @throws ImproperlyConfiguredException if the topic is not one named topic of this app
     */
    public <K, V, R> AgentProxy<K, V, R> proxy(Topic<K, V> topic, Class<R> resultType, AgentProxySpec spec) {
        Objects.requireNonNull(resultType, "resultType");
        if (!(topic instanceof TopicImpl<K, V> t) || t.topics().size() != 1) {
            throw new ImproperlyConfiguredException("an agent proxy needs one named topic of this app (app.topic(name, ...)), "
                    + "got " + topic.label());
        }
        return new AgentProxyImpl<>(rt, t, resultType, spec, replies);
    }

    /**
     * @param rt the runtime
     * @param chosen the agent's or proxy's own reply form, or null
     * @return that, or the {@code agent_use_reply_headers} setting's
     */
    static ReplyForm replyForm(AppRuntime rt, @Nullable ReplyForm chosen) {
        if (chosen != null) {
            return chosen;
        }
        return rt.settings().get(AgentSettings.AGENT_USE_REPLY_HEADERS) ? ReplyForm.HEADERS : ReplyForm.ENVELOPE;
    }

    /**
     * Adds an agent that emits nothing; it starts at once if the agents run.
     *
     * @param name agent name, unique in the app
     * @param channel what it reads
     * @param spec options
     * @param fn the loop
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken or the options do not fit
     */
    public <K, V> Agent<K, V, Void> add(String name, Channel<K, V> channel, AgentSpec spec, AgentFunction<K, V> fn) {
        Objects.requireNonNull(fn, "fn");
        return add(name, channel, new AgentBody.Plain<>(fn), Void.class, spec);
    }

    /**
     * Adds an agent that emits results (RPC replies and sinks); it starts at once if the agents run.
     *
     * @param name agent name, unique in the app
     * @param channel what it reads
     * @param resultType the type of its results, into which RPC replies are decoded
     * @param spec options
     * @param fn the loop, emitting results
     * @param <K> key type
     * @param <V> value type
     * @param <R> result type
     * @return the agent
     * @throws ImproperlyConfiguredException if the name is taken or the options do not fit
     */
    public <K, V, R> Agent<K, V, R> add(String name, Channel<K, V> channel, Class<R> resultType, AgentSpec spec,
                                        YieldingAgentFunction<K, V, R> fn) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(resultType, "resultType");
        return add(name, channel, new AgentBody.Yielding<>(fn, new Emitter(rt, spec.sinks())), resultType, spec);
    }

    @SuppressWarnings("unchecked")
    private <K, V, R> Agent<K, V, R> add(String name, Channel<K, V> channel, AgentBody<K, V> body, Class<R> resultType,
                                         AgentSpec spec) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
        for (AgentImpl<?, ?, ?> a : agents) {
            if (a.name().equals(name)) {
                throw new ImproperlyConfiguredException("an agent named '" + name + "' already exists; agent names must be unique");
            }
        }
        AgentImpl<K, V, R> a = new AgentImpl<>(rt, name, (AbstractChannel<K, V>) AbstractChannel.of(channel), body,
                resultType, spec, replies, crashApp);
        agents.add(a);
        if (running) {
            a.start();
        }
        return a;
    }

    /** @return the agents, in declaration order */
    public List<Agent<?, ?, ?>> all() {
        return List.copyOf(agents);
    }

    /** Starts the reply consumer (with {@code reply_create_topic}) and every agent. */
    public void start() {
        replies.start();
        running = true;
        for (AgentImpl<?, ?, ?> a : agents) {
            a.start();
        }
    }

    /** Stops every agent and the reply consumer; pending asks fail. */
    public void stop() {
        running = false;
        for (AgentImpl<?, ?, ?> a : agents) {
            a.stop();
        }
        replies.stop();
    }

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
        for (AgentImpl<?, ?, ?> a : agents) {
            if (!a.idle()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void consumerFailed(Throwable reason) {
        crashApp.accept(reason);      // the app crashes on a thread of its own, not the consumer thread it stops
    }
}
