package faust.agent;

import faust.errors.ImproperlyConfiguredException;
import faust.topic.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What can be set on an agent, in the lambda given to {@code app.agent(...)}:
 * {@code app.agent("count", topic, a -> a.concurrency(4).help("counts orders"), stream -> ...)}.
 * Setters validate. The lambda's result is the immutable {@link AgentSpec}. Not thread-safe; used
 * while declaring an agent.
 */
public final class AgentOptions {
    int concurrency;
    final List<Sink> sinks;
    @Nullable SupervisorStrategy supervisorStrategy;
    @Nullable BiConsumer<Agent<?, ?, ?>, Throwable> onError;
    boolean isolatedPartitions;
    @Nullable ReplyForm replyForm;
    int maxRestarts;
    Duration restartWindow;
    @Nullable String help;

    AgentOptions(AgentSpec from) {
        concurrency = from.concurrency();
        sinks = new ArrayList<>(from.sinks());
        supervisorStrategy = from.supervisorStrategy();
        onError = from.onError();
        isolatedPartitions = from.isolatedPartitions();
        replyForm = from.replyForm();
        maxRestarts = from.maxRestarts();
        restartWindow = from.restartWindow();
        help = from.help();
    }

    /**
     * @param n actors sharing the agent's channel (order across them is not kept), at least 1
     * @return this
     * @throws ImproperlyConfiguredException if {@code n} is below 1
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
        sinks.add(new Sink.ToAgent(agent));
        return this;
    }

    /**
     * @param channel a topic or channel that receives every result
     * @return this
     */
    public AgentOptions sink(Channel<?, ?> channel) {
        sinks.add(new Sink.ToChannel(channel));
        return this;
    }

    /**
     * @param callback called with every result, on the agent's thread
     * @return this
     */
    public AgentOptions sink(Consumer<?> callback) {
        sinks.add(new Sink.ToCallback(callback));
        return this;
    }

    /**
     * @param s what to do when an actor throws (default: the {@code agent_supervisor} setting)
     * @return this
     */
    public AgentOptions supervisorStrategy(SupervisorStrategy s) {
        supervisorStrategy = Objects.requireNonNull(s, "s");
        return this;
    }

    /**
     * @param handler called with the agent and the error when an actor throws, before the supervisor acts
     * @return this
     */
    public AgentOptions onError(BiConsumer<Agent<?, ?, ?>, Throwable> handler) {
        onError = Objects.requireNonNull(handler, "handler");
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
     * @param form how this agent's {@code ask} sends requests: Faust's header form or its envelope
     *     form (Faust's {@code use_reply_headers}; default: the {@code agent_use_reply_headers} setting,
     *     headers); the agent reads both forms either way
     * @return this
     */
    public AgentOptions replyForm(ReplyForm form) {
        replyForm = Objects.requireNonNull(form, "form");
        return this;
    }

    /**
     * @param max restarts allowed within {@code window} before the app is crashed (one-for-one/all)
     * @param window the window
     * @return this
     * @throws ImproperlyConfiguredException if {@code max} is negative or the window not positive
     */
    public AgentOptions maxRestarts(int max, Duration window) {
        Objects.requireNonNull(window, "window");
        if (max < 0 || window.isNegative() || window.isZero()) {
            throw new ImproperlyConfiguredException("maxRestarts needs max >= 0 and a positive window, got " + max + ", "
                    + window);
        }
        maxRestarts = max;
        restartWindow = window;
        return this;
    }

    /**
     * @param text a description shown by the {@code agents} command
     * @return this
     */
    public AgentOptions help(String text) {
        help = Objects.requireNonNull(text, "text");
        return this;
    }

    AgentSpec build() {
        return new AgentSpec(concurrency, sinks, supervisorStrategy, onError, isolatedPartitions, replyForm, maxRestarts,
                restartWindow, help);
    }
}
