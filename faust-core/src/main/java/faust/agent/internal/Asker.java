package faust.agent.internal;

import faust.agent.ReplyForm;
import faust.errors.EncodeException;
import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.settings.RpcSettings;
import faust.topic.RecordMetadata;
import faust.topic.SendOptions;
import faust.topic.internal.TopicImpl;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Sends RPC requests to an agent's topic in one {@linkplain ReplyForm form} and hands back the
 * future the app's {@link ReplyConsumer} completes with the reply. Used by local agents and
 * agent proxies alike.
 */
final class Asker {
    private final AppRuntime rt;
    private final TopicImpl<?, ?> topic;
    private final Class<?> resultType;
    private final ReplyForm form;
    private final ReplyConsumer replies;

    /**
     * @param rt the runtime
     * @param topic the agent's topic
     * @param resultType what replies are decoded into
     * @param form how requests name the reply topic
     * @param replies the app's reply consumer
     */
    Asker(AppRuntime rt, TopicImpl<?, ?> topic, Class<?> resultType, ReplyForm form, ReplyConsumer replies) {
        this.rt = rt;
        this.topic = topic;
        this.resultType = resultType;
        this.form = form;
        this.replies = replies;
    }

    ReplyForm form() {
        return form;
    }

    /**
     * @param key the request key (its partition), encoded with the topic's key codec
     * @param value the request value
     * @param options partition, timestamp, headers and serializers of the request
     * @param timeout when the future fails with a {@link java.util.concurrent.TimeoutException} if no reply came
     * @return completes with the decoded reply, or fails when the request cannot be encoded or sent
     */
    CompletableFuture<Object> ask(@Nullable Object key, @Nullable Object value, SendOptions options, Duration timeout) {
        if (topic.topics().size() != 1) {
            return CompletableFuture.failedFuture(new ImproperlyConfiguredException("cannot ask through " + topic.label()
                    + ": requests go to one named topic"));
        }
        String correlationId = UUID.randomUUID().toString();
        String replyTo = rt.settings().get(RpcSettings.REPLY_TO);
        byte[] k;
        byte[] v;
        try {
            String kc = options.keySerializer() != null ? options.keySerializer() : topic.keyCodec();
            k = key == null ? null : rt.codecs().dumpsKey(key, kc);
            if (form == ReplyForm.HEADERS) {
                String vc = options.valueSerializer() != null ? options.valueSerializer() : topic.valueCodec();
                v = value == null ? null : rt.codecs().dumpsValue(value, vc);
            } else {
                v = ReqRep.request(ReqRep.valueJson(rt.codecs(), value), ReqRep.isModel(value), replyTo, correlationId);
            }
        } catch (EncodeException | ImproperlyConfiguredException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Object> reply = replies.expect(correlationId, resultType, timeout);
        // A request is not output of the event being processed: under exactly-once it must not wait
        // for that event's transaction, or an agent that asks inside an event would wait for a
        // reply to a request no one can read until it finishes the event.
        CompletableFuture<RecordMetadata> sent = rt.produceDetached(topic.topics().get(0), options.partition(),
                options.timestamp() == null ? null : options.timestamp().toEpochMilli(), k, v,
                form == ReplyForm.HEADERS ? ReqRep.requestHeaders(options.headers(), replyTo, correlationId) : options.headers());
        var callback = options.callback();
        sent.whenComplete((md, err) -> {
            if (callback != null) {
                callback.accept(md, err);
            }
            if (err != null) {
                reply.completeExceptionally(err);
            }
        });
        return reply;
    }
}
