package faust.internal;

import faust.errors.ProducerFencedException;
import faust.settings.BrokerSettings;
import faust.sensor.internal.SensorDelegate;
import faust.settings.TableSettings;
import faust.stream.internal.AbstractChannel;
import faust.stream.internal.EventQueue;
import faust.topic.TP;
import faust.transport.TpBatch;
import faust.transport.TrackedMessage;
import faust.transport.TransportConsumer;
import faust.transport.internal.AckTracker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the transport consumer: polls, routes batches to channel buffers,
 * pauses partitions whose buffers are full and resumes them when drained ({@link BackPressure}),
 * tracks fetch positions and gaps ({@link FetchTracker}) and has the {@link Committer} commit
 * acked offsets up to the first gap. Rebalances are the {@link RebalanceHandler}'s; reading again
 * from the committed offsets is the {@link Rewinder}'s.
 */
public final class ConsumerLoop {
    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration POLL_PAUSED = Duration.ofMillis(10);

    /** What the app does around rebalances and when consuming fails. */
    public interface Hooks {
        /** @param revoked partitions leaving this worker */
        void onRevoked(Set<TP> revoked);

        /** @param assigned partitions now owned */
        void onAssigned(Set<TP> assigned);

        /** @return whether every stream has finished the events in hand */
        boolean streamsIdle();

        /**
         * The consumer thread cannot go on (fenced producer, unrecoverable client error): the app
         * should crash so that the process exits and is restarted, rather than run without reading.
         *
         * @param reason why
         */
        void consumerFailed(Throwable reason);
    }

    private final AppRuntime rt;
    private final Hooks hooks;
    private final AckTracker acks = new AckTracker();
    private final AckRecorder ackRecorder;
    private final FetchTracker fetch = new FetchTracker(acks);
    private final BackPressure backPressure;
    private final Rewinder rewinder;
    private final Committer committer;
    private final RebalanceHandler rebalance;
    private final PartitionGate gate;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile @Nullable TransportConsumer consumer;

    ConsumerLoop(AppRuntime rt, Hooks hooks, PartitionGate gate) {
        this.rt = rt;
        this.hooks = hooks;
        this.gate = gate;
        this.ackRecorder = new AckRecorder(rt, acks);
        this.backPressure = new BackPressure(rt.conductor());
        this.rewinder = new Rewinder(rt, acks, fetch, backPressure, this::wakeup);
        this.committer = Committer.create(rt, acks, hooks::streamsIdle, rewinder, this::wakeup);
        this.rebalance = new RebalanceHandler(rt, hooks, gate, () -> consumer, committer, fetch,
                backPressure);
        this.thread = Thread.ofPlatform().name("faust-consumer-" + rt.settings().id()).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** @return the partitions assigned now */
    public Set<TP> assignment() {
        return rebalance.assignment();
    }

    /**
     * @param tp an assigned partition
     * @return the first offset of it not known to be processed (acked, skipped or committed), or
     *     null when nothing was fetched from it since it was assigned
     */
    public @Nullable Long processedUpTo(TP tp) {
        return acks.processedUpTo(tp);
    }

    /**
     * @return whether the loop is at rest: it has its assignment and its state (tables recovered), has taken every subscription
     *     change, and no rewind is pending (a test driver's notion of idle also needs the partitions
     *     caught up)
     */
    public boolean settled() {
        return rebalance.assigned() && gate.ready() && !rt.conductor().changePending() && rewinder.pending() == null;
    }

    /** Makes the loop look at subscriptions, drained buffers and the committer now. */
    public void wakeup() {
        TransportConsumer c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /**
     * Asks the loop to read again from the committed offsets (a send failed, or under exactly-once
     * an agent crashed mid-event). Thread-safe.
     *
     * @param reason logged
     */
    void requestRewind(String reason) {
        rewinder.request(reason);
    }

    void stop() {
        running = false;
        wakeup();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        TransportConsumer c = rt.transport().createConsumer(rt.settings().id(),
                rt.settings().get(BrokerSettings.BROKER_CLIENT_ID), ackRecorder, rt::generation);
        consumer = c;
        try {
            rt.conductor().takeChanged();
            subscribe(c);
            while (running) {
                if (rt.conductor().takeChanged()) {
                    subscribe(c);
                }
                List<TpBatch> batches = c.poll(backPressure.any() ? POLL_PAUSED : POLL);
                for (TpBatch b : batches) {
                    deliver(c, b);
                }
                if (backPressure.any()) {
                    backPressure.resumeDrained(c);
                }
                resumeReleased(c);
                if (rewinder.pending() != null) {
                    committer.rewind(c);
                }
                committer.maybeCommit(c);
            }
            committer.commitNow(c);
        } catch (ProducerFencedException e) {
            log.error("[{}] another worker took over this worker's transactions; stopping consumption so output is not "
                    + "duplicated. Restart the worker to rejoin the group.", rt.settings().id(), e);
            hooks.consumerFailed(e);
        } catch (RuntimeException e) {
            log.error("[{}] consumer thread failed; no more messages will be read; crashing the app", rt.settings().id(), e);
            hooks.consumerFailed(e);
        } finally {
            consumer = null;
            c.close();
        }
    }

    /** Resumes the partitions the gate held back once their state is ready (still assigned ones only). */
    private void resumeReleased(TransportConsumer c) {
        Set<TP> released = gate.takeReleased();
        if (!released.isEmpty()) {
            Set<TP> still = new HashSet<>(released);
            still.retainAll(c.assignment());
            if (!still.isEmpty()) {
                c.resume(still);
            }
        }
    }

    private void subscribe(TransportConsumer c) {
        Set<String> names = new HashSet<>(rt.conductor().topicNames());
        log.info("[{}] subscribing to {}{}", rt.settings().id(), names,
                rt.conductor().pattern() == null ? "" : " and pattern " + rt.conductor().pattern());
        Map<String, Integer> changelogs = gate.standbyChangelogs();
        if (!changelogs.isEmpty()) {
            c.requestStandbys(changelogs, rt.settings().get(TableSettings.TABLE_STANDBY_REPLICAS));
        }
        c.subscribe(names, rt.conductor().pattern(), rebalance);
    }

    private void deliver(TransportConsumer c, TpBatch b) {
        TP tp = b.tp();
        TrackedMessage[] msgs = b.messages();
        if (msgs.length == 0) {
            return;
        }
        fetch.fetched(tp, msgs);
        if (b.endOffset() != TpBatch.UNKNOWN_END_OFFSET) {
            rt.monitor().trackTpEndOffset(tp, b.endOffset());     // kept current, as Faust's consumer does on each fetch
        }
        SensorDelegate sensors = rt.sensors();
        sensors.onMessagesIn(tp, msgs);     // the Monitor counts the batch at once; other sensors get each message
        AbstractChannel<?, ?>[] channels = rt.conductor().channelsFor(tp.topic());
        if (channels.length == 0) {
            for (TrackedMessage m : msgs) {
                m.incref(1);
                m.ack();
            }
            return;
        }
        for (TrackedMessage m : msgs) {
            m.incref(channels.length);
        }
        for (AbstractChannel<?, ?> ch : channels) {
            EventQueue full = ch.deliver(msgs);
            if (full != null) {
                full.onDrain(this::wakeup);
                backPressure.full(c, ch, full, tp, rebalance.assignment());
                sensors.onTopicBufferFull(ch.label());
            }
        }
    }
}
