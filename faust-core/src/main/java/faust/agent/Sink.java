package faust.agent;

import faust.topic.Channel;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where an agent's results go besides an RPC reply (Faust's {@code sink=[...]}): another agent, a
 * topic or channel, or a callback. Added with {@link AgentOptions#sink}.
 */
public sealed interface Sink permits Sink.ToAgent, Sink.ToChannel, Sink.ToCallback {
    /**
     * Every result is sent to an agent, without a key.
     *
     * @param agent the agent
     */
    record ToAgent(Agent<?, ?, ?> agent) implements Sink {
        /** Validates the parts. */
        public ToAgent {
            Objects.requireNonNull(agent, "agent");
        }
    }

    /**
     * Every result is sent to a topic or channel, without a key.
     *
     * @param channel the topic or channel
     */
    record ToChannel(Channel<?, ?> channel) implements Sink {
        /** Validates the parts. */
        public ToChannel {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /**
     * Every result is given to a callback, on the agent's thread.
     *
     * @param callback the callback
     */
    record ToCallback(Consumer<?> callback) implements Sink {
        /** Validates the parts. */
        public ToCallback {
            Objects.requireNonNull(callback, "callback");
        }
    }
}
