package faust.agent;

import faust.errors.ImproperlyConfiguredException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What can be set on an {@link AgentProxy}, in the lambda given to {@code app.agentProxy(...)}:
 * {@code app.agentProxy(topic, Double.class, p -> p.replyForm(ReplyForm.ENVELOPE).timeout(Duration.ofSeconds(5)))}.
 * Not thread-safe; used while declaring.
 */
public final class AgentProxyOptions {
    @Nullable ReplyForm replyForm;
    @Nullable Duration timeout;

    AgentProxyOptions() {}

    /**
     * @param form how requests name the reply topic: as the remote agent expects them (Faust's
     *     {@code use_reply_headers}; default: the {@code agent_use_reply_headers} setting, headers)
     * @return this
     */
    public AgentProxyOptions replyForm(ReplyForm form) {
        this.replyForm = Objects.requireNonNull(form, "form");
        return this;
    }

    /**
     * @param d how long {@code ask} waits when no timeout is given, positive (default: {@code reply_expires})
     * @return this
     * @throws ImproperlyConfiguredException if {@code d} is not positive
     */
    public AgentProxyOptions timeout(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative() || d.isZero()) {
            throw new ImproperlyConfiguredException("agent proxy timeout must be positive, got " + d);
        }
        this.timeout = d;
        return this;
    }

    AgentProxySpec build() {
        return new AgentProxySpec(replyForm, timeout);
    }
}
