package faust.stream.internal;

import faust.errors.ImproperlyConfiguredException;
import faust.stream.Stream;
import faust.topic.Channel;
import faust.topic.Topic;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code through} and {@code groupBy}: the source stream is drained on a background thread that
 * sends every event on to a channel (a repartition topic for {@code groupBy}), and the returned
 * stream reads that channel. Faust's {@code _chain}/{@code group_by}.
 */
final class Chain {
    private static final Logger log = LoggerFactory.getLogger(Chain.class);

    private Chain() {}

    @SuppressWarnings("unchecked")
    static <K, V> Stream<K, V> through(StreamImpl<K, V> source, Channel<K, V> target) {
        checkChainable(source, "through");
        AbstractChannel<K, V> t = (AbstractChannel<K, V>) AbstractChannel.of(target);
        return chainTo(source, t, (v, e) -> {
            t.send((K) e.key(), (V) v);   // not awaited: a failed send makes the worker read again from the last commit
            return v;
        }, "through");
    }

    static <K, V, NK> Stream<NK, V> groupBy(StreamImpl<K, V> source, Function<? super V, ? extends NK> key, String name,
                                           @Nullable Integer partitions) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        checkChainable(source, "groupBy");
        AbstractChannel<?, ?> channel = source.source();
        if (!(channel instanceof Topic<?, ?> topic)) {
            throw new ImproperlyConfiguredException("groupBy needs a stream over a topic; " + channel.label()
                    + " is a plain channel. Use app.topic(...) as the agent's channel.");
        }
        StreamContext context = source.context();
        String prefix = context.prefix() != null && !channel.hasPrefix() ? context.prefix() + "-" : "";
        Topic<?, ?> repartition = topic.derive(prefix, "-" + name + "-repartition", o -> {
            o.internal(true);
            if (partitions != null) {
                o.partitions(partitions);
            }
        });
        AbstractChannel<?, ?> target = AbstractChannel.of(repartition);
        String label = source.label();
        return chainTo(source, target, (v, e) -> {
            Object newKey;
            try {
                newKey = StreamImpl.applyToValue(key, v);
            } catch (RuntimeException ex) {
                log.warn("[{}] groupBy key {} failed for {}; event skipped", label, name, e.message(), ex);
                return Cursor.SKIP;
            }
            e.forward(repartition, newKey);   // not awaited: a failed send makes the worker read again from the last commit
            return v;
        }, "groupBy");
    }

    private static void checkChainable(StreamImpl<?, ?> source, String op) {
        if (source.chained()) {
            throw new ImproperlyConfiguredException("stream " + source.label() + " already uses groupBy/through; " + op
                    + " cannot be chained after them: iterate the returned stream instead");
        }
        int concurrency = source.context().concurrency();
        if (concurrency > 1) {
            throw new ImproperlyConfiguredException(op + " is not allowed in agents with concurrency > 1 (stream "
                    + source.label() + " has concurrency " + concurrency + "): events would be reordered");
        }
    }

    /** Starts a background drainer for {@code source} (with {@code forward} as last step) and returns the target stream. */
    private static <K2, V2> Stream<K2, V2> chainTo(StreamImpl<?, ?> source, AbstractChannel<?, ?> target,
                                                   Cursor.Step forward, String op) {
        StreamImpl<K2, V2> drained = source.with(forward);
        StreamImpl<K2, V2> next = source.chainedTo(target);
        StreamContext context = source.context();
        String label = source.label();
        target.subscribe();
        Thread drainer = Thread.ofVirtual().name(label + "-" + op + "-drainer").unstarted(() -> {
            try {
                for (Object ignored : drained) {
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
}
