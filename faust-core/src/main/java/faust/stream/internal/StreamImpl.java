package faust.stream.internal;

import faust.stream.Event;
import faust.stream.Indexed;
import faust.stream.KeyValue;
import faust.stream.Stream;
import faust.topic.Channel;
import faust.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The stream implementation: a channel buffer plus a list of processor steps. Operators return
 * new instances sharing the source; iteration creates a {@link Cursor} and one of the
 * {@link StreamIterators}; {@code through} and {@code groupBy} are in {@link Chain}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StreamImpl<K, V> implements Stream<K, V> {
    private final StreamRuntime rt;
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
    public StreamImpl(StreamRuntime rt, AbstractChannel<?, ?> channel, @Nullable StreamContext context, String label) {
        this(rt, channel, List.of(), true, label, context != null ? context : new StreamContext(null, 1), false);
    }

    private StreamImpl(StreamRuntime rt, AbstractChannel<?, ?> channel, List<Cursor.Step> steps, boolean enableAcks,
                       String label, StreamContext context, boolean chained) {
        this.rt = rt;
        this.channel = channel;
        this.steps = steps;
        this.enableAcks = enableAcks;
        this.label = label;
        this.context = context;
        this.chained = chained;
    }

    /** @return a stream over the same source with {@code step} added */
    <K2, V2> StreamImpl<K2, V2> with(Cursor.Step step) {
        List<Cursor.Step> s = new ArrayList<>(steps);
        s.add(step);
        return new StreamImpl<>(rt, channel, List.copyOf(s), enableAcks, label, context, chained);
    }

    /** @return a stream over {@code target} that this stream's events are handed on to */
    <K2, V2> StreamImpl<K2, V2> chainedTo(AbstractChannel<?, ?> target) {
        StreamImpl<K2, V2> next = new StreamImpl<>(rt, target, List.of(), enableAcks, label, context, true);
        chainedTo = next;
        return next;
    }

    /** @return the context shared with the actor */
    public StreamContext context() {
        return context;
    }

    AbstractChannel<?, ?> source() {
        return channel;
    }

    boolean chained() {
        return chained;
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
        return new StreamIterators.Values<>(newCursor(), label);
    }

    private <T> Iterable<T> view(BiFunction<@Nullable Object, Event<?, ?>, T> fn) {
        return () -> new StreamIterators.View<V, T>(newCursor(), label, fn);
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
        AtomicLong i = new AtomicLong(start);
        return view((v, e) -> new Indexed<>(i.getAndIncrement(), (V) v));
    }

    @Override
    public Iterable<List<V>> take(int max, Duration within) {
        if (max < 1) {
            throw new IllegalArgumentException("take(max) needs max >= 1, got " + max);
        }
        long withinNanos = within.toNanos();
        return () -> new StreamIterators.Take<V>(newCursor(), context, label, max, withinNanos);
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

    @Override
    public Stream<K, V> through(Channel<K, V> target) {
        return Chain.through(this, target);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stream<K, V> through(String topicName) {
        return through((Channel<K, V>) rt.topic(topicName, channel.keyType(), channel.valueType()));
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
        return Chain.groupBy(this, key, name, partitions);
    }

    @Override
    public Stream<K, V> noack() {
        return new StreamImpl<>(rt, channel, steps, false, label, context, chained);
    }

    @Override
    public Stream<?, ?> activeStream() {
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
        return (Topic<K, V>) rt.topic(name, channel.keyType(), channel.valueType());
    }

    /** Applies a user function to a stream value, which may be null (a tombstone): V carries no nullness. */
    @SuppressWarnings({"unchecked", "NullAway"})
    static <V, R> R applyToValue(Function<? super V, ? extends R> fn, @Nullable Object value) {
        return fn.apply((V) value);
    }
}
