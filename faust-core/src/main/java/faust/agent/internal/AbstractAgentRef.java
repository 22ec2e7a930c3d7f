package faust.agent.internal;

import faust.agent.AgentRef;
import faust.errors.FaustException;
import faust.settings.RpcSettings;
import faust.settings.Settings;
import faust.stream.KeyValue;
import faust.topic.SendOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of an {@link AgentRef} in terms of {@link #send} and {@link #request}; shared by local
 * agents and agent proxies. Every request's future ends by itself: with the reply, or with a
 * timeout after the ask's timeout ({@link #defaultTimeout} for {@code askAsync}, {@code map} and
 * {@code join}), so no unanswered request is remembered for ever.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
abstract class AbstractAgentRef<K, V, R> implements AgentRef<K, V, R> {
    private static final Logger log = LoggerFactory.getLogger(AbstractAgentRef.class);
    private final Settings settings;

    /** @param settings the app's settings: {@code reply_to} and {@code reply_expires} */
    AbstractAgentRef(Settings settings) {
        this.settings = settings;
    }

    /** @return how it is named in errors, e.g. {@code agent double} */
    abstract String describe();

    /** @return how long {@code ask} waits when no timeout is given: {@code reply_expires} unless overridden */
    Duration defaultTimeout() {
        return settings.get(RpcSettings.REPLY_EXPIRES);
    }

    /** @return where a reply should come back, for the timeout's message */
    private String replyTopic() {
        return settings.get(RpcSettings.REPLY_TO);
    }

    /**
     * @param key the request key
     * @param value the request value
     * @param options partition, timestamp, headers and serializers of the request
     * @param timeout when the returned future fails with a {@link TimeoutException} if no reply came
     * @return completes with the reply
     */
    abstract CompletableFuture<R> request(@Nullable K key, @Nullable V value, SendOptions options, Duration timeout);

    @Override
    public void cast(@Nullable V value) {
        cast(null, value);
    }

    @Override
    public void cast(@Nullable K key, @Nullable V value) {
        send(key, value).whenComplete((md, err) -> {
            if (err != null) {
                log.warn("cast to {} failed", describe(), err);
            }
        });
    }

    @Override
    public R ask(@Nullable V value) {
        return ask(null, value, SendOptions.defaults(), defaultTimeout());
    }

    @Override
    public R ask(@Nullable V value, Duration timeout) {
        return ask(null, value, SendOptions.defaults(), timeout);
    }

    @Override
    public R ask(@Nullable K key, @Nullable V value, Duration timeout) {
        return ask(key, value, SendOptions.defaults(), timeout);
    }

    @Override
    public R ask(@Nullable K key, @Nullable V value, SendOptions options, Duration timeout) {
        try {
            return request(key, value, options, timeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaustException("interrupted while asking " + describe(), e);
        } catch (ExecutionException e) {
            throw failure(e, timeout);
        }
    }

    private FaustException failure(ExecutionException e, Duration timeout) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return new FaustException(describe() + " did not reply within " + timeout + ": no result for this request came "
                    + "back on reply topic " + replyTopic() + ". The agent must emit one result per request "
                    + "(results.emit) and be asked in a form it reads (see ReplyForm); give a longer timeout if it is only slow",
                    cause);
        }
        return cause instanceof FaustException fe ? fe : new FaustException("ask to " + describe() + " failed", cause);
    }

    @Override
    public CompletableFuture<R> askAsync(@Nullable K key, @Nullable V value, SendOptions options) {
        return request(key, value, options, defaultTimeout());
    }

    @Override
    public CompletableFuture<R> askAsync(@Nullable V value) {
        return askAsync(null, value, SendOptions.defaults());
    }

    @Override
    public CompletableFuture<R> askAsync(@Nullable K key, @Nullable V value) {
        return askAsync(key, value, SendOptions.defaults());
    }

    @Override
    public Iterable<R> map(Iterable<? extends V> values) {
        return kvmap(keyless(values));
    }

    @Override
    public Iterable<R> kvmap(Iterable<KeyValue<K, V>> items) {
        BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        int n = 0;
        for (KeyValue<K, V> kv : items) {
            askAsync(kv.key(), kv.value()).whenComplete((r, e) -> arrived.add(e != null ? new Failure(e) : new Box(r)));
            n++;
        }
        int total = n;
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
                    Object o = arrived.take();      // each request's future ends by itself
                    seen++;
                    if (o instanceof Failure f) {
                        throw failure(new ExecutionException(f.error()), defaultTimeout());
                    }
                    return (R) ((Box) o).value();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FaustException("interrupted while waiting for " + describe(), e);
                }
            }
        };
    }

    private record Box(@Nullable Object value) {}

    private record Failure(Throwable error) {}

    @Override
    public List<R> join(Iterable<? extends V> values) {
        return kvjoin(keyless(values));
    }

    @Override
    public List<R> kvjoin(Iterable<KeyValue<K, V>> items) {
        List<CompletableFuture<R>> futures = new ArrayList<>();
        for (KeyValue<K, V> kv : items) {
            futures.add(askAsync(kv.key(), kv.value()));
        }
        List<R> out = new ArrayList<>(futures.size());
        for (CompletableFuture<R> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaustException("interrupted while waiting for " + describe(), e);
            } catch (ExecutionException e) {
                throw failure(e, defaultTimeout());
            }
        }
        return out;
    }

    private List<KeyValue<K, V>> keyless(Iterable<? extends V> values) {
        List<KeyValue<K, V>> items = new ArrayList<>();
        for (V v : values) {
            items.add(new KeyValue<>(null, v));
        }
        return items;
    }
}
