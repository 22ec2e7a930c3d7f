package faust.stream.internal;

import faust.errors.ImproperlyConfiguredException;
import faust.internal.AppRuntime;
import faust.stream.Event;
import faust.stream.Indexed;
import faust.stream.KeyValue;
import faust.stream.Stream;
import faust.topic.Channel;
import faust.topic.Topic;
import faust.topic.internal.AbstractChannel;
import faust.topic.internal.TopicImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream implementation: a channel buffer plus a list of processor steps. Operators return
 * new instances sharing the source; iteration creates a {@link Cursor}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StreamImpl<K, V> implements Stream<K, V> {
    private static final Logger log = LoggerFactory.getLogger(StreamImpl.class);

    private final AppRuntime rt;
    private final AbstractChannel<?, ?> channel;
    private final List<Cursor.Step> steps;
    private final boolean enableAcks;
    private final String label;
    private final StreamContext context;
    private final boolean chained;
    private @Nullable Cursor cursor;
    /** The stream {@code through}/{@code groupBy} handed events on to, if any. */
    private volatile @Nullable StreamImpl<?, ?> chainedTo;

    /**
     * @param rt the runtime
     * @param channel the source channel
     * @param context the actor context, or null for a standalone stream
     * @param label label for logs and sensors
     */
    public StreamImpl(AppRuntime rt, AbstractChannel<?, ?> channel, @Nullable StreamContext context, String label) {
        this(rt, channel, List.of(), true, label, context != null ? context : new StreamContext(null, 1), false);
    }

    private StreamImpl(AppRuntime rt, AbstractChannel<?, ?> channel, List<Cursor.Step> steps, boolean enableAcks, String label,
                       StreamContext context, boolean chained) {
        this.rt = rt;
        this.channel = channel;
        this.steps = steps;
        this.enableAcks = enableAcks;
        this.label = label;
        this.context = context;
        this.chained = chained;
    }

    private <K2, V2> StreamImpl<K2, V2> with(Cursor.Step step) {
        List<Cursor.Step> s = new ArrayList<>(steps);
        s.add(step);
        return new StreamImpl<>(rt, channel, List.copyOf(s), enableAcks, label, context, chained);
    }

    /** @return the context shared with the actor */
    public StreamContext context() {
        return context;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Channel<?, ?> channel() {
        return channel;
    }

    private Cursor newCursor() {
        Cursor c = new Cursor(rt, context.queueOf(channel, channel.queue()), steps, enableAcks, label, context);
        cursor = c;
        return c;
    }

    @Override
    public Iterator<V> iterator() {
        Cursor c = newCursor();
        return new Iterator<>() {
            private boolean ready;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (ready) {
                    return true;
                }
                if (done) {
                    return false;
                }
                c.finish();
                ready = c.advance(Long.MAX_VALUE);
                if (!ready) {
                    done = true;
                    c.close();
                }
                return ready;
            }

            @Override
            @SuppressWarnings({"unchecked", "NullAway"})   // a value may be null (tombstone); V carries no nullness
            public V next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("stream " + label + " has ended");
                }
                ready = false;
                return (V) c.value();
            }
        };
    }

    /** A view of the iteration that maps each ready value and its event to an output. */
    private <T> Iterable<T> view(java.util.function.BiFunction<@Nullable Object, Event<?, ?>, T> fn) {
        return () -> {
            Iterator<V> values = iterator();
            Cursor c = Objects.requireNonNull(cursor);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return values.hasNext();
                }

                @Override
                public T next() {
                    Object v = values.next();
                    return fn.apply(v, Objects.requireNonNull(c.current()));
                }
            };
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterable<Event<K, V>> events() {
        return view((v, e) -> (Event<K, V>) e);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterable<KeyValue<K, V>> items() {
        return view((v, e) -> new KeyValue<>((K) e.key(), (V) v));
    }

    @Override
    public Iterable<Indexed<V>> enumerate() {
        return enumerate(0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterable<Indexed<V>> enumerate(long start) {
        long[] i = {start};
        return view((v, e) -> new Indexed<>(i[0]++, (V) v));
    }

    @Override
    public Iterable<List<V>> take(int max, Duration within) {
        if (max < 1) {
            throw new IllegalArgumentException("take(max) needs max >= 1, got " + max);
        }
        long withinNanos = within.toNanos();
        return () -> {
            Cursor c = newCursor();
            return new Iterator<>() {
                private final List<Event<?, ?>> held = new ArrayList<>();
                private @Nullable List<V> ready;
                private boolean done;

                @Override
                @SuppressWarnings("unchecked")
                public boolean hasNext() {
                    if (ready != null) {
                        return true;
                    }
                    if (done) {
                        return false;
                    }
                    for (Event<?, ?> e : held) {
                        c.finishDetached(e);
                    }
                    held.clear();
                    List<V> buffer = new ArrayList<>(Math.min(max, 1024));
                    long deadline = Long.MAX_VALUE;
                    while (buffer.size() < max) {
                        long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                        if (wait <= 0 || !c.advance(wait)) {
                            if (context.stopped() || wait == Long.MAX_VALUE) {
                                done = buffer.isEmpty();
                            }
                            break;
                        }
                        buffer.add((V) c.value());
                        held.add(Objects.requireNonNull(c.detach()));
                        if (deadline == Long.MAX_VALUE) {
                            deadline = System.nanoTime() + withinNanos;
                        }
                    }
                    if (buffer.isEmpty()) {
                        done = true;
                        c.close();
                        return false;
                    }
                    ready = buffer;
                    return true;
                }

                @Override
                public List<V> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("stream " + label + " has ended");
                    }
                    List<V> out = Objects.requireNonNull(ready);
                    ready = null;
                    return out;
                }
            };
        };
    }

    @Override
    public Stream<K, V> filter(Predicate<? super V> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return with((v, e) -> {
            @SuppressWarnings("unchecked")
            V value = (V) v;
            return predicate.test(value) ? v : Cursor.SKIP;
        });
    }

    @Override
    public <R> Stream<K, R> map(Function<? super V, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return with((v, e) -> applyToValue(fn, v));
    }

    @Override
    public Stream<K, V> addProcessor(Consumer<? super V> processor) {
        Objects.requireNonNull(processor, "processor");
        return with((v, e) -> {
            @SuppressWarnings("unchecked")
            V value = (V) v;
            processor.accept(value);
            return v;
        });
    }

    private void checkChainable(String op) {
        if (chained) {
            throw new ImproperlyConfiguredException("stream " + label + " already uses groupBy/through; " + op
                    + " cannot be chained after them: iterate the returned stream instead");
        }
        if (context.concurrency() > 1) {
            throw new ImproperlyConfiguredException(op + " is not allowed in agents with concurrency > 1 (stream " + label
                    + " has concurrency " + context.concurrency() + "): events would be reordered");
        }
    }

    /** Starts a background drainer for this stream (with {@code forward} as last step) and returns the target stream. */
    private <K2, V2> Stream<K2, V2> chainTo(AbstractChannel<?, ?> target, Cursor.Step forward, String op) {
        StreamImpl<K2, V2> source = with(forward);
        StreamImpl<K2, V2> next = new StreamImpl<>(rt, target, List.of(), enableAcks, label, context, true);
        chainedTo = next;
        target.subscribe();
        Thread drainer = Thread.ofVirtual().name(label + "-" + op + "-drainer").unstarted(() -> {
            try {
                for (Object ignored : source) {
                    // the forward step did the work
                }
            } catch (RuntimeException e) {
                log.error("[{}] {} drainer failed; events stop flowing to {}", label, op, target.label(), e);
            } finally {
                context.reportAcks();     // the events it finished before failing stay committable
            }
        });
        context.addDrainer(drainer);
        drainer.start();
        return next;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stream<K, V> through(Channel<K, V> target) {
        checkChainable("through");
        AbstractChannel<K, V> t = (AbstractChannel<K, V>) AbstractChannel.of(target);
        return chainTo(t, (v, e) -> {
            t.send((K) e.key(), (V) v);   // not awaited: a failed send makes the worker read again from the last commit
            return v;
        }, "through");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stream<K, V> through(String topicName) {
        return through((Channel<K, V>) rt.app().topic(topicName, channel.keyType(), channel.valueType()));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Stream<K, V> echo(Channel<?, ?>... channels) {
        List<Channel<?, ?>> targets = List.of(channels);
        return with((v, e) -> {
            for (Channel ch : targets) {
                ch.send(e.key(), v);
            }
            return v;
        });
    }

    @Override
    public <NK> Stream<NK, V> groupBy(Function<? super V, ? extends NK> key, String name) {
        return groupBy(key, name, null);
    }

    @Override
    public <NK> Stream<NK, V> groupBy(Function<? super V, ? extends NK> key, String name, @Nullable Integer partitions) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        checkChainable("groupBy");
        if (!(channel instanceof TopicImpl<?, ?> source)) {
            throw new ImproperlyConfiguredException("groupBy needs a stream over a topic; " + channel.label()
                    + " is a plain channel. Use app.topic(...) as the agent's channel.");
        }
        String prefix = context.prefix() != null && !source.hasPrefix() ? context.prefix() + "-" : "";
        Topic<?, ?> repartition = source.derive(o -> {
            o.prefix(prefix).suffix("-" + name + "-repartition").internal(true);
            if (partitions != null) {
                o.partitions(partitions);
            }
        });
        AbstractChannel<?, ?> target = AbstractChannel.of(repartition);
        return chainTo(target, (v, e) -> {
            Object newKey;
            try {
                newKey = applyToValue(key, v);
            } catch (RuntimeException ex) {
                log.warn("[{}] groupBy key {} failed for {}; event skipped", label, name, e.message(), ex);
                return Cursor.SKIP;
            }
            e.forward(repartition, newKey);   // not awaited: a failed send makes the worker read again from the last commit
            return v;
        }, "groupBy");
    }

    @Override
    public Stream<K, V> noack() {
        return new StreamImpl<>(rt, channel, steps, false, label, context, chained);
    }

    @Override
    public Stream<?, ?> getActiveStream() {
        StreamImpl<?, ?> s = this;
        for (StreamImpl<?, ?> n = s.chainedTo; n != null; n = n.chainedTo) {
            s = n;
        }
        return s;
    }

    @Override
    public boolean ack(Event<?, ?> event) {
        return event.ack();
    }

    @Override
    @SuppressWarnings("unchecked")
    public @Nullable Event<K, V> currentEvent() {
        Cursor c = cursor;
        return c == null ? null : (Event<K, V>) c.current();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Topic<K, V> deriveTopic(String name) {
        return (Topic<K, V>) rt.app().topic(name, channel.keyType(), channel.valueType());
    }

    /** Applies a user function to a stream value, which may be null (a tombstone): V carries no nullness. */
    @SuppressWarnings({"unchecked", "NullAway"})
    private static <V, R> R applyToValue(Function<? super V, ? extends R> fn, @Nullable Object value) {
        return fn.apply((V) value);
    }
}
