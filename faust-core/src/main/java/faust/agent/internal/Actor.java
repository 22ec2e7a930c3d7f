package faust.agent.internal;

import faust.internal.AppRuntime;
import faust.stream.internal.AbstractChannel;
import faust.stream.internal.CurrentEvent;
import faust.stream.internal.EventImpl;
import faust.stream.internal.EventQueue;
import faust.stream.internal.StreamContext;
import faust.stream.internal.StreamImpl;
import faust.topic.TP;
import faust.transport.TrackedMessage;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor of an agent: a named virtual thread running the agent's function over its own stream.
 * When the function throws, the actor returns the events it took but did not start, asks (under
 * exactly-once) for the worker to read again from the last commit, and tells its
 * {@link CrashHandler}, which applies the agent's supervisor.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class Actor<K, V> {
    private static final Logger log = LoggerFactory.getLogger(Actor.class);

    /** Told when an actor's function threw. */
    @FunctionalInterface
    interface CrashHandler {
        /**
         * @param actor the actor, whose thread is ending
         * @param error what the function threw
         */
        void crashed(Actor<?, ?> actor, Throwable error);
    }

    private final AppRuntime rt;
    private final String agent;
    private final int index;
    private final @Nullable TP partition;
    private final AbstractChannel<K, V> source;
    private final AgentBody<K, V> body;
    private final @Nullable Consumer<Object> recorder;
    private final CrashHandler onCrash;
    private final StreamContext context;
    private final String label;
    private final Thread thread;

    /**
     * @param isolated with {@code isolated_partitions}: the partition's own buffer, read instead of the channel's
     */
    Actor(AppRuntime rt, String agent, int index, @Nullable TP partition, @Nullable EventQueue isolated,
          AbstractChannel<K, V> source, int concurrency, AgentBody<K, V> body, @Nullable Consumer<Object> recorder,
          CrashHandler onCrash) {
        this.rt = rt;
        this.agent = agent;
        this.index = index;
        this.partition = partition;
        this.source = source;
        this.body = body;
        this.recorder = recorder;
        this.onCrash = onCrash;
        this.context = new StreamContext(agent, concurrency);
        if (isolated != null) {
            context.isolate(source, isolated);
        }
        this.label = "agent-" + agent + "-" + (partition == null ? String.valueOf(index)
                : partition.topic() + "-" + partition.partition());
        this.thread = Thread.ofVirtual().name(label).unstarted(this::run);
    }

    /** @return the actor's number (its partition's, with {@code isolated_partitions}) */
    int index() {
        return index;
    }

    /** @return the partition this actor alone reads ({@code isolated_partitions}), or null */
    @Nullable TP partition() {
        return partition;
    }

    /** @return the actor's thread name, e.g. {@code agent-count-0} */
    String label() {
        return label;
    }

    void start() {
        thread.start();
    }

    /** Stops the actor's streams: its loop ends at the next event boundary. */
    void stop() {
        context.stop();
    }

    /** @param timeout the longest wait for the actor's thread to end */
    void join(Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether every stream of the actor is waiting for events (nothing in hand) */
    boolean idle() {
        return context.idle();
    }

    private void run() {
        StreamImpl<K, V> stream = new StreamImpl<>(rt, source, context, label);
        try {
            try {
                body.run(stream, recorder);
            } finally {
                context.reportAcks();    // events finished before the function returned or threw
            }
            if (!context.stopped()) {
                log.warn("[{}] agent {} actor {} returned while the app runs; it will not read more events",
                        rt.settings().id(), agent, index);
            }
        } catch (Throwable t) {
            if (context.stopped() && (t instanceof InterruptedException || t.getCause() instanceof InterruptedException)) {
                return;
            }
            crashed(t);
        }
    }

    private void crashed(Throwable t) {
        EventImpl<?, ?> e = CurrentEvent.get();
        CurrentEvent.set(null);
        // exactly-once: what this event sent must not commit; read again from the last commit
        rt.requestRewind("agent " + agent + " actor " + index + " crashed: " + t);
        context.returnLeftovers();
        if (e != null) {
            TrackedMessage m = e.tracked();
            log.error("[{}] agent {} actor {} crashed processing topic={} partition={} offset={}", rt.settings().id(),
                    agent, index, m.topic(), m.partition(), m.offset(), t);
        } else {
            log.error("[{}] agent {} actor {} crashed", rt.settings().id(), agent, index, t);
        }
        onCrash.crashed(this, t);
        if (e != null && !rt.exactlyOnce()) {
            e.ack();   // the event was handed to the agent: it is done, as in Faust
        }
    }
}
