package faust.stream.internal;

import faust.stream.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** The iterators a stream hands out: its values, views of them, and {@code take}'s lists. Used by one thread. */
final class StreamIterators {
    private StreamIterators() {}

    /**
     * The values of a stream: asking for the next one finishes (acks) the event in hand, then
     * waits for the next event that passes every step.
     */
    static final class Values<V> implements Iterator<V> {
        private final Cursor cursor;
        private final String label;
        private boolean ready;
        private boolean done;

        Values(Cursor cursor, String label) {
            this.cursor = cursor;
            this.label = label;
        }

        @Override
        public boolean hasNext() {
            if (ready) {
                return true;
            }
            if (done) {
                return false;
            }
            cursor.finish();
            ready = cursor.advance(Long.MAX_VALUE);
            if (!ready) {
                done = true;
                cursor.close();
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
            return (V) cursor.value();
        }
    }

    /** The values mapped, each with its event, to an output: {@code events()}, {@code items()}, {@code enumerate()}. */
    static final class View<V, T> implements Iterator<T> {
        private final Values<V> values;
        private final Cursor cursor;
        private final BiFunction<@Nullable Object, Event<?, ?>, T> fn;

        View(Cursor cursor, String label, BiFunction<@Nullable Object, Event<?, ?>, T> fn) {
            this.values = new Values<>(cursor, label);
            this.cursor = cursor;
            this.fn = fn;
        }

        @Override
        public boolean hasNext() {
            return values.hasNext();
        }

        @Override
        public T next() {
            Object v = values.next();
            return fn.apply(v, Objects.requireNonNull(cursor.current()));
        }
    }

    /**
     * {@code take(max, within)}: lists of at most {@code max} values, a shorter non-empty one when
     * {@code within} passes after the first value; the events of a list are acked when the next
     * list is asked for.
     */
    static final class Take<V> implements Iterator<List<V>> {
        private final Cursor cursor;
        private final StreamContext context;
        private final String label;
        private final int max;
        private final long withinNanos;
        private final List<EventImpl<?, ?>> held = new ArrayList<>();
        private @Nullable List<V> ready;
        private boolean done;

        Take(Cursor cursor, StreamContext context, String label, int max, long withinNanos) {
            this.cursor = cursor;
            this.context = context;
            this.label = label;
            this.max = max;
            this.withinNanos = withinNanos;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean hasNext() {
            if (ready != null) {
                return true;
            }
            if (done) {
                return false;
            }
            for (EventImpl<?, ?> e : held) {
                cursor.finishDetached(e);
            }
            held.clear();
            List<V> buffer = new ArrayList<>(Math.min(max, 1024));
            long deadline = Long.MAX_VALUE;
            while (buffer.size() < max) {
                long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (wait <= 0 || !cursor.advance(wait)) {
                    if (context.stopped() || wait == Long.MAX_VALUE) {
                        done = buffer.isEmpty();
                    }
                    break;
                }
                buffer.add((V) cursor.value());
                held.add(Objects.requireNonNull(cursor.detach()));
                if (deadline == Long.MAX_VALUE) {
                    deadline = System.nanoTime() + withinNanos;
                }
            }
            if (buffer.isEmpty()) {
                done = true;
                cursor.close();
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
    }
}
