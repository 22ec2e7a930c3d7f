package faust.agent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An agent's options as an immutable value: what {@link AgentOptions} set.
 *
 * @param concurrency actors sharing the agent's channel
 * @param sinks where results go besides RPC replies
 * @param supervisorStrategy what happens when an actor throws, or null for the {@code agent_supervisor} setting
 * @param onError called with the agent and the error when an actor throws, or null
 * @param isolatedPartitions one actor per assigned partition
 * @param replyForm how {@code ask} sends requests, or null for the {@code agent_use_reply_headers} setting (headers)
 * @param maxRestarts restarts allowed within {@code restartWindow} before the app crashes
 * @param restartWindow the restart window
 * @param help a description, or null
 */
public record AgentSpec(int concurrency, List<Sink> sinks, @Nullable SupervisorStrategy supervisorStrategy,
                        @Nullable BiConsumer<Agent<?, ?, ?>, Throwable> onError, boolean isolatedPartitions,
                        @Nullable ReplyForm replyForm, int maxRestarts, Duration restartWindow, @Nullable String help) {
    private static final AgentSpec DEFAULTS = new AgentSpec(1, List.of(), null, null, false, null, 100,
            Duration.ofSeconds(1), null);

    /** Copies the sinks and validates the parts. */
    public AgentSpec {
        sinks = List.copyOf(sinks);
        Objects.requireNonNull(restartWindow, "restartWindow");
    }

    /** @return the defaults: one actor, no sinks, the setting's supervisor, 100 restarts a second */
    public static AgentSpec defaults() {
        return DEFAULTS;
    }

    /**
     * @param options sets what differs from the defaults
     * @return the spec
     * @throws faust.errors.ImproperlyConfiguredException if an option is not allowed
     */
    public static AgentSpec of(Consumer<AgentOptions> options) {
        Objects.requireNonNull(options, "options");
        AgentOptions o = new AgentOptions(DEFAULTS);
        options.accept(o);
        return o.build();
    }
}
