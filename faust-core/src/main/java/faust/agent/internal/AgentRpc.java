package faust.agent.internal;

import faust.agent.AgentSpec;
import faust.agent.ReplyForm;
import faust.errors.FaustException;
import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.settings.RpcSettings;
import faust.stream.KeyValue;
import faust.topic.RecordMetadata;
import faust.stream.Headers;
import faust.stream.internal.AbstractChannel;
import faust.topic.internal.TopicImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * An agent's RPC side ({@code ask}, {@code map}, {@code join} and their key/value forms): sends
 * requests that name a reply topic and a correlation id, and waits for the replies the app's
 * {@link ReplyConsumer} routes back.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
final class AgentRpc<K, V, R> {
    private final AppRuntime rt;
    private final String name;
    private final AbstractChannel<K, V> channel;
    private final boolean emits;
    private final Class<R> resultType;
    private final boolean replyHeaders;
    private final ReplyConsumer replies;

    AgentRpc(AppRuntime rt, String name, AbstractChannel<K, V> channel, boolean emits, Class<R> resultType, AgentSpec spec,
             ReplyConsumer replies) {
        this.rt = rt;
        this.name = name;
        this.channel = channel;
        this.emits = emits;
        this.resultType = resultType;
        this.replyHeaders = spec.replyForm() == ReplyForm.HEADERS;
        this.replies = replies;
    }

    /** @return how long an ask waits by default ({@code reply_expires}) */
    Duration defaultTimeout() {
        return rt.settings().get(RpcSettings.REPLY_EXPIRES);
    }

    R ask(@Nullable K key, @Nullable V value, Duration timeout) {
        try {
            return askAsync(key, value).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new FaustException("agent " + name + " did not reply within " + timeout + ": no result for this request came "
                    + "back on reply topic " + rt.settings().get(RpcSettings.REPLY_TO) + ". The agent must emit one result per request "
                    + "(results.emit); give a longer timeout if it is only slow", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaustException("interrupted while asking agent " + name, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof FaustException fe ? fe : new FaustException("ask to agent " + name + " failed", e.getCause() != null ? e.getCause() : e);
        }
    }

    @SuppressWarnings("unchecked")
    CompletableFuture<R> askAsync(@Nullable K key, @Nullable V value) {
        if (!(channel instanceof TopicImpl<K, V> topic)) {
            throw new ImproperlyConfiguredException("agent " + name + " reads a plain channel; ask() needs a topic");
        }
        if (!emits) {
            // its stream would not even unwrap the request, and no reply could ever come
            throw new ImproperlyConfiguredException("agent " + name + " does not emit results, so ask() would never get a "
                    + "reply; create it with a result type and function (app.agent(name, channel, Result.class, "
                    + "(stream, results) -> ...)) or use send()/cast() to send without waiting");
        }
        String correlationId = UUID.randomUUID().toString();
        String replyTo = rt.settings().get(RpcSettings.REPLY_TO);
        CompletableFuture<Object> reply = replies.expect(correlationId, resultType);
        // A request is not output of the event being processed: under exactly-once it must not wait
        // for that event's transaction, or an agent that asks inside an event would wait for a
        // reply to a request no one can read until it finishes the event (produceDetached).
        byte[] k = key == null ? null : rt.codecs().dumpsKey(key, topic.keyCodec());
        CompletableFuture<RecordMetadata> sent;
        if (replyHeaders) {
            byte[] v = value == null ? null : rt.codecs().dumpsValue(value, topic.valueCodec());
            sent = rt.produceDetached(topic.topics().get(0), k, v,
                    ReqRep.requestHeaders(Headers.empty(), replyTo, correlationId));
        } else {
            sent = rt.produceDetached(topic.topics().get(0), k, ReqRep.request(rt, value, replyTo, correlationId),
                    Headers.empty());
        }
        sent.whenComplete((md, err) -> {
            if (err != null) {
                reply.completeExceptionally(err);
            }
        });
        return reply.thenApply(r -> (R) r);
    }

    Iterable<R> map(Iterable<? extends V> values) {
        List<KeyValue<K, V>> items = new ArrayList<>();
        for (V v : values) {
            items.add(new KeyValue<>(null, v));
        }
        return kvmap(items);
    }

    Iterable<R> kvmap(Iterable<KeyValue<K, V>> items) {
        BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        int n = 0;
        for (KeyValue<K, V> kv : items) {
            askAsync(kv.key(), kv.value()).whenComplete((r, e) -> arrived.add(e != null ? new Failure(e) : new Box(r)));
            n++;
        }
        int total = n;
        Duration timeout = rt.settings().get(RpcSettings.REPLY_EXPIRES);
        return () -> new Iterator<>() {
            private int seen;

            @Override
            public boolean hasNext() {
                return seen < total;
            }

            @Override
            @SuppressWarnings({"unchecked", "NullAway"})   // an agent may reply null; R carries no nullness
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    Object o = arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    seen++;
                    if (o == null) {
                        throw new FaustException("agent " + name + " did not reply within " + timeout);
                    }
                    if (o instanceof Failure f) {
                        throw new FaustException("ask to agent " + name + " failed", f.error());
                    }
                    return (R) ((Box) o).value();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FaustException("interrupted while waiting for agent " + name, e);
                }
            }
        };
    }

    private record Box(@Nullable Object value) {}

    private record Failure(Throwable error) {}

    List<R> join(Iterable<? extends V> values) {
        List<KeyValue<K, V>> items = new ArrayList<>();
        for (V v : values) {
            items.add(new KeyValue<>(null, v));
        }
        return kvjoin(items);
    }

    List<R> kvjoin(Iterable<KeyValue<K, V>> items) {
        List<CompletableFuture<R>> futures = new ArrayList<>();
        for (KeyValue<K, V> kv : items) {
            futures.add(askAsync(kv.key(), kv.value()));
        }
        List<R> out = new ArrayList<>(futures.size());
        for (CompletableFuture<R> f : futures) {
            try {
                out.add(f.get(rt.settings().get(RpcSettings.REPLY_EXPIRES).toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaustException("interrupted while waiting for agent " + name, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new FaustException("ask to agent " + name + " failed", e);
            }
        }
        return out;
    }
}
