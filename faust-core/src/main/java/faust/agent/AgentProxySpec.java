package faust.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link AgentProxy} asks: what {@link AgentProxyOptions} set, as an immutable value.
 *
 * @param replyForm how requests name the reply topic, or null for the {@code agent_use_reply_headers} setting
 * @param timeout how long {@code ask} waits by default, or null for {@code reply_expires}
 */
public record AgentProxySpec(@Nullable ReplyForm replyForm, @Nullable Duration timeout) {
    /**
     * @param options sets what differs from the defaults
     * @return the spec
     * @throws faust.errors.ImproperlyConfiguredException if an option is not allowed
     */
    public static AgentProxySpec of(Consumer<AgentProxyOptions> options) {
        Objects.requireNonNull(options, "options");
        AgentProxyOptions o = new AgentProxyOptions();
        options.accept(o);
        return o.build();
    }
}
