package faust.agent.internal;

import faust.agent.AgentTestContext;
import faust.errors.FaustException;
import faust.internal.AppRuntime;
import faust.stream.Headers;
import faust.stream.internal.AbstractChannel;
import faust.stream.internal.CurrentEvent;
import faust.stream.internal.EventImpl;
import faust.topic.internal.ChannelImpl;
import faust.transport.TrackedMessage;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Faust's {@code test_context}: one actor of the agent over a private channel, driven by {@link #put}. */
final class TestContext<K, V, R> implements AgentTestContext<K, V, R> {
    private static final long WAIT_SECONDS = 30;
    private final String topic;
    private final ChannelImpl<K, V> source;
    private final Map<Long, Object> results = new ConcurrentSkipListMap<>();
    private final Map<Long, CountDownLatch> waiting = new ConcurrentHashMap<>();
    private final AtomicLong nextOffset = new AtomicLong();
    private final Actor<K, V> actor;
    private volatile @Nullable Throwable crash;

    TestContext(AgentImpl<K, V, R> agent, AppRuntime rt, AbstractChannel<K, V> original) {
        this.topic = original.label();
        this.source = new ChannelImpl<>(rt, original.keyType(), original.valueType(), Integer.MAX_VALUE);
        this.actor = agent.startTestActor(source, this::record, this::crashed);
    }

    private void record(@Nullable Object value) {
        EventImpl<?, ?> e = CurrentEvent.get();
        if (e != null && value != null) {
            results.put(e.message().offset(), value);
        }
    }

    private void crashed(Actor<?, ?> actor, Throwable t) {
        crash = t;
        waiting.values().forEach(CountDownLatch::countDown);
    }

    @Override
    public long put(@Nullable V value) {
        return put(null, value);
    }

    @Override
    public long put(@Nullable K key, @Nullable V value) {
        throwIfCrashed();
        long offset = nextOffset.getAndIncrement();
        CountDownLatch done = new CountDownLatch(1);
        waiting.put(offset, done);
        TrackedMessage m = new TrackedMessage(topic, 0, offset, System.currentTimeMillis(), null, null, Headers.empty(),
                msg -> done.countDown(), -1);
        m.incref(1);
        EventImpl<K, V> e = new EventImpl<>(key, value, Headers.empty(), m, source);
        source.queue().put(new EventImpl<?, ?>[] {e}, 0, 1);
        try {
            if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new FaustException("agent did not finish processing offset " + offset + " within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new FaustException("interrupted while waiting for the agent", ex);
        } finally {
            waiting.remove(offset);
        }
        throwIfCrashed();
        return offset;
    }

    private void throwIfCrashed() {
        Throwable t = crash;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new FaustException("agent crashed: " + t, t);
        }
    }

    @Override
    public Map<Long, Object> results() {
        return Collections.unmodifiableMap(results);
    }

    @Override
    public void close() {
        actor.stop();
        actor.join(Duration.ofSeconds(5));
    }
}
