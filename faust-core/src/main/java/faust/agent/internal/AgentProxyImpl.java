package faust.agent.internal;

import faust.agent.AgentProxy;
import faust.agent.AgentProxySpec;
import faust.agent.ReplyForm;
import faust.internal.AppRuntime;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import faust.topic.Topic;
import faust.topic.internal.TopicImpl;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A handle for an agent that runs elsewhere: requests and casts go to its topic, replies come
 * through the app's {@link ReplyConsumer}; the topic is never subscribed.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
final class AgentProxyImpl<K, V, R> extends AbstractAgentRef<K, V, R> implements AgentProxy<K, V, R> {
    private final TopicImpl<K, V> topic;
    private final Asker asker;
    private final @Nullable Duration timeout;

    AgentProxyImpl(AppRuntime rt, TopicImpl<K, V> topic, Class<R> resultType, AgentProxySpec spec, ReplyConsumer replies) {
        super(rt.settings());
        this.topic = topic;
        this.asker = new Asker(rt, topic, resultType, AgentRegistry.replyForm(rt, spec.replyForm()), replies);
        this.timeout = spec.timeout();
    }

    @Override
    public Topic<K, V> topic() {
        return topic;
    }

    @Override
    public ReplyForm replyForm() {
        return asker.form();
    }

    @Override
    public CompletableFuture<RecordMetadata> send(@Nullable K key, @Nullable V value) {
        return topic.send(key, value, SendOptions.defaults());
    }

    @Override
    String describe() {
        return "the agent of topic " + topic.label();
    }

    @Override
    Duration defaultTimeout() {
        return timeout != null ? timeout : super.defaultTimeout();
    }

    @Override
    @SuppressWarnings("unchecked")      // the reply is decoded as the result type
    CompletableFuture<R> request(@Nullable K key, @Nullable V value, SendOptions options, Duration t) {
        return (CompletableFuture<R>) (CompletableFuture<?>) asker.ask(key, value, options, t);
    }

    @Override
    public String toString() {
        return "AgentProxy[" + topic.label() + ", " + asker.form() + "]";
    }
}
