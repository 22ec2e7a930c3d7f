package faust.agent;

import faust.errors.ImproperlyConfiguredException;
import faust.topic.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Options of an agent: {@code app.agent("name", topic, AgentOptions.create().concurrency(4), fn)}.
 * Setters validate. Not thread-safe; used while declaring.
 */
public final class AgentOptions {
    int concurrency = 1;
    final List<Object> sinks = new ArrayList<>();
    @Nullable SupervisorStrategy supervisorStrategy;
    @Nullable BiConsumer<Agent<?, ?, ?>, Throwable> onError;
    boolean isolatedPartitions;
    boolean useReplyHeaders;
    int maxRestarts = 100;
    Duration restartWindow = Duration.ofSeconds(1);
    Class<?> resultType = Object.class;
    @Nullable String help;

    private AgentOptions() {}

    /** @return default options */
    public static AgentOptions create() {
        return new AgentOptions();
    }

    /**
     * @param n actors sharing the agent's channel (order across them is not kept), at least 1
     * @return this
     */
    public AgentOptions concurrency(int n) {
        if (n < 1) {
            throw new ImproperlyConfiguredException("agent concurrency must be >= 1, got " + n);
        }
        concurrency = n;
        return this;
    }

    /**
     * @param agent an agent that receives every result (via {@code send})
     * @return this
     */
    public AgentOptions sink(Agent<?, ?, ?> agent) {
        sinks.add(agent);
        return this;
    }

    /**
     * @param channel a topic or channel that receives every result
     * @return this
     */
    public AgentOptions sink(Channel<?, ?> channel) {
        sinks.add(channel);
        return this;
    }

    /**
     * @param callback called with every result
     * @return this
     */
    public AgentOptions sink(Consumer<?> callback) {
        sinks.add(callback);
        return this;
    }

    /**
     * @param s what to do when an actor throws (default: the {@code agent_supervisor} setting)
     * @return this
     */
    public AgentOptions supervisorStrategy(SupervisorStrategy s) {
        supervisorStrategy = s;
        return this;
    }

    /**
     * @param handler called with the agent and the error when an actor throws, before the supervisor acts
     * @return this
     */
    public AgentOptions onError(BiConsumer<Agent<?, ?, ?>, Throwable> handler) {
        onError = handler;
        return this;
    }

    /**
     * @param on one actor per assigned partition (needs concurrency 1)
     * @return this
     */
    public AgentOptions isolatedPartitions(boolean on) {
        isolatedPartitions = on;
        return this;
    }

    /**
     * @param on RPC requests carry reply address and correlation id in headers instead of an envelope
     * @return this
     */
    public AgentOptions useReplyHeaders(boolean on) {
        useReplyHeaders = on;
        return this;
    }

    /**
     * @param max restarts allowed within {@code window} before the app is crashed (one-for-one/all)
     * @param window the window
     * @return this
     */
    public AgentOptions maxRestarts(int max, Duration window) {
        if (max < 0 || window.isNegative() || window.isZero()) {
            throw new ImproperlyConfiguredException("maxRestarts needs max >= 0 and a positive window, got " + max + ", " + window);
        }
        maxRestarts = max;
        restartWindow = window;
        return this;
    }

    /**
     * @param type the Java type RPC replies are decoded into (default {@code Object}: JSON maps, lists, strings, numbers)
     * @return this
     */
    public AgentOptions resultType(Class<?> type) {
        resultType = type;
        return this;
    }

    /**
     * @param text a description shown by the {@code agents} command
     * @return this
     */
    public AgentOptions help(String text) {
        help = text;
        return this;
    }

    /** @return an immutable copy of the options */
    public Spec spec() {
        return new Spec(concurrency, List.copyOf(sinks), supervisorStrategy, onError, isolatedPartitions, useReplyHeaders,
                maxRestarts, restartWindow, resultType, help);
    }

    /**
     * Immutable agent options.
     *
     * @param concurrency actors
     * @param sinks sinks (agents, channels, callbacks)
     * @param supervisorStrategy strategy or null for the setting
     * @param onError error handler or null
     * @param isolatedPartitions one actor per partition
     * @param useReplyHeaders RPC header form
     * @param maxRestarts restart limit
     * @param restartWindow restart window
     * @param resultType RPC reply type
     * @param help description or null
     */
    public record Spec(int concurrency, List<Object> sinks, @Nullable SupervisorStrategy supervisorStrategy,
                       @Nullable BiConsumer<Agent<?, ?, ?>, Throwable> onError, boolean isolatedPartitions,
                       boolean useReplyHeaders, int maxRestarts, Duration restartWindow, Class<?> resultType,
                       @Nullable String help) {}
}
