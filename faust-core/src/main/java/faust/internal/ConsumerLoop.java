package faust.internal;

import faust.settings.BrokerSettings;
import faust.settings.StreamSettings;
import faust.stream.Message;
import faust.topic.TP;
import faust.topic.internal.AbstractChannel;
import faust.topic.internal.EventQueue;
import faust.transport.RebalanceListener;
import faust.transport.TpBatch;
import faust.transport.TransportConsumer;
import faust.transport.TransportProducer;
import faust.transport.internal.AckTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the transport consumer: polls, routes batches to channel buffers,
 * pauses partitions whose buffers are full and resumes them when drained, tracks acks and gaps,
 * and has the {@link OffsetCommitter} commit acked offsets up to the first gap. On revocation it
 * drops buffered events, waits for streams to finish the events in hand, and commits before
 * letting the partitions go. When an output cannot be trusted (a failed send; under exactly-once,
 * an agent that crashed or a transaction that failed) it rewinds: reads again from the committed
 * offsets.
 */
public final class ConsumerLoop implements RebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration POLL_PAUSED = Duration.ofMillis(10);

    /** What the app does around rebalances. */
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
        default void consumerFailed(Throwable reason) {}
    }

    private final AppRuntime rt;
    private final Hooks hooks;
    private final AckTracker acks = new AckTracker();
    private final Set<TP> based = ConcurrentHashMap.newKeySet();
    private final BackPressure backPressure;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile @Nullable TransportConsumer consumer;
    private volatile Set<TP> assignment = Set.of();
    private @Nullable Object rebalanceState;
    /**
     * Offset of the last message fetched per partition (or, before the first fetch, the offset
     * before the one reading starts at), to find offsets that will never come (gaps).
     */
    private final Map<TP, Long> lastFetched = new HashMap<>();
    private final boolean exactlyOnce;
    private volatile @Nullable String rewindReason;
    private final OffsetCommitter committer;

    ConsumerLoop(AppRuntime rt, Hooks hooks) {
        this.rt = rt;
        this.hooks = hooks;
        this.exactlyOnce = rt.exactlyOnce();
        this.backPressure = new BackPressure(rt.conductor());
        this.committer = new OffsetCommitter(rt, acks, hooks::streamsIdle, new OffsetCommitter.Loop() {
            @Override
            public @Nullable String rewindReason() {
                return rewindReason;
            }

            @Override
            public void requestRewind(String reason) {
                ConsumerLoop.this.requestRewind(reason);
            }

            @Override
            public void rewindLocked(TransportConsumer c, TransportProducer p) {
                ConsumerLoop.this.rewindLocked(c, p);
            }

            @Override
            public void wakeup() {
                ConsumerLoop.this.wakeup();
            }
        });
        this.thread = Thread.ofPlatform().name("faust-consumer-" + rt.settings().id()).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** @return the partitions assigned now */
    public Set<TP> assignment() {
        return assignment;
    }

    /** Makes the loop look at subscriptions and drained buffers now. */
    public void wakeup() {
        TransportConsumer c = consumer;
        if (c != null) {
            c.wakeup();
        }
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
        TransportConsumer c = rt.transport().createConsumer(rt.settings().id(), rt.settings().get(BrokerSettings.BROKER_CLIENT_ID), ackListener,
                rt::generation);
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
                if (rewindReason != null) {
                    rewind(c);
                }
                committer.maybeCommit(c);
            }
            committer.commitNow(c);
        } catch (faust.errors.ProducerFencedException e) {
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

    private void subscribe(TransportConsumer c) {
        Set<String> names = new HashSet<>(rt.conductor().topicNames());
        log.info("[{}] subscribing to {}{}", rt.settings().id(), names,
                rt.conductor().pattern() == null ? "" : " and pattern " + rt.conductor().pattern());
        c.subscribe(names, rt.conductor().pattern(), this);
    }

    private void deliver(TransportConsumer c, TpBatch b) {
        TP tp = b.tp();
        Message[] msgs = b.messages();
        if (msgs.length == 0) {
            return;
        }
        if (based.add(tp)) {
            acks.assign(tp, msgs[0].offset() - 1);   // the first offset fetched since assignment is the base
        }
        trackGaps(tp, msgs);
        if (b.endOffset() != TpBatch.UNKNOWN_END_OFFSET) {
            rt.monitor().trackTpEndOffset(tp, b.endOffset());     // kept current, as Faust's consumer does on each fetch
        }
        var sensors = rt.sensors();
        sensors.onMessagesIn(tp, msgs);     // the Monitor counts the batch at once; other sensors get each message
        AbstractChannel<?, ?>[] channels = rt.conductor().channelsFor(tp.topic());
        if (channels.length == 0) {
            for (Message m : msgs) {
                m.incref(1);
                m.ack();
            }
            return;
        }
        for (Message m : msgs) {
            m.incref(channels.length);
        }
        for (AbstractChannel<?, ?> ch : channels) {
            EventQueue full = ch.deliver(msgs);
            if (full != null) {
                full.onDrain(this::wakeup);
                backPressure.full(c, ch, full, tp, assignment);
                sensors.onTopicBufferFull(ch.label());
            }
        }
    }

    /**
     * Offsets that were skipped (transaction markers, aborted records, compacted-away records)
     * will never be acked; record them as gaps so commits can pass them.
     */
    private void trackGaps(TP tp, Message[] msgs) {
        Long last = lastFetched.get(tp);
        long prev = last != null ? last : msgs[0].offset() - 1;
        for (Message m : msgs) {
            long off = m.offset();
            if (off > prev + 1) {
                acks.addGap(tp, prev + 1, off - 1);
            }
            prev = off;
        }
        lastFetched.put(tp, prev);
    }

    /** Each stream thread's scratch space for the offsets of a run of acks (see {@link Message.AckListener#onAckedAll}). */
    private final ThreadLocal<long[]> ackOffsets = ThreadLocal.withInitial(() -> new long[64]);     // grown when a run is longer

    /** Told (on the streams' threads) when every stream that received a message is done with it. */
    private final Message.AckListener ackListener = new Message.AckListener() {
        @Override
        public void onAcked(Message m) {
            if (m.generation() == rt.generation()) {
                acks.ack(m.tp(), m.offset());
            }
            rt.sensors().onMessageOut(m.tp(), m.offset(), m);
        }

        /** A stream's run of finished messages: the offsets of each partition recorded under one lock. */
        @Override
        public void onAckedAll(Message[] ms, int from, int to) {
            int generation = rt.generation();
            long[] offsets = ackOffsets.get();
            if (offsets.length < to - from) {
                offsets = new long[to - from];
                ackOffsets.set(offsets);
            }
            int i = from;
            while (i < to) {
                TP tp = ms[i].tp();
                int n = 0;
                for (; i < to && (ms[i].tp() == tp || ms[i].tp().equals(tp)); i++) {     // a fetched batch shares one TP
                    if (ms[i].generation() == generation) {
                        offsets[n++] = ms[i].offset();
                    }
                }
                if (n > 0) {
                    acks.ackAll(tp, offsets, n);
                }
            }
            rt.sensors().onMessagesOut(ms, from, to);
        }
    };

    void requestRewind(String reason) {
        rewindReason = reason;
        wakeup();
    }

    private void rewind(TransportConsumer c) {
        committer.beforeRewind(c);
        if (!exactlyOnce) {
            rewindLocked(c, rt.producer());    // acks of events in flight belong to the old generation and are ignored
            return;
        }
        CommitBarrier barrier = rt.commitBarrier();
        try {
            barrier.raise(hooks::streamsIdle, OffsetCommitter.BARRIER_TIMEOUT.toNanos());
            rewindLocked(c, rt.producer());
        } finally {
            barrier.lower();
        }
    }

    /**
     * Drops queued events and seeks every assigned partition back to its last commit; under
     * exactly-once (with the barrier raised) also aborts the open transaction.
     */
    private void rewindLocked(TransportConsumer c, TransportProducer p) {
        String reason = rewindReason;
        rewindReason = null;
        if (exactlyOnce) {
            log.warn("[{}] exactly-once: aborting the open transaction and reading again from the committed offsets ({})",
                    rt.settings().id(), reason);
            try {
                p.abortTransaction();
            } catch (faust.errors.ProducerFencedException e) {
                throw e;
            } catch (RuntimeException e) {
                log.warn("[{}] abort failed", rt.settings().id(), e);
            }
        } else {
            log.warn("[{}] reading again from the committed offsets so nothing is lost ({})", rt.settings().id(), reason);
        }
        rt.nextGeneration();
        for (AbstractChannel<?, ?> ch : rt.conductor().channels()) {
            ch.clearBuffers();
        }
        rt.publisher().attachments().discard(c.assignment(), "reading again from the committed offsets");
        backPressure.resumeAll(c);
        Set<TP> owned = c.assignment();
        Map<TP, Long> committed = c.committed(owned);
        for (TP tp : owned) {
            Long off = committed.get(tp);
            if (off == null) {
                var tracker = acks.tracker(tp);
                Long base = tracker == null ? null : tracker.lastCommitted();
                off = base == null ? null : base + 1;
            }
            lastFetched.remove(tp);
            if (off != null) {
                c.seek(tp, off);
                acks.assign(tp, off - 1);
                lastFetched.put(tp, off - 1);     // reading starts at off: offsets skipped from there on are gaps
                based.add(tp);
            } else {
                acks.revoke(tp);
                based.remove(tp);
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Set<TP> revoked) {
        rebalanceState = rt.sensors().onRebalanceStart();
        log.info("[{}] partitions revoked: {}", rt.settings().id(), new java.util.TreeSet<>(revoked));
        for (AbstractChannel<?, ?> ch : rt.conductor().channels()) {
            ch.clearBuffers();        // not acked: the partitions' next owner reads them again
        }
        backPressure.clear();
        TransportConsumer c = consumer;
        if (exactlyOnce) {
            // Streams stop at their next event boundary; every event finished by then is committed with
            // its output. Only then is the generation bumped, so that no finished event's ack is lost.
            if (c != null) {
                committer.endTransaction(c, rt::nextGeneration);
            } else {
                rt.nextGeneration();
            }
        } else {
            if (rt.settings().get(StreamSettings.STREAM_WAIT_EMPTY)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!hooks.streamsIdle() && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            if (c != null) {
                committer.commitNow(c);
            }
            rt.nextGeneration();      // anything still in hand belongs to the next owner now
        }
        rt.publisher().attachments().discard(revoked, "partitions revoked");
        for (TP tp : revoked) {
            acks.revoke(tp);
            based.remove(tp);
            lastFetched.remove(tp);
        }
        assignment = Set.of();
        hooks.onRevoked(revoked);
        rt.sensors().onRebalanceReturn(rebalanceState);
    }

    /**
     * The leader-election partition is assigned for the election only; its records are never read.
     * Left fetchable it is often the only partition a fetch asks for (the others being buffered or
     * paused), and the broker then holds that fetch for {@code fetch.max.wait.ms} while no other
     * partition on the broker can be fetched: on one broker that capped throughput at about 73k
     * messages/s (docs/benchmarks.md, "End-to-end on Kafka"). Paused here, it stays paused:
     * {@link BackPressure} only resumes partitions it paused.
     */
    private void pauseLeaderPartition(TransportConsumer c, Set<TP> assigned) {
        String leader = rt.leaderTopicName();
        List<TP> tps = new ArrayList<>();
        for (TP tp : assigned) {
            if (tp.topic().equals(leader)) {
                tps.add(tp);
            }
        }
        if (!tps.isEmpty()) {
            c.pause(tps);
        }
    }

    @Override
    public void onPartitionsAssigned(Set<TP> assigned) {
        Object state = rebalanceState != null ? rebalanceState : rt.sensors().onRebalanceStart();
        Object assignState = rt.sensors().onAssignmentStart();
        log.info("[{}] partitions assigned: {}", rt.settings().id(), new java.util.TreeSet<>(assigned));
        TransportConsumer c = consumer;
        if (c != null) {
            // No committed offsets are asked for here: each partition's ack tracking starts at the
            // first record fetched from it (deliver). Reading starts at the committed offset, and any
            // offset between it and that record (a transaction marker, an aborted or compacted-away
            // record) will never be delivered, so it is as good as committed.
            c.endOffsets(assigned).forEach(rt.monitor()::trackTpEndOffset);
            pauseLeaderPartition(c, assigned);
        }
        assignment = Set.copyOf(assigned);
        try {
            hooks.onAssigned(assigned);
            rt.sensors().onAssignmentCompleted(assignState);
        } catch (RuntimeException e) {
            rt.sensors().onAssignmentError(assignState, e);
            log.error("[{}] partition assignment callback failed", rt.settings().id(), e);
        }
        rt.sensors().onRebalanceEnd(state);
        rebalanceState = null;
    }
}
